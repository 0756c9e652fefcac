/// Why a key file or the `authorized` file (docs/protocol.md §7.2) could not be used. Each case names
/// the file, and the line for `authorized`, so the message alone says what to fix.
public enum KeyFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read (missing key file, permission denied, not UTF-8).
    case unreadable(path: String, reason: String)
    /// The file could not be created or written.
    case unwritable(path: String, reason: String)
    /// Text that should be a CURVE key is not 40 Z85 characters (path nil: not read from a file).
    case invalidKey(path: String?, problem: String)
    /// A key file does not have the lines it should (one for `NAME.pub`, two for `NAME.secret`), or its
    /// public key does not belong to its secret key.
    case malformedKeyFile(path: String, problem: String)
    /// A secret key file is readable by group or others; `mode` is its permission bits.
    case secretFileTooOpen(path: String, mode: UInt32)
    /// A line of `authorized` is not `<public key> <role> <name>`.
    case malformedAuthorizedLine(path: String, line: Int, problem: String)
    /// Two entries of `authorized` carry the same name: `line` repeats it, or, when appending, already has it.
    case duplicateName(path: String, line: Int, name: String)
    /// Two entries of `authorized` carry the same public key: `line` repeats it, or, when appending,
    /// already has it; `name` is the entry that has it. A key has one role and one name (§7.3).
    case duplicateKey(path: String, line: Int, name: String)
    /// A key name is not one the worker-id pattern allows (`^[A-Za-z0-9._:@-]{1,64}$`).
    case invalidName(name: String)
    /// Writing would overwrite an existing file; keys are never replaced silently.
    case exists(path: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): cannot read: \(reason)"
        case .unwritable(let path, let reason):
            "\(path): cannot write: \(reason)"
        case .invalidKey(let path, let problem):
            "\(path.map { "\($0): " } ?? "")invalid CURVE key: \(problem); expected 40 Z85 characters"
        case .malformedKeyFile(let path, let problem):
            "\(path): malformed key file: \(problem)"
        case .secretFileTooOpen(let path, let mode):
            "\(path): secret key file has mode \(Self.octal(mode)), readable by others; run chmod 600 on it"
        case .malformedAuthorizedLine(let path, let line, let problem):
            "\(path):\(line): \(problem); expected '<public key> <worker|client> <name>'"
        case .duplicateName(let path, let line, let name):
            "\(path):\(line): name '\(name)' is already authorized"
        case .duplicateKey(let path, let line, let name):
            "\(path):\(line): this public key is already authorized (entry '\(name)')"
        case .invalidName(let name):
            "invalid key name '\(name)': use 1-64 of A-Z a-z 0-9 . _ : @ -"
        case .exists(let path):
            "\(path) already exists; refusing to overwrite it"
        }
    }

    /// `0644`-style permission bits.
    static func octal(_ mode: UInt32) -> String {
        let text = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
