import Yams

/// Where a dotted key path (`tasks.split.targets.rest`, `datasets.fashion.path`) is written in a
/// spec's text, for problems found after parsing — a check of the data the spec names — that must
/// point at the line like every parse error.
public struct SpecLocator {
    private let root: Node?
    private let file: String

    public init(yaml: String, file: String) {
        root = try? Yams.compose(yaml: yaml)
        self.file = file
    }

    /// The value's location; the nearest written ancestor's when the key is absent (a default),
    /// and line 1 when the text does not parse.
    public func location(of path: String) -> SourceLocation {
        var node = root
        var best = root.flatMap(Self.mark).map { SourceLocation(file: file, line: $0.line, column: $0.column) }
            ?? SourceLocation(file: file, line: 1, column: 1)
        var rest = Substring(path)
        while !rest.isEmpty, case .mapping(let mapping)? = node {
            // Names may contain dots: take the longest key that the rest of the path starts with.
            let match = mapping.compactMap { key, value -> (String, Node)? in
                guard let name = key.string, rest == name || rest.hasPrefix(name + ".") else { return nil }
                return (name, value)
            }.max { $0.0.count < $1.0.count }
            guard let (name, value) = match else { break }
            node = value
            if let mark = Self.mark(value) { best = SourceLocation(file: file, line: mark.line, column: mark.column) }
            rest = rest.dropFirst(name.count)
            if rest.hasPrefix(".") { rest = rest.dropFirst() }
        }
        return best
    }

    private static func mark(_ node: Node) -> Mark? { node.mark }
}
