// Implements docs/protocol.md §2.5 (JSON rules): one pass over a JSON frame that enforces RFC 8259
// syntax, an object at top level, no duplicate member names, nesting depth ≤ 32 and finite
// numbers, and records every value it passes as a node, so a schema decoder can read the frame
// without scanning it again.

/// A JSON frame checked against §2.5 and laid out as a flat array of nodes in document order.
///
/// A container's node is followed by its contents (for objects: name node, then the value's
/// nodes, per member) and records where the next sibling starts, so a reader skips a value in one
/// step. Nothing is decoded up front: strings and numbers keep their byte ranges until a reader
/// asks for them. The bytes must already be valid UTF-8 (`UTF8Validation`); the failures and
/// their order are exactly those of a recursive-descent recogniser reading left to right.
struct JSONTape {
    enum Kind: UInt8 { case object, array, string, number, bool, null }

    struct Node {
        var kind: Kind
        /// Strings (names too): the text holds a backslash escape. Numbers: written without
        /// fraction or exponent. Bools: the value.
        var flag: Bool
        /// Strings: the bytes between the quotes. Numbers: the number's text. Others: unused.
        var start: Int
        var end: Int
        /// Index of the first node after this value and everything inside it.
        var next: Int
        /// Member names: `hash` of the raw text, so comparing two names is mostly comparing two
        /// integers. Zero for every other node.
        var hash: UInt64 = 0
    }

    /// FNV-1a of `text`: cheap, and names that differ almost never collide.
    static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// Why the bytes break §2.5; `JSONFrameRules` maps each case to its `ProtocolError`.
    enum Failure: Error, Equatable {
        case malformed(String)
        case tooDeep
        case duplicate(String)
        case nonFinite
    }

    let bytes: [UInt8]
    let nodes: [Node]

    /// Parses `bytes` (valid UTF-8) and checks §2.5; node 0 is the top-level object.
    init(parsing bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        nodes = try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) -> [Node] in
            var parser = JSONTapeParser(bytes: buffer)
            try parser.document()
            return parser.nodes
        }
    }

    /// The raw bytes of string or number node `index` (escapes not resolved).
    func text(_ index: Int) -> ArraySlice<UInt8> {
        bytes[nodes[index].start..<nodes[index].end]
    }

    /// String node `index` with its escapes resolved, as UTF-8 bytes.
    func unescaped(_ index: Int) -> [UInt8] {
        let node = nodes[index]
        guard node.flag else { return Array(bytes[node.start..<node.end]) }
        return JSONStringEscapes.unescape(bytes[node.start..<node.end])
    }

    /// Whether name node `index` equals `name` once its escapes are resolved.
    func nameEquals(_ index: Int, _ name: StaticString, hash: UInt64) -> Bool {
        let node = nodes[index]
        let expected = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        if node.flag { return unescaped(index).elementsEqual(expected) }
        guard node.hash == hash, node.end - node.start == expected.count else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            Self.equal(UnsafeBufferPointer(rebasing: buffer[node.start..<node.end]), expected)
        }
    }

    /// Byte equality of two buffers (`elementsEqual` goes through iterators and costs far more).
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var i = 0
        while i < a.count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// The value node of member `name` of object node `object`, or nil when it has none.
    func member(_ object: Int, _ name: StaticString) -> Int? {
        let hash = Self.hash(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        var index = object + 1
        let end = nodes[object].next
        while index < end {
            if nameEquals(index, name, hash: hash) { return index + 1 }
            index = nodes[index + 1].next
        }
        return nil
    }
}
