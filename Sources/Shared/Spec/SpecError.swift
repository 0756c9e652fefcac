/// Why a sweep spec was refused; its `description` is the one line a user sees.
///
/// Every case but `unreadable` carries the file, line and column and the dotted key path
/// (`training.learning_rate`, `widths[2]`), so the message reads
/// `sweep.yaml:9:12: widths[2]: expected a positive integer, got "-4"`.
public enum SpecError: Error, CustomStringConvertible, Hashable, Sendable {
    /// The spec file could not be read (missing, unreadable, or not UTF-8 text).
    case unreadable(file: String, reason: String)
    /// The text is not well-formed YAML (bad indentation, unclosed bracket, a key written twice, …).
    case syntax(SourceLocation, message: String)
    /// A mapping holds a key the format does not define; refused so a typo never silently falls
    /// back to a default.
    case unknownKey(SourceLocation, path: String, expected: [String])
    /// A required key is absent; the location is that of the mapping that should hold it.
    case missingKey(SourceLocation, path: String)
    /// A value has the wrong shape or type, or lies outside its allowed range.
    case unexpectedValue(SourceLocation, path: String, expected: String, got: String)
    /// A key is present that has no effect under another setting (momentum with adam, depth for a
    /// cnn), refused so nobody believes a setting is in force when it is not.
    case notApplicable(SourceLocation, path: String, reason: String)
    /// A list or group repeats an entry that must be unique (a width, a seed, a class id).
    case duplicate(SourceLocation, path: String, value: String)
    /// A task refers to a dataset the spec does not declare under `datasets`.
    case unknownDataset(SourceLocation, path: String, name: String, declared: [String])

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the sweep spec: \(reason)"
        case let .syntax(location, message):
            return "\(location): YAML syntax error: \(message)"
        case let .unknownKey(location, path, expected):
            let key = path.split(separator: ".").last.map(String.init) ?? path
            let hint = Self.closest(to: key, among: expected).map { ", did you mean \($0)?" } ?? ""
            let list = expected.joined(separator: ", ")
            return "\(location): \(path): unknown key\(hint) (expected one of: \(list))"
        case let .missingKey(location, path):
            return "\(location): \(path): required key is missing"
        case let .unexpectedValue(location, path, expected, got):
            return "\(location): \(Self.show(path)): expected \(expected), got \(got)"
        case let .notApplicable(location, path, reason):
            return "\(location): \(path): \(reason)"
        case let .duplicate(location, path, value):
            return "\(location): \(path): \(value) appears more than once (entries must be unique)"
        case let .unknownDataset(location, path, name, declared):
            let list = declared.isEmpty ? "none" : declared.joined(separator: ", ")
            return "\(location): \(path): no dataset named \"\(name)\" is declared under datasets "
                + "(declared: \(list))"
        }
    }

    /// Where the problem is, for callers that point at it themselves (an editor, a test).
    public var location: SourceLocation? {
        switch self {
        case .unreadable: return nil
        case let .syntax(location, _), let .unknownKey(location, _, _), let .missingKey(location, _),
             let .unexpectedValue(location, _, _, _), let .notApplicable(location, _, _),
             let .duplicate(location, _, _), let .unknownDataset(location, _, _, _):
            return location
        }
    }

    /// The dotted key path of the offending value, when there is one.
    public var path: String? {
        switch self {
        case .unreadable, .syntax: return nil
        case let .unknownKey(_, path, _), let .missingKey(_, path), let .unexpectedValue(_, path, _, _),
             let .notApplicable(_, path, _), let .duplicate(_, path, _), let .unknownDataset(_, path, _, _):
            return path
        }
    }

    /// The top level has an empty path; say so in words.
    private static func show(_ path: String) -> String {
        path.isEmpty ? "the spec" : path
    }

    /// The expected key closest to a misspelt one, if it is close enough to be a likely typo.
    private static func closest(to key: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(key, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(1, min(3, key.count / 3)) ? best.0 : nil
    }

    /// Levenshtein distance, for the "did you mean" hint.
    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
