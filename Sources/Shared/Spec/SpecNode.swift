import Yams

/// A YAML node together with its dotted key path and location, so every typed read can fail
/// with a message that names both.
///
/// Numbers are read from the scalar text as plain decimals, not through Yams' YAML 1.1 resolver,
/// which reads `010` as octal 8, `1:30` as 90 and `1_000` as 1000: a spec should mean what it
/// looks like. Quoted scalars are always strings (`"16"` is not a width).
struct SpecNode {
    let node: Node
    /// Dotted path from the top of the document; empty for the document itself.
    let path: String
    let location: SourceLocation

    init(node: Node, path: String, file: String, fallback: SourceLocation? = nil) {
        self.node = node
        self.path = path
        if let mark = node.mark {
            location = SourceLocation(file: file, line: mark.line, column: mark.column)
        } else {
            location = fallback ?? SourceLocation(file: file, line: 1, column: 1)
        }
    }

    /// The path of a key below this node.
    func path(key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// A plain (unquoted) scalar's text, or nil for quoted scalars and collections.
    private var plainText: String? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else {
            return nil
        }
        return scalar.string
    }

    /// True for `null`, `~` or nothing at all after the colon.
    var isNull: Bool {
        guard let text = plainText else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// How the value looks, for "expected …, got …" messages.
    var shown: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull { return scalar.string.isEmpty ? "nothing" : "null" }
            if plainText == nil { return "the quoted string \"\(scalar.string)\"" }
            return "\"\(scalar.string)\""
        }
    }

    /// The error for a value that is not what `expected` describes.
    func mismatch(_ expected: String, got: String? = nil) -> SpecError {
        .unexpectedValue(location, path: path, expected: expected, got: got ?? shown)
    }

    /// Any non-null scalar, as text.
    func string(_ expected: String = "a string") throws -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw mismatch(expected) }
        return scalar.string
    }

    /// A name usable in file names, report columns and dotted paths: `[A-Za-z0-9_.-]+`.
    func name() throws -> String {
        let text = try string(Self.nameRule)
        guard Self.isName(text) else { throw mismatch(Self.nameRule) }
        return text
    }

    static let nameRule = "a name made of letters, digits, '_', '.' or '-'"

    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "-": return true
            default: return false
            }
        }
    }

    /// A decimal integer satisfying `valid`; `expected` says in words what is allowed.
    func integer(_ expected: String, where valid: (Int) -> Bool = { _ in true }) throws -> Int {
        guard let text = plainText, let value = Int(text), valid(value) else { throw mismatch(expected) }
        return value
    }

    /// A decimal integer in 0…2⁶⁴−1, for seeds.
    func unsigned64(_ expected: String) throws -> UInt64 {
        guard let text = plainText, let value = UInt64(text) else { throw mismatch(expected) }
        return value
    }

    /// A finite decimal number (integers allowed) satisfying `valid`.
    func number(_ expected: String, where valid: (Double) -> Bool = { _ in true }) throws -> Double {
        guard let text = plainText, !text.isEmpty,
              text.allSatisfy({ "0123456789+-.eE".contains($0) }),
              let value = Double(text), value.isFinite, valid(value)
        else { throw mismatch(expected) }
        return value
    }

    /// One of a fixed set of words (`sgd`, `adam`), listed in the message when it is not.
    func choice(_ choices: [String]) throws -> String {
        let expected = "one of " + choices.joined(separator: ", ")
        let text = try string(expected)
        guard choices.contains(text) else { throw mismatch(expected) }
        return text
    }

    /// The elements of a list, each with its `path[i]`.
    func list(_ expected: String = "a list") throws -> [SpecNode] {
        guard case .sequence(let sequence) = node else { throw mismatch(expected) }
        return sequence.enumerated().map { index, element in
            SpecNode(node: element, path: "\(path)[\(index)]", file: location.file, fallback: location)
        }
    }

    /// A list of unique integers, each `element` (with its article: "a positive integer") and
    /// satisfying `valid`; `list` describes the whole ("a list of positive integers").
    func uniqueIntegers(_ element: String, list: String, where valid: (Int) -> Bool) throws -> [Int] {
        var seen = Set<Int>()
        var values: [Int] = []
        for item in try self.list(list) {
            let value = try item.integer(element, where: valid)
            guard seen.insert(value).inserted else {
                throw SpecError.duplicate(item.location, path: item.path, value: String(value))
            }
            values.append(value)
        }
        return values
    }

    /// This node as a mapping whose keys are all among `allowed`.
    func mapping(allowing allowed: [String], expected: String = "a mapping") throws -> SpecMapping {
        let mapping = try SpecMapping(self, expected: expected)
        try mapping.checkKeys(allowed)
        return mapping
    }

    /// This node as a mapping from user-chosen names (datasets, tasks, targets, groups), in the
    /// order written, each name checked against `nameRule`.
    func namedEntries(_ expected: String) throws -> [(name: String, value: SpecNode)] {
        let mapping = try SpecMapping(self, expected: expected)
        return try mapping.entries.map { entry in
            guard SpecNode.isName(entry.key) else {
                throw SpecError.unexpectedValue(
                    entry.keyLocation, path: entry.value.path, expected: Self.nameRule, got: "\"\(entry.key)\"")
            }
            return (entry.key, entry.value)
        }
    }
}

/// The values of a key that may be a model axis: one value, or a list of them.
struct AxisValues<Value: Hashable> {
    var values: [Value]
    /// Written as a list (even of one value): the key is an axis of the grid and names variants.
    var isList: Bool
}

extension SpecNode {
    /// A single value or a non-empty list of unique values, each read by `read`: the keys that
    /// may be grid axes (docs/spec.md §4, "Model axes").
    func axisValues<Value: Hashable & CustomStringConvertible>(_ read: (SpecNode) throws -> Value) throws -> AxisValues<Value> {
        guard case .sequence = node else { return AxisValues(values: [try read(self)], isList: false) }
        let items = try list()
        guard !items.isEmpty else { throw mismatch("a value or a non-empty list of values", got: "an empty list") }
        var values: [Value] = []
        for item in items {
            let value = try read(item)
            guard !values.contains(value) else {
                throw SpecError.duplicate(item.location, path: item.path, value: value.description)
            }
            values.append(value)
        }
        return AxisValues(values: values, isList: true)
    }

    /// This node, refused when it is a list: only the model axes may be lists.
    func single() throws -> SpecNode {
        guard case .sequence = node else { return self }
        throw mismatch("a single value (only model.family, model.depth, model.parameterization and "
                       + "training.optimizer may be lists)", got: "a list")
    }
}
