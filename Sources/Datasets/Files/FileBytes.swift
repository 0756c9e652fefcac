import Glibc
import Shared

/// Whole-file reads, inflating gzip transparently, and the few path questions the readers ask.
///
/// Readers decode from one contiguous byte buffer with unsafe pointers (`WholeFile` reads it).
enum FileBytes {
    /// The bytes of `path`, inflated if they start with the gzip magic.
    static func contents(of path: String) throws -> [UInt8] {
        let raw = try read(path)
        let isGzip = raw.withUnsafeBytes { GzipFile.isGzip($0) }
        guard isGzip else { return raw }
        return try raw.withUnsafeBytes { try GzipFile.decompress($0, file: path) }
    }

    /// Opens `path` read-only and returns its descriptor (the caller closes it) and size; a
    /// missing file, a directory or any other failure is the `DatasetError` naming the file.
    static func openRegularFile(_ path: String) throws -> (descriptor: Int32, size: Int) {
        do {
            let (descriptor, size, _) = try WholeFile.openRegular(path)
            return (descriptor, size)
        } catch {
            throw datasetError(error, path: path)
        }
    }

    /// The raw bytes of `path`.
    static func read(_ path: String) throws -> [UInt8] {
        do {
            return try WholeFile.read(path).bytes
        } catch {
            throw datasetError(error, path: path)
        }
    }

    private static func datasetError(_ failure: WholeFile.Failure, path: String) -> DatasetError {
        if case .open(errno: ENOENT) = failure { return .fileNotFound(file: path) }
        return .unreadable(file: path, errno: failure.errno)
    }

    /// Whether `path` names an existing directory.
    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether `path` names an existing regular file.
    static func isFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// `directory` joined with `name` by exactly one slash.
    static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The first of `names` (tried in order) that exists as a file in `directory`, or
    /// `fileNotFound` naming the first candidate so the user sees the expected name.
    static func locate(_ names: [String], in directory: String) throws -> String {
        for name in names {
            let path = join(directory, name)
            if isFile(path) { return path }
        }
        let first = join(directory, names.first ?? "")
        let others = names.dropFirst()
        throw DatasetError.fileNotFound(
            file: others.isEmpty ? first : first + " (or " + others.joined(separator: ", ") + ")")
    }

    /// The last path component of `path`, ignoring trailing slashes.
    static func lastComponent(_ path: String) -> String {
        let trimmed = path.reversed().drop(while: { $0 == "/" })
        return String(trimmed.prefix(while: { $0 != "/" }).reversed())
    }
}
