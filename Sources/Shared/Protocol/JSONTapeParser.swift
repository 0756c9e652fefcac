// Implements docs/protocol.md §2.5 (JSON rules) for `JSONTape`: the recursive-descent pass itself.

/// Reads one JSON document left to right, appending a `JSONTape.Node` per value and stopping at
/// the first §2.5 violation. Recursion is bounded by `WireConstants.maxJSONDepth`.
///
/// Failures and their wording match the recogniser the protocol tests were written against, so
/// a log line does not depend on which decoder read the frame.
struct JSONTapeParser {
    typealias Failure = JSONTape.Failure
    typealias Node = JSONTape.Node

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var nodes: [Node] = []

    /// Objects up to this many members compare each new name with the earlier ones in place;
    /// larger ones (never a schema object, but a peer may send one) switch to a set, so a
    /// crafted frame cannot make the check quadratic.
    private static let pairwiseMemberLimit = 16

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // About one node per 12 bytes in a typical result; growing past this is cheap.
        nodes.reserveCapacity(bytes.count / 12 + 8)
    }

    mutating func document() throws(Failure) {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else { throw .malformed("top level is not an object") }
        try value(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw .malformed("trailing bytes at offset \(index)") }
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            let b = bytes[index]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            index += 1
        }
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
            try object(depth: depth)
        case UInt8(ascii: "["):
            guard depth < WireConstants.maxJSONDepth else { throw .tooDeep }
            let node = open(.array)
            index += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                index += 1
                return close(node)
            }
            while true {
                try value(depth: depth + 1)
                skipWhitespace()
                if peek() == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "]"))
                return close(node)
            }
        case UInt8(ascii: "\""):
            try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
        case UInt8(ascii: "t"):
            try literal("true")
            nodes.append(Node(kind: .bool, flag: true, start: index, end: index, next: nodes.count + 1))
        case UInt8(ascii: "f"):
            try literal("false")
            nodes.append(Node(kind: .bool, flag: false, start: index, end: index, next: nodes.count + 1))
        case UInt8(ascii: "n"):
            try literal("null")
            nodes.append(Node(kind: .null, flag: false, start: index, end: index, next: nodes.count + 1))
        default:
            throw .malformed("unexpected byte 0x\(String(b, radix: 16)) at offset \(index)")
        }
    }

    private mutating func object(depth: Int) throws(Failure) {
        let node = open(.object)
        index += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return close(node)
        }
        var members = 0
        var names: Set<[UInt8]>? = nil  // only for objects past `pairwiseMemberLimit` members
        while true {
            skipWhitespace()
            let name = nodes.count
            try string()
            nodes[name].hash = JSONTape.hash(UnsafeBufferPointer(rebasing: bytes[nodes[name].start..<nodes[name].end]))
            try checkUnique(name: name, object: node, earlier: members, set: &names)
            members += 1
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            try value(depth: depth + 1)
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { index += 1; continue }
            try expect(UInt8(ascii: "}"))
            return close(node)
        }
    }

    /// Names are compared after resolving escapes, so `"a"` and `"\u0061"` are the same member.
    private func checkUnique(name: Int, object: Int, earlier: Int, set names: inout Set<[UInt8]>?) throws(Failure) {
        if earlier < Self.pairwiseMemberLimit {
            var other = object + 1
            for _ in 0..<earlier {
                if sameName(other, name) { throw duplicate(name) }
                other = nodes[other + 1].next
            }
            return
        }
        if names == nil {
            var set = Set<[UInt8]>()
            var other = object + 1
            for _ in 0..<earlier {
                set.insert(unescaped(other))
                other = nodes[other + 1].next
            }
            names = set
        }
        guard names?.insert(unescaped(name)).inserted == true else { throw duplicate(name) }
    }

    private func duplicate(_ name: Int) -> Failure {
        .duplicate(String(decoding: UnsafeBufferPointer(rebasing: bytes[nodes[name].start..<nodes[name].end]), as: UTF8.self))
    }

    private func sameName(_ a: Int, _ b: Int) -> Bool {
        let x = nodes[a], y = nodes[b]
        if x.flag || y.flag { return unescaped(a) == unescaped(b) }
        guard x.hash == y.hash, x.end - x.start == y.end - y.start else { return false }
        return JSONTape.equal(UnsafeBufferPointer(rebasing: bytes[x.start..<x.end]),
                              UnsafeBufferPointer(rebasing: bytes[y.start..<y.end]))
    }

    private func unescaped(_ node: Int) -> [UInt8] {
        let slice = bytes[nodes[node].start..<nodes[node].end]
        return nodes[node].flag ? JSONStringEscapes.unescape(slice) : Array(slice)
    }

    private mutating func open(_ kind: JSONTape.Kind) -> Int {
        nodes.append(Node(kind: kind, flag: false, start: index, end: index, next: 0))
        return nodes.count - 1
    }

    private mutating func close(_ node: Int) {
        nodes[node].end = index
        nodes[node].next = nodes.count
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let text = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for byte in text { try expect(byte) }
    }

    private mutating func string() throws(Failure) {
        try expect(UInt8(ascii: "\""))
        let start = index
        var escaped = false
        while index < bytes.count {
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                nodes.append(Node(kind: .string, flag: escaped, start: start, end: index, next: nodes.count + 1))
                index += 1
                return
            case UInt8(ascii: "\\"):
                escaped = true
                index += 1
                guard let e = peek() else { throw .malformed("unterminated escape") }
                index += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    for _ in 0..<4 {
                        guard let h = peek(), JSONStringEscapes.hexValue(h) != nil else {
                            throw .malformed("bad \\u escape at offset \(index)")
                        }
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
        // Digits before the point (none for "0"): the number is below 10^(that + exponent).
        let integerDigits = first == UInt8(ascii: "0") ? 0 : index - start - (bytes[start] == UInt8(ascii: "-") ? 1 : 0)
        var integral = true
        if peek() == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard let d = peek(), Self.isDigit(d) else { throw .malformed("bad fraction at offset \(index)") }
            skipDigits()
        }
        var exponent = 0
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            // RFC 8259 allows "0e5", but Foundation's JSONDecoder — which reads stored results
            // back for reports — refuses some such spellings ("0E5", not "-0e-1"); accepting them
            // here recorded a result the report then called unreadable (found by scripts/ci/fuzz).
            // Every bare 0 before an exponent is refused, so what this accepts, JSONDecoder does.
            if first == UInt8(ascii: "0") && integral {
                throw .malformed("a 0 directly before an exponent at offset \(start) (write 0.0e… or 0)")
            }
            integral = false
            index += 1
            var negative = false
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                negative = sign == UInt8(ascii: "-")
                index += 1
            }
            guard let d = peek(), Self.isDigit(d) else { throw .malformed("bad exponent at offset \(index)") }
            while let d = peek(), Self.isDigit(d) {
                // Saturates: any exponent this large already decides the bound below.
                exponent = min(exponent * 10 + Int(d - UInt8(ascii: "0")), 1_000_000)
                index += 1
            }
            if negative { exponent = -exponent }
        }
        // Below 10^308 is finite; only a number that might be larger is converted to find out.
        if integerDigits + exponent > 308 {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let value = Double(text), value.isFinite else { throw .nonFinite }
        }
        nodes.append(Node(kind: .number, flag: integral, start: start, end: index, next: nodes.count + 1))
    }

    private mutating func skipDigits() {
        while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
