import Glibc

/// Writes whole files into the sweep directory with plain system calls, so a short write, an
/// interrupted call or a deferred error reported by `close` (NFS) is never taken for success.
/// The journal's artifacts and the report both go through here.
enum FileWriting {
    /// A failed system call, with the file it was about.
    struct Failure: Error {
        let operation: String
        let path: String
        let errno: Int32
    }

    /// Creates or truncates `path` and writes every byte; with `sync`, also fsyncs before closing,
    /// so the bytes are on disk when this returns.
    static func write(_ bytes: [UInt8], to path: String, sync: Bool) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(operation: "open", path: path, errno: errno) }
        var failure: (operation: String, errno: Int32)?
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count, let base = buffer.baseAddress {
                let count = Glibc.write(descriptor, base + written, buffer.count - written)
                if count >= 0 {
                    written += count
                } else if errno != EINTR {
                    failure = ("write", errno)
                    return
                }
            }
        }
        if sync, failure == nil, fsync(descriptor) != 0 { failure = ("fsync", errno) }
        // close can report a deferred write error (NFS); it counts as a failed write.
        if close(descriptor) != 0, failure == nil { failure = ("close", errno) }
        if let failure { throw Failure(operation: failure.operation, path: path, errno: failure.errno) }
    }
}
