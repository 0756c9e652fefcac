/// The key files of docs/protocol.md §7.2: `NAME.pub`, `NAME.secret` and `authorized`.
public enum KeyFiles {
    /// Mode of a `NAME.secret` file; group or other read bits make readers refuse it.
    public static let secretFileMode: UInt32 = 0o600
    /// Mode of `NAME.pub` and `authorized`.
    public static let publicFileMode: UInt32 = 0o644

    /// `NAME.pub`: one line, the public key in Z85.
    public static func readPublicKey(path: String) throws -> CurveKey {
        let lines = try keyLines(path: path)
        guard lines.count == 1 else {
            throw KeyFileError.malformedKeyFile(path: path, problem: "\(lines.count) lines instead of 1 (the public key)")
        }
        return try key(lines[0], path: path)
    }

    /// `NAME.secret`: the public key, then the secret key. Refuses a file readable by group or others,
    /// and one whose public key does not belong to its secret key.
    public static func readKeyPair(path: String) throws -> CurveKeyPair {
        guard let (text, mode) = try KeyFileIO.read(path) else { throw KeyFileError.unreadable(path: path, reason: "missing") }
        guard mode & 0o044 == 0 else { throw KeyFileError.secretFileTooOpen(path: path, mode: mode) }
        let lines = nonBlankLines(text)
        guard lines.count == 2 else {
            throw KeyFileError.malformedKeyFile(
                path: path, problem: "\(lines.count) lines instead of 2 (public key, then secret key)")
        }
        let pair = CurveKeyPair(publicKey: try key(lines[0], path: path), secretKey: try key(lines[1], path: path))
        guard try CurveKeyPair.publicKey(for: pair.secretKey) == pair.publicKey else {
            throw KeyFileError.malformedKeyFile(path: path, problem: "the public key does not belong to the secret key")
        }
        return pair
    }

    /// Writes `DIRECTORY/NAME.pub` (0644) and `DIRECTORY/NAME.secret` (0600). Refuses to overwrite
    /// either file, and leaves neither behind if it fails halfway.
    public static func write(_ pair: CurveKeyPair, directory: String, name: String) throws {
        guard AuthorizedPeer.isValidName(name) else { throw KeyFileError.invalidName(name: name) }
        let publicPath = "\(directory)/\(name).pub", secretPath = "\(directory)/\(name).secret"
        for path in [publicPath, secretPath] where KeyFileIO.exists(path) { throw KeyFileError.exists(path: path) }
        try KeyFileIO.create(secretPath, text: "\(pair.publicKey.z85)\n\(pair.secretKey.z85)\n", mode: secretFileMode)
        do {
            try KeyFileIO.create(publicPath, text: "\(pair.publicKey.z85)\n", mode: publicFileMode)
        } catch {
            KeyFileIO.remove(secretPath)
            throw error
        }
    }

    /// The allow-list: one `<public key> <role> <name>` per line, `#` comments and blank lines ignored.
    /// A missing file is an empty list. Names and keys must be unique.
    public static func readAuthorized(path: String) throws -> [AuthorizedPeer] {
        guard let (text, _) = try KeyFileIO.read(path, missingIsNil: true) else { return [] }
        return try parseAuthorized(text, path: path).map(\.peer)
    }

    /// Appends `peer` to the allow-list (creating it, 0644), refusing a name or key already on it.
    public static func appendAuthorized(_ peer: AuthorizedPeer, path: String) throws {
        guard AuthorizedPeer.isValidName(peer.name) else { throw KeyFileError.invalidName(name: peer.name) }
        let existing = try KeyFileIO.read(path, missingIsNil: true)
        let entries = try existing.map { try parseAuthorized($0.text, path: path) } ?? []
        if let entry = entries.first(where: { $0.peer.name == peer.name }) {
            throw KeyFileError.duplicateName(path: path, line: entry.line, name: peer.name)
        }
        if let entry = entries.first(where: { $0.peer.publicKey == peer.publicKey }) {
            throw KeyFileError.duplicateKey(path: path, line: entry.line, name: entry.peer.name)
        }
        let separator = (existing?.text.isEmpty ?? true) || existing?.text.hasSuffix("\n") == true ? "" : "\n"
        try KeyFileIO.append(path, text: separator + peer.line + "\n", mode: publicFileMode)
    }

    /// Deletes the line naming `name`, keeping every other line (comments included) as it was.
    /// Returns false if no line names it (or there is no file).
    public static func removeAuthorized(name: String, path: String) throws -> Bool {
        guard let (text, mode) = try KeyFileIO.read(path, missingIsNil: true) else { return false }
        let entries = try parseAuthorized(text, path: path)
        guard let entry = entries.first(where: { $0.peer.name == name }) else { return false }
        var kept = lines(text).map(String.init)
        kept.remove(at: entry.line - 1)
        try KeyFileIO.replace(path, text: kept.joined(separator: "\n"), mode: mode)
        return true
    }

    // MARK: Parsing

    /// Each peer with the 1-based line it is on.
    static func parseAuthorized(_ text: String, path: String) throws -> [(peer: AuthorizedPeer, line: Int)] {
        var entries: [(peer: AuthorizedPeer, line: Int)] = []
        for (index, rawLine) in lines(text).enumerated() {
            let number = index + 1
            // A comment starts at a word beginning with `#`, not at any `#`: Z85 keys contain `#`, but
            // never as their first character (no 32-bit group's top digit can be 84).
            let fields = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" })
                .prefix { !$0.hasPrefix("#") }.map(String.init)
            if fields.isEmpty { continue }
            func malformed(_ problem: String) -> KeyFileError {
                .malformedAuthorizedLine(path: path, line: number, problem: problem)
            }
            guard fields.count == 3 else { throw malformed("\(fields.count) fields instead of 3") }
            guard let publicKey = try? CurveKey(z85: fields[0]) else {
                throw malformed("'\(fields[0])' is not a 40-character Z85 public key")
            }
            guard let role = AuthorizedPeer.Role(rawValue: fields[1]) else {
                throw malformed("role '\(fields[1])' is neither worker nor client")
            }
            guard AuthorizedPeer.isValidName(fields[2]) else {
                throw malformed("name '\(fields[2])' is not 1-64 of A-Z a-z 0-9 . _ : @ -")
            }
            let peer = AuthorizedPeer(publicKey: publicKey, role: role, name: fields[2])
            if entries.contains(where: { $0.peer.name == peer.name }) {
                throw KeyFileError.duplicateName(path: path, line: number, name: peer.name)
            }
            if let earlier = entries.first(where: { $0.peer.publicKey == publicKey }) {
                throw KeyFileError.duplicateKey(path: path, line: number, name: earlier.peer.name)
            }
            entries.append((peer, number))
        }
        return entries
    }

    private static func keyLines(path: String) throws -> [String] {
        guard let (text, _) = try KeyFileIO.read(path) else { throw KeyFileError.unreadable(path: path, reason: "missing") }
        return nonBlankLines(text)
    }

    /// Lines with surrounding whitespace (and a CR from CRLF files) removed, blank ones dropped.
    private static func nonBlankLines(_ text: String) -> [String] {
        lines(text).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// Lines split at LF, CRLF or CR (Swift reads CRLF as one character, so splitting at "\n" alone
    /// would leave CRLF files in one piece).
    private static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    private static func key(_ text: String, path: String) throws -> CurveKey {
        do {
            return try CurveKey(z85: text)
        } catch KeyFileError.invalidKey(_, let problem) {
            throw KeyFileError.invalidKey(path: path, problem: problem)
        }
    }
}

private extension Substring {
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
