import Glibc
import Shared

/// Artifact files of finished cells: `<sweep dir>/artifacts/<cell-key>/<name>` (docs/protocol.md §5.4 step 3).
///
/// Each file is written to a temporary name, fsynced, renamed into place and its directory
/// fsynced, so after a crash a name holds either nothing or the whole content, never a torn
/// file. The journal row that lists the artifact is committed only after `write` returns.
struct ArtifactStore {
    /// The sweep directory; artifacts go under its `artifacts/`.
    let directory: String

    init(directory: String) {
        self.directory = directory
    }

    /// The folder holding every cell's artifacts.
    var root: String { Self.join(directory, "artifacts") }

    /// Writes `data` as `name` for cell `key` and returns the row the journal records for it.
    /// An existing file of that name (a crash between rename and commit) is replaced.
    func write(key: String, name: String, data: [UInt8]) throws -> ArtifactRecord {
        try Self.validate(key: key, name: name)
        try Self.makeDirectory(root, parent: directory)
        let cellDirectory = Self.join(root, key)
        try Self.makeDirectory(cellDirectory, parent: root)

        let path = Self.join(cellDirectory, name)
        // Valid artifact names start with a letter or digit, so this never collides with one.
        let temporary = Self.join(cellDirectory, ".\(name).tmp")
        do {
            try Self.writeSynced(data, to: temporary)
            guard rename(temporary, path) == 0 else {
                throw JournalError.system(operation: "rename to \(name)", path: temporary, errno: errno)
            }
        } catch {
            unlink(temporary)
            throw error
        }
        try Self.syncDirectory(cellDirectory)
        return ArtifactRecord(name: name, size: data.count, sha256: SHA256.hex(SHA256.hash(data)))
    }

    /// The content of artifact `name` of cell `key`.
    func read(key: String, name: String) throws -> [UInt8] {
        try Self.validate(key: key, name: name)
        let path = Self.join(Self.join(root, key), name)
        do {
            return try WholeFile.read(path).bytes
        } catch .open(let code) {
            throw JournalError.system(operation: "open", path: path, errno: code)
        } catch {
            throw JournalError.system(operation: "read", path: path, errno: error.errno)
        }
    }

    /// Refuses what could leave `artifacts/<key>/`; the codec has already checked the name's
    /// pattern (§2.4), this is the last line before a path is built from network bytes.
    static func validate(key: String, name: String) throws {
        let hexDigits = key.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
        guard key.utf8.count == 64, hexDigits else { throw JournalError.invalidCellKey(key: key) }
        guard !name.isEmpty, name != ".", name != "..", !name.utf8.contains(UInt8(ascii: "/")),
              !name.utf8.contains(0) else {
            throw JournalError.invalidArtifactName(name: name)
        }
    }

    private static func writeSynced(_ data: [UInt8], to path: String) throws {
        do {
            try FileWriting.write(data, to: path, sync: true)
        } catch {
            throw JournalError.system(operation: error.operation, path: error.path, errno: error.errno)
        }
    }

    /// Creates `path` if missing; a new directory's entry is made durable by syncing `parent`.
    private static func makeDirectory(_ path: String, parent: String) throws {
        if mkdir(path, 0o755) == 0 {
            try syncDirectory(parent)
        } else if errno != EEXIST {
            throw JournalError.system(operation: "mkdir", path: path, errno: errno)
        }
    }

    private static func syncDirectory(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw JournalError.system(operation: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw JournalError.system(operation: "fsync", path: path, errno: errno) }
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
