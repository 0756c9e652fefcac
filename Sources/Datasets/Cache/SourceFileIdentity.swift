import Glibc

/// What a dataset cache remembers of one source file, to tell cheaply whether it is still the
/// file the cache was decoded from.
///
/// Checked on every load: path, device, inode, size, modification time and status-change time,
/// all from one `stat` (microseconds). The status-change time (`ctime`) is the strong part: the
/// kernel sets it on every write, truncation, rename-over or `touch`, and unlike the modification
/// time no ordinary program can set it back, so "same bytes count, same mtime, different
/// content" still changes it. Re-hashing the content on every load would cost far more than the
/// 50 ms a cell may spend loading (SHA-256 of Fashion-MNIST's 30 MB, see docs/data-cache.md), so
/// the content hash is taken once, when the cache is built, and recorded beside this identity.
public struct SourceFileIdentity: Codable, Sendable, Equatable {
    public var path: String
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modifiedNanoseconds: Int64
    public var changedNanoseconds: Int64

    /// The identity of `path` now; errors are the ones a reader would give for the file.
    public static func of(_ path: String) throws -> SourceFileIdentity {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let error = errno
            if error == ENOENT { throw DatasetError.fileNotFound(file: path) }
            throw DatasetError.unreadable(file: path, errno: error)
        }
        return SourceFileIdentity(
            path: path, device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size),
            modifiedNanoseconds: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec),
            changedNanoseconds: Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec))
    }

    /// What differs between `self` (recorded) and `current`, for the stale-cache log line; nil if nothing.
    func difference(from current: SourceFileIdentity) -> String? {
        var parts: [String] = []
        if path != current.path { parts.append("path \(path) is now \(current.path)") }
        if size != current.size { parts.append("size \(size) → \(current.size) bytes") }
        if device != current.device || inode != current.inode { parts.append("replaced by another file (inode)") }
        if modifiedNanoseconds != current.modifiedNanoseconds { parts.append("modification time changed") }
        if changedNanoseconds != current.changedNanoseconds { parts.append("status-change time changed") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
