// Implements docs/protocol.md §6.1 step 7 ("the command's schema": required members present with
// the right types) for schema decoders that read a `JSONTape` instead of using `JSONDecoder`.

/// Typed reads of members and elements from a `JSONTape`, with `JSONDecoder`'s semantics: a
/// missing member, a `null` where a value is required and a value of the wrong kind fail with the
/// path `JSONDecoder` would report (`source.history.[2].epoch`), and numbers are read as it reads
/// them (`JSONNumberText`).
///
/// The path is kept as a stack of components and turned into text only when a read fails.
struct JSONTapeReader {
    /// Why a read failed; `path` is the dotted member path.
    enum Problem: Error, Equatable {
        case missing(path: String)
        case wrongType(path: String)
        case invalid(path: String, problem: String)
    }

    private enum Component {
        case key(StaticString)
        case index(Int)
    }

    let tape: JSONTape
    private var path: [Component] = []

    init(_ tape: JSONTape) {
        self.tape = tape
        path.reserveCapacity(8)
    }

    // MARK: Containers

    /// Reads the top-level object: `body` gets its node.
    mutating func root<T>(_ body: (inout JSONTapeReader, Int) throws(Problem) -> T) throws(Problem) -> T {
        try checkNames(0)
        return try body(&self, 0)
    }

    /// Reads member `key` of `object` as an object: `body` gets its node.
    mutating func object<T>(_ object: Int, _ key: StaticString,
                            _ body: (inout JSONTapeReader, Int) throws(Problem) -> T) throws(Problem) -> T {
        let node = try member(object, key)
        path.append(.key(key))
        let value = try objectValue(node, body)
        path.removeLast()
        return value
    }

    /// An optional object member: absent and `null` are both nil, as with `decodeIfPresent`.
    mutating func optionalObject<T>(_ object: Int, _ key: StaticString,
                                    _ body: (inout JSONTapeReader, Int) throws(Problem) -> T) throws(Problem) -> T? {
        guard let node = tape.member(object, key), tape.nodes[node].kind != .null else { return nil }
        path.append(.key(key))
        let value = try objectValue(node, body)
        path.removeLast()
        return value
    }

    /// Reads member `key` of `object` as an array whose elements `element` reads from their nodes.
    mutating func array<T>(_ object: Int, _ key: StaticString,
                           _ element: (inout JSONTapeReader, Int) throws(Problem) -> T) throws(Problem) -> [T] {
        let node = try member(object, key)
        path.append(.key(key))
        guard tape.nodes[node].kind == .array else { throw wrongType() }
        var values: [T] = []
        var index = node + 1
        let end = tape.nodes[node].next
        while index < end {
            path.append(.index(values.count))
            values.append(try element(&self, index))
            path.removeLast()
            index = tape.nodes[index].next
        }
        path.removeLast()
        return values
    }

    /// An array element that must be an object: `body` gets its node.
    mutating func objectValue<T>(_ node: Int, _ body: (inout JSONTapeReader, Int) throws(Problem) -> T) throws(Problem) -> T {
        guard tape.nodes[node].kind == .object else { throw wrongType() }
        try checkNames(node)
        return try body(&self, node)
    }

    // MARK: Members

    mutating func int(_ object: Int, _ key: StaticString) throws(Problem) -> Int {
        let node = try member(object, key)
        path.append(.key(key))
        let value = try intValue(node)
        path.removeLast()
        return value
    }

    mutating func double(_ object: Int, _ key: StaticString) throws(Problem) -> Double {
        let node = try member(object, key)
        path.append(.key(key))
        let value = try doubleValue(node)
        path.removeLast()
        return value
    }

    /// An optional member: absent and `null` are both nil, as with `decodeIfPresent`.
    mutating func optionalDouble(_ object: Int, _ key: StaticString) throws(Problem) -> Double? {
        guard let node = tape.member(object, key), tape.nodes[node].kind != .null else { return nil }
        path.append(.key(key))
        let value = try doubleValue(node)
        path.removeLast()
        return value
    }

