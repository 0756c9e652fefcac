/// The dict literal of a `.npy` header, read by a grammar of exactly what NumPy writes (`NPYArray`).
struct NPYHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    static func parse(_ text: String, fail: @escaping (String) -> DatasetError) throws -> NPYHeader {
        var scanner = Scanner(characters: Array(text.unicodeScalars), fail: fail)
        var descr: String?, fortranOrder: Bool?, shape: [Int]?
        try scanner.expect("{")
        while true {
            scanner.skipSpaces()
            if scanner.take("}") { break }
            let key = try scanner.quoted()
            try scanner.expect(":")
            switch key {
            case "descr":
                guard descr == nil else { throw fail("header repeats 'descr'") }
                scanner.skipSpaces()
                if scanner.peek == "[" { throw fail("a structured dtype (a list of fields); save plain arrays") }
                descr = try scanner.quoted()
            case "fortran_order":
                guard fortranOrder == nil else { throw fail("header repeats 'fortran_order'") }
                fortranOrder = try scanner.boolean()
            case "shape":
                guard shape == nil else { throw fail("header repeats 'shape'") }
                shape = try scanner.tuple()
            default:
                throw fail("header has an unknown key '\(key)'")
            }
            scanner.skipSpaces()
            if scanner.take(",") { continue }
            try scanner.expect("}")
            break
        }
        scanner.skipSpaces()   // NumPy pads with spaces and ends with a newline.
        guard scanner.atEnd else { throw fail("header has text after its closing brace") }
        guard let descr, let fortranOrder, let shape else {
            throw fail("header lacks \(descr == nil ? "'descr'" : fortranOrder == nil ? "'fortran_order'" : "'shape'")")
        }
        return NPYHeader(descr: descr, fortranOrder: fortranOrder, shape: shape)
    }

    private struct Scanner {
        let characters: [Unicode.Scalar]
        let fail: (String) -> DatasetError
        var index = 0

        var atEnd: Bool { index == characters.count }
        var peek: Unicode.Scalar? { index < characters.count ? characters[index] : nil }

        mutating func skipSpaces() {
            while let c = peek, c == " " || c == "\n" || c == "\t" || c == "\r" { index += 1 }
        }

        mutating func take(_ c: Unicode.Scalar) -> Bool {
            guard peek == c else { return false }
            index += 1
            return true
        }

        mutating func expect(_ c: Unicode.Scalar) throws {
            skipSpaces()
            guard take(c) else { throw fail("header is not a dict literal: expected '\(c)' at character \(index)") }
        }

        /// A string in single or double quotes, without escapes (NumPy's keys and dtypes have none).
        mutating func quoted() throws -> String {
            skipSpaces()
            guard let quote = peek, quote == "'" || quote == "\"" else { throw fail("header: expected a quoted string at character \(index)") }
            index += 1
            var text = ""
            while let c = peek, c != quote {
                guard c != "\\" else { throw fail("header: escapes in strings are not read") }
                text.unicodeScalars.append(c)
                index += 1
            }
            guard take(quote) else { throw fail("header: unterminated string") }
            return text
        }

        mutating func boolean() throws -> Bool {
            skipSpaces()
            for (word, value) in [("True", true), ("False", false)] where characters[index...].starts(with: word.unicodeScalars) {
                index += word.unicodeScalars.count
                return value
            }
            throw fail("header: expected True or False at character \(index)")
        }

        /// `()`, `(7,)`, `(60000, 28, 28)`: non-negative decimal integers.
        mutating func tuple() throws -> [Int] {
            try expect("(")
            var values: [Int] = []
            while true {
                skipSpaces()
                if take(")") { break }
                var digits = ""
                while let c = peek, ("0"..."9").contains(c) {
                    digits.unicodeScalars.append(c)
                    index += 1
                }
                guard !digits.isEmpty else { throw fail("header: expected a dimension at character \(index)") }
                guard let value = Int(digits) else { throw fail("header: dimension \(digits) is too large") }
                values.append(value)
                skipSpaces()
                if take(",") { continue }
                try expect(")")
                break
            }
            return values
        }
    }
}
