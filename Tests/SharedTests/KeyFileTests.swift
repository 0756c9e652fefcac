import Foundation
import Testing
import Shared

/// docs/protocol.md §7.2: the key directory's `NAME.pub`, `NAME.secret` and `authorized` files.
struct KeyFileTests {
    /// A fresh directory per test, removed when the test ends.
    final class Directory {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "keyfiles-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func write(_ name: String, _ text: String) throws {
            try text.write(toFile: "\(path)/\(name)", atomically: false, encoding: .utf8)
        }
        func read(_ name: String) throws -> String { try String(contentsOfFile: "\(path)/\(name)", encoding: .utf8) }
        func mode(_ name: String) throws -> Int {
            try FileManager.default.attributesOfItem(atPath: "\(path)/\(name)")[.posixPermissions] as? Int ?? -1
        }
        func chmod(_ name: String, _ mode: Int) throws {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: "\(path)/\(name)")
        }
    }

    static func peer(_ name: String, _ role: AuthorizedPeer.Role = .worker) throws -> AuthorizedPeer {
        AuthorizedPeer(publicKey: try CurveKeyPair.generate().publicKey, role: role, name: name)
    }

    /// §7.2: NAME.pub holds the public key (0644), NAME.secret both keys (0600); reading gives them back.
    @Test func writtenKeysReadBackWithTheModesOfTheSpec() throws {
        let directory = try Directory()
        let pair = try CurveKeyPair.generate()
        try KeyFiles.write(pair, directory: directory.path, name: "node7")
        #expect(try directory.mode("node7.pub") == 0o644)
        #expect(try directory.mode("node7.secret") == 0o600)
        #expect(try directory.read("node7.pub") == pair.publicKey.z85 + "\n")
        #expect(try KeyFiles.readPublicKey(path: "\(directory.path)/node7.pub") == pair.publicKey)
        let read = try KeyFiles.readKeyPair(path: "\(directory.path)/node7.secret")
        #expect(read.publicKey == pair.publicKey && read.secretKey == pair.secretKey)
    }

    /// §7.2: keys are never silently replaced.
    @Test func writingRefusesToOverwriteEitherFile() throws {
        let directory = try Directory()
        try directory.write("node7.pub", "old\n")
        #expect(throws: KeyFileError.exists(path: "\(directory.path)/node7.pub")) {
            try KeyFiles.write(try CurveKeyPair.generate(), directory: directory.path, name: "node7")
        }
        #expect(try directory.read("node7.pub") == "old\n")
        #expect(!FileManager.default.fileExists(atPath: "\(directory.path)/node7.secret"))
        #expect(throws: KeyFileError.invalidName(name: "../x")) {
            try KeyFiles.write(try CurveKeyPair.generate(), directory: directory.path, name: "../x")
        }
    }

    /// §7.2: readers MUST refuse a secret file readable by group or others, naming the mode.
    @Test func secretFileReadableByOthersIsRefusedNamingItsMode() throws {
        let directory = try Directory()
        try KeyFiles.write(try CurveKeyPair.generate(), directory: directory.path, name: "w")
        try directory.chmod("w.secret", 0o644)
        let path = "\(directory.path)/w.secret"
        #expect(throws: KeyFileError.secretFileTooOpen(path: path, mode: 0o644)) { try KeyFiles.readKeyPair(path: path) }
        #expect(KeyFileError.secretFileTooOpen(path: path, mode: 0o644).description.contains("mode 0644"))
        try directory.chmod("w.secret", 0o640)
        #expect(throws: KeyFileError.secretFileTooOpen(path: path, mode: 0o640)) { try KeyFiles.readKeyPair(path: path) }
        try directory.chmod("w.secret", 0o400)
        #expect(throws: Never.self) { try KeyFiles.readKeyPair(path: path) }
    }

    @Test func malformedKeyFilesAreRefusedNamingTheFile() throws {
        let directory = try Directory()
        let pair = try CurveKeyPair.generate(), other = try CurveKeyPair.generate()
        try directory.write("two.pub", "\(pair.publicKey.z85)\n\(pair.publicKey.z85)\n")
        #expect(throws: KeyFileError.malformedKeyFile(path: "\(directory.path)/two.pub",
                                                      problem: "2 lines instead of 1 (the public key)")) {
            try KeyFiles.readPublicKey(path: "\(directory.path)/two.pub")
        }
        try directory.write("short.pub", "HelloWorld\n")
        #expect(throws: KeyFileError.invalidKey(path: "\(directory.path)/short.pub",
                                                problem: "10 characters instead of 40")) {
            try KeyFiles.readPublicKey(path: "\(directory.path)/short.pub")
        }
        try directory.write("mixed.secret", "\(other.publicKey.z85)\n\(pair.secretKey.z85)\n")
        try directory.chmod("mixed.secret", 0o600)
        #expect(throws: KeyFileError.malformedKeyFile(path: "\(directory.path)/mixed.secret",
                                                      problem: "the public key does not belong to the secret key")) {
            try KeyFiles.readKeyPair(path: "\(directory.path)/mixed.secret")
        }
        #expect(throws: KeyFileError.self) { try KeyFiles.readPublicKey(path: "\(directory.path)/missing.pub") }
    }

    /// §7.2: `#` starts a comment, blank lines are ignored, a missing file allows nobody.
    @Test func authorizedFileSkipsCommentsAndBlankLines() throws {
        let directory = try Directory()
        let path = "\(directory.path)/authorized"
        #expect(try KeyFiles.readAuthorized(path: path) == [])
        let a = try Self.peer("node7:a"), b = try Self.peer("status-cli", .client)
        try directory.write("authorized", """
            # allowed peers

            \(a.publicKey.z85) worker node7:a   # rack 3
            \t\(b.publicKey.z85)\tclient\tstatus-cli\r

            """)
        #expect(try KeyFiles.readAuthorized(path: path) == [a, b])
        #expect(a.userId == "worker:node7:a")
    }

    /// §7.2: a line that is not `<key> <role> <name>` is refused with its line number and the problem.
    @Test(arguments: [
        ("worker node7", "2 fields instead of 3"),
        ("KEY worker node7 extra", "4 fields instead of 3"),
        ("HelloWorld worker node7", "'HelloWorld' is not a 40-character Z85 public key"),
        ("KEY admin node7", "role 'admin' is neither worker nor client"),
        ("KEY worker node/7", "name 'node/7' is not 1-64 of A-Z a-z 0-9 . _ : @ -"),
    ])
    func malformedAuthorizedLineIsNamedWithItsLineNumber(line: String, problem: String) throws {
        let directory = try Directory()
        let key = try CurveKeyPair.generate().publicKey.z85
        try directory.write("authorized", "# header\n\n\(line.replacingOccurrences(of: "KEY", with: key))\n")
        let path = "\(directory.path)/authorized"
        let expected = KeyFileError.malformedAuthorizedLine(path: path, line: 3, problem: problem)
        #expect(throws: expected) { try KeyFiles.readAuthorized(path: path) }
        #expect(expected.description.hasPrefix("\(path):3: "))
    }

    /// §7.3: a name or a key stands for one peer, so repeats are refused at the repeating line.
    @Test func duplicateNamesAndKeysAreRefused() throws {
        let directory = try Directory()
        let path = "\(directory.path)/authorized"
        let a = try Self.peer("a"), b = try Self.peer("b")
        try directory.write("authorized", "\(a.publicKey.z85) worker a\n\(b.publicKey.z85) worker a\n")
        #expect(throws: KeyFileError.duplicateName(path: path, line: 2, name: "a")) { try KeyFiles.readAuthorized(path: path) }
        try directory.write("authorized", "\(a.publicKey.z85) worker a\n\n\(a.publicKey.z85) client c\n")
        #expect(throws: KeyFileError.duplicateKey(path: path, line: 3, name: "a")) { try KeyFiles.readAuthorized(path: path) }
    }

    /// `coordinator keys add` / `remove`: appending creates the file, refuses repeats, and removing
    /// deletes just that line, comments and all else kept.
    @Test func appendAndRemoveEditOnlyTheirOwnLine() throws {
        let directory = try Directory()
        let path = "\(directory.path)/authorized"
        let a = try Self.peer("a"), b = try Self.peer("b", .client)
        try KeyFiles.appendAuthorized(a, path: path)
        #expect(try directory.mode("authorized") == 0o644)
        try directory.write("authorized", try directory.read("authorized") + "# keep me")
        try KeyFiles.appendAuthorized(b, path: path)
        #expect(try KeyFiles.readAuthorized(path: path) == [a, b])
        #expect(throws: KeyFileError.duplicateName(path: path, line: 1, name: "a")) {
            try KeyFiles.appendAuthorized(try Self.peer("a"), path: path)
        }
        #expect(throws: KeyFileError.duplicateKey(path: path, line: 3, name: "b")) {
            try KeyFiles.appendAuthorized(AuthorizedPeer(publicKey: b.publicKey, role: .worker, name: "c"), path: path)
        }

        #expect(try KeyFiles.removeAuthorized(name: "a", path: path))
        #expect(try directory.read("authorized") == "# keep me\n\(b.publicKey.z85) client b\n")
        #expect(try !KeyFiles.removeAuthorized(name: "a", path: path))
        #expect(try !KeyFiles.removeAuthorized(name: "a", path: "\(directory.path)/none"))
    }
}
