@testable import Coordinator
import Foundation
import Testing

/// docs/protocol.md §5.4 step 3: artifacts are written whole under `artifacts/<cell-key>/<name>`.
struct ArtifactStoreTests {
    typealias F = JournalFixtures

    @Test func writeLeavesOnlyTheFinishedFileWithItsSizeAndSHA256() throws {
        try F.withDirectory { directory in
            let store = ArtifactStore(directory: directory)
            let key = F.key(0)
            let record = try store.write(key: key, name: "abc.txt", data: Array("abc".utf8))
            // FIPS 180-2 appendix B.1 known answer for "abc".
            #expect(record == ArtifactRecord(
                name: "abc.txt", size: 3, sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
            #expect(try store.read(key: key, name: "abc.txt") == Array("abc".utf8))
            let listing = try FileManager.default.contentsOfDirectory(atPath: "\(directory)/artifacts/\(key)")
            #expect(listing == ["abc.txt"])
        }
    }

    @Test func writingAnExistingArtifactReplacesItWhole() throws {
        try F.withDirectory { directory in
            let store = ArtifactStore(directory: directory)
            let long = [UInt8](repeating: 7, count: 100_000)
            _ = try store.write(key: F.key(1), name: "weights.bin", data: long)
            let record = try store.write(key: F.key(1), name: "weights.bin", data: [1, 2])
            #expect(record.size == 2)
            #expect(try store.read(key: F.key(1), name: "weights.bin") == [1, 2])
            let empty = try store.write(key: F.key(1), name: "empty", data: [])
            #expect(empty.size == 0 && empty.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            #expect(try store.read(key: F.key(1), name: "empty") == [])
        }
    }

    @Test func namesAndKeysThatCouldLeaveTheCellDirectoryAreRefused() throws {
        try F.withDirectory { directory in
            let store = ArtifactStore(directory: directory)
            for name in ["", ".", "..", "../escape", "a/b", "/etc/passwd", "nul\u{0}byte"] {
                let error = try #require(throws: JournalError.self) { try store.write(key: F.key(0), name: name, data: [1]) }
                #expect(error == .invalidArtifactName(name: name))
                #expect(throws: JournalError.self) { try store.read(key: F.key(0), name: name) }
            }
            for key in ["..", "../" + String(F.key(0).dropFirst(3)), F.key(0).uppercased(), String(F.key(0).dropLast())] {
                let error = try #require(throws: JournalError.self) { try store.write(key: key, name: "ok", data: [1]) }
                #expect(error == .invalidCellKey(key: key))
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        }
    }

    @Test func readingAMissingArtifactNamesTheFile() throws {
        try F.withDirectory { directory in
            let store = ArtifactStore(directory: directory)
            let error = try #require(throws: JournalError.self) { try store.read(key: F.key(0), name: "absent.bin") }
            #expect(error == .system(operation: "open", path: "\(directory)/artifacts/\(F.key(0))/absent.bin", errno: ENOENT))
        }
    }
}
