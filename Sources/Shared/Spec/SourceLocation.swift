/// A place in a spec file, so every complaint about a spec says where to look.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The file name as the user gave it (not made absolute, so messages read like the command).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars (as libyaml counts them).
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers use, so editors can jump to it.
    public var description: String { "\(file):\(line):\(column)" }
}