    /// An optional integer member: absent and `null` are both nil.
    mutating func optionalInt(_ object: Int, _ key: StaticString) throws(Problem) -> Int? {
        guard let node = tape.member(object, key), tape.nodes[node].kind != .null else { return nil }
        path.append(.key(key))
        let value = try intValue(node)
        path.removeLast()
        return value
    }

    mutating func string(_ object: Int, _ key: StaticString) throws(Problem) -> String {
        let node = try member(object, key)
        path.append(.key(key))
        let value = try stringValue(node)
        path.removeLast()
        return value
    }

    /// An optional string member: absent and `null` are both nil.
    mutating func optionalString(_ object: Int, _ key: StaticString) throws(Problem) -> String? {
        guard let node = tape.member(object, key), tape.nodes[node].kind != .null else { return nil }
        path.append(.key(key))
        let value = try stringValue(node)
        path.removeLast()
        return value
    }

    mutating func bool(_ object: Int, _ key: StaticString) throws(Problem) -> Bool {
        let node = try member(object, key)
        guard tape.nodes[node].kind == .bool else {
            path.append(.key(key))
            throw wrongType()
        }
        return tape.nodes[node].flag
    }

    // MARK: Values

    func intValue(_ node: Int) throws(Problem) -> Int {
        let n = tape.nodes[node]
        guard n.kind == .number else { throw wrongType() }
        let value = tape.bytes.withUnsafeBufferPointer {
            JSONNumberText.integer(UnsafeBufferPointer(rebasing: $0[n.start..<n.end]), plain: n.flag)
        }
        guard let value else { throw invalid("is \(text(node)), not an integer within ±2^53") }
        return value
    }

    func doubleValue(_ node: Int) throws(Problem) -> Double {
        let n = tape.nodes[node]
        guard n.kind == .number else { throw wrongType() }
        let (value, nonZero) = tape.bytes.withUnsafeBufferPointer {
            JSONNumberText.double(UnsafeBufferPointer(rebasing: $0[n.start..<n.end]))
        }
        // JSONDecoder refuses a number that rounds to zero although it is not zero.
        guard value.isFinite, value != 0 || !nonZero else { throw invalid("is \(text(node)), which a double cannot hold") }
        return value
    }

    func stringValue(_ node: Int) throws(Problem) -> String {
        let n = tape.nodes[node]
        guard n.kind == .string else { throw wrongType() }
        let slice = tape.bytes[n.start..<n.end]
        guard n.flag else { return String(decoding: slice, as: UTF8.self) }
        guard let bytes = JSONStringEscapes.unescapeValidating(slice) else {
            throw invalid("holds an escaped half of a surrogate pair, which is not Unicode text")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Helpers

    private func member(_ object: Int, _ key: StaticString) throws(Problem) -> Int {
        guard let node = tape.member(object, key) else {
            throw .missing(path: render(path + [.key(key)]))
        }
        return node
    }

    /// JSONDecoder reads every member name of an object it decodes, so an escaped name that is
    /// not Unicode text fails the object even when the schema does not use that member.
    private func checkNames(_ object: Int) throws(Problem) {
        var index = object + 1
        let end = tape.nodes[object].next
        while index < end {
            let name = tape.nodes[index]
            if name.flag, JSONStringEscapes.unescapeValidating(tape.bytes[name.start..<name.end]) == nil {
                throw invalid("has a member name that is not Unicode text")
            }
            index = tape.nodes[index + 1].next
        }
    }

    private func text(_ node: Int) -> String {
        String(decoding: tape.text(node).prefix(40), as: UTF8.self)
    }

    private func wrongType() -> Problem { .wrongType(path: render(path)) }

    private func invalid(_ problem: String) -> Problem { .invalid(path: render(path), problem: problem) }

    private func render(_ components: [Component]) -> String {
        let joined = components.map { component -> String in
            switch component {
            case let .key(name): "\(name)"
            case let .index(index): "[\(index)]"
            }
        }.joined(separator: ".")
        return joined.isEmpty ? "(top level)" : joined
    }
}
