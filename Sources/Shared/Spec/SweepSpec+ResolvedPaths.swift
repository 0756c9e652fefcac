import Yams

/// The spec text a coordinator records and sends: the user's file with every relative dataset
/// `path` replaced by the absolute path it means.
///
/// A relative path is relative to the spec file's directory (docs/spec.md §3). Whoever parses
/// the text later does so from somewhere else — a worker writes it into its lease folder, a resume
/// reads it from the journal, a report from `spec.yaml` in the sweep directory — and would resolve
/// the path against that place instead, giving other keys and no data. With the paths absolute,
/// every reader sees what the coordinator saw (docs/protocol.md §2.4 ASSIGN).
extension SweepSpec {
    /// `yaml`, read as the file `file`, with each relative `datasets.*.path` written as the
    /// absolute path it resolves to, double-quoted; every other byte unchanged. Parses `yaml`
    /// first, so a spec it refuses is refused with `parse`'s error. A path written as a block
    /// scalar (`|` or `>`) or over several lines is refused: it has no one-line spelling to replace.
    public static func resolvingRelativePaths(yaml: String, file: String) throws -> String {
        let spec = try parse(yaml: yaml, file: file)
        guard let root = try Yams.compose(yaml: yaml), case .mapping(let top) = root,
              case .mapping(let datasets)? = top["datasets"] else { return yaml }
        var replacements: [(line: Int, column: Int, length: Int, text: String)] = []
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        for (nameNode, value) in datasets {
            guard case .mapping(let entry) = value, let pathNode = entry["path"], case .scalar(let scalar) = pathNode,
                  let mark = pathNode.mark, !scalar.string.hasPrefix("/"),
                  let name = nameNode.string, let absolute = spec.dataset(named: name)?.path else { continue }
            let location = SourceLocation(file: file, line: mark.line, column: mark.column)
            let path = "datasets.\(name).path"
            guard mark.line >= 1, mark.line <= lines.count else { continue }
            let length = try extent(of: scalar, in: lines[mark.line - 1], from: mark.column - 1, location: location, path: path)
            var quoted: [UInt8] = []
            JSONStringEscapes.appendQuoted(absolute, to: &quoted)
            replacements.append((mark.line - 1, mark.column - 1, length, String(decoding: quoted, as: UTF8.self)))
        }
        // Right to left within a line, so earlier columns stay where they were.
        for replacement in replacements.sorted(by: { ($0.line, $0.column) > ($1.line, $1.column) }) {
            let range = replacement.column..<(replacement.column + replacement.length)
            lines[replacement.line].replaceSubrange(range, with: Array(replacement.text.unicodeScalars))
        }
        return lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }

    /// How many characters of `line` from `start` spell `scalar`: its quotes included, nothing
    /// after it (a comma or brace of a flow mapping, a comment).
    private static func extent(of scalar: Node.Scalar, in line: [Unicode.Scalar], from start: Int,
                               location: SourceLocation, path: String) throws -> Int {
        let refused = SpecError.notApplicable(location, path: path, reason:
            "a relative path must be written on one line (plain or quoted) so that it can be made absolute")
        guard start >= 0, start < line.count else { throw refused }
        switch scalar.style {
        case .plain, .any:
            let text = Array(scalar.string.unicodeScalars)
            guard start + text.count <= line.count, Array(line[start..<(start + text.count)]) == text else { throw refused }
            return text.count
        case .doubleQuoted:
            var index = start + 1
            while index < line.count {
                if line[index] == "\\" { index += 2; continue }
                if line[index] == "\"" { return index - start + 1 }
                index += 1
            }
            throw refused
        case .singleQuoted:
            var index = start + 1
            while index < line.count {
                if line[index] == "'" {
                    if index + 1 < line.count && line[index + 1] == "'" { index += 2; continue }
                    return index - start + 1
                }
                index += 1
            }
            throw refused
        case .literal, .folded:
            throw refused
        }
    }
}
