import Foundation
@testable import Shared

/// The §2.5 check and schema decoding the codec used before `JSONTape` and `CellResultReader`,
/// kept verbatim as the oracle the faster path is compared with: UTF-8 by round trip through
/// `String`, this recogniser, then `JSONDecoder`.
enum ReferenceJSONDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], command: WireConstants.Command = .result,
                                     frame: Int = 5) throws(ProtocolError) -> T {
        let name = command.description
        guard Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes else {
            throw .invalidUTF8(command: name, frame: frame)
        }
        var scanner = Scanner(bytes: bytes)
        do {
            try scanner.checkDocument()
        } catch {
            switch error {
            case let .malformed(reason): throw .malformedJSON(command: name, frame: frame, reason: reason)
            case .tooDeep: throw .jsonTooDeep(command: name, frame: frame)
            case let .duplicate(member): throw .duplicateMember(command: name, frame: frame, name: member)
            case .nonFinite: throw .nonFiniteNumber(command: name, frame: frame)
            }
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw JSONFrameRules.map(error, command: name, frame: frame)
        } catch {
            throw .malformedJSON(command: name, frame: frame, reason: "\(error)")
        }
    }

    enum Failure: Error { case malformed(String), tooDeep, duplicate(String), nonFinite }

    /// A recursive-descent RFC 8259 recogniser; recursion is bounded by `maxJSONDepth`.
    struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func checkDocument() throws(Failure) {
            skipWhitespace()
            guard peek() == UInt8(ascii: "{") else { throw .malformed("top level is not an object") }
            try value(depth: 0)
            skipWhitespace()
            guard index == bytes.count else { throw .malformed("trailing bytes at offset \(index)") }
        }

        private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        private mutating func skipWhitespace() {
            while let b = peek(), b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { index += 1 }
        }

        private mutating func expect(_ byte: UInt8) throws(Failure) {
            guard peek() == byte else { throw .malformed("expected '\(Character(UnicodeScalar(byte)))' at offset \(index)") }
            index += 1
        }

        private mutating func value(depth: Int) throws(Failure) {
            skipWhitespace()
            guard let b = peek() else { throw .malformed("unexpected end") }
            switch b {
            case UInt8(ascii: "{"):
                guard depth < WireConstants.maxJSONDepth else { throw .tooDeep }
                index += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "}") { index += 1; return }
                // Names compared as raw bytes: two spellings of one name via escapes slip through,
                // which JSONDecoder then resolves to one of them; plain duplicates are caught.
                var names = Set<[UInt8]>()
                while true {
                    skipWhitespace()
                    let name = try string()
                    guard names.insert(name).inserted else {
                        throw .duplicate(String(decoding: name, as: UTF8.self))
                    }
                    skipWhitespace()
                    try expect(UInt8(ascii: ":"))
                    try value(depth: depth + 1)
                    skipWhitespace()
                    if peek() == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "}"))
                    return
                }
            case UInt8(ascii: "["):
                guard depth < WireConstants.maxJSONDepth else { throw .tooDeep }
                index += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "]") { index += 1; return }
                while true {
                    try value(depth: depth + 1)
                    skipWhitespace()
                    if peek() == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "]"))
                    return
                }
            case UInt8(ascii: "\""):
                _ = try string()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try number()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default:
                throw .malformed("unexpected byte 0x\(String(b, radix: 16)) at offset \(index)")
            }
        }

        private mutating func literal(_ word: String) throws(Failure) {
            for byte in word.utf8 { try expect(byte) }
        }

        /// Returns the raw bytes between the quotes.
        private mutating func string() throws(Failure) -> [UInt8] {
            try expect(UInt8(ascii: "\""))
            let start = index
            while let b = peek() {
                switch b {
                case UInt8(ascii: "\""):
                    let raw = Array(bytes[start..<index])
                    index += 1
                    return raw
                case UInt8(ascii: "\\"):
                    index += 1
                    guard let e = peek() else { throw .malformed("unterminated escape") }
                    index += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                         UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        continue
                    case UInt8(ascii: "u"):
                        for _ in 0..<4 {
                            guard let h = peek(), Self.isHex(h) else { throw .malformed("bad \\u escape at offset \(index)") }
                            index += 1
                        }
                    default:
                        throw .malformed("bad escape at offset \(index - 1)")
                    }
                case 0x00..<0x20:
                    throw .malformed("control character in string at offset \(index)")
                default:
                    index += 1
                }
            }
            throw .malformed("unterminated string")
        }

        private mutating func number() throws(Failure) {
            let start = index
            if peek() == UInt8(ascii: "-") { index += 1 }
            guard let first = peek(), Self.isDigit(first) else { throw .malformed("bad number at offset \(start)") }
            index += 1
            if first != UInt8(ascii: "0") { skipDigits() }
            var fraction = false
            if peek() == UInt8(ascii: ".") {
                fraction = true
                index += 1
                guard let d = peek(), Self.isDigit(d) else { throw .malformed("bad fraction at offset \(index)") }
                skipDigits()
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                // Foundation's JSONDecoder refuses a bare 0 before an exponent (docs/protocol.md §2.5).
                // Worded as the reader words it, so a corruption that makes "0e…" compares equal.
                if first == UInt8(ascii: "0") && !fraction {
                    throw .malformed("a 0 directly before an exponent at offset \(start) (write 0.0e… or 0)")
                }
                index += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
                guard let d = peek(), Self.isDigit(d) else { throw .malformed("bad exponent at offset \(index)") }
                skipDigits()
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let value = Double(text), value.isFinite else { throw .nonFinite }
        }

        private mutating func skipDigits() {
            while let d = peek(), Self.isDigit(d) { index += 1 }
        }

        private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        private static func isHex(_ b: UInt8) -> Bool {
            isDigit(b) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "F"))
        }
    }
}
