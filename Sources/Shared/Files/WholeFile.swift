import Glibc

/// Whole-file reads with `open`/`fstat`/`read` straight into an array's storage: the one loop in
/// the package that reads a file to the end (dataset files, artifacts, key files). Foundation's
/// `Data` would cost an extra copy of a 47 MB dataset, and the key-file check needs the mode of
/// the file actually opened, with no window between checking and reading.
public enum WholeFile {
    /// Why a read failed; each caller words it in its own error type, naming the file.
    public enum Failure: Error, Equatable, Sendable {
        /// `open` or `fstat` failed (ENOENT for a missing file).
        case open(errno: Int32)
        /// A directory, device or other non-regular file.
        case notRegularFile
        /// Larger than the caller's limit.
        case tooLarge(size: Int, limit: Int)
        /// `read` failed.
        case read(errno: Int32)
        /// Fewer bytes than `fstat` said: the file shrank while it was read.
        case shrank(expected: Int, read: Int)
    }

    /// Opens the regular file `path` read-only: its descriptor (the caller closes it), size and
    /// permission bits, taken from the file actually opened.
    public static func openRegular(_ path: String) throws(Failure) -> (descriptor: Int32, size: Int, mode: UInt32) {
        var descriptor: Int32
        repeat { descriptor = open(path, O_RDONLY | O_CLOEXEC) } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw .open(errno: errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw .open(errno: code)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw .notRegularFile
        }
        return (descriptor, Int(status.st_size), UInt32(status.st_mode) & 0o7777)
    }

    /// The bytes of the regular file `path` and its permission bits.
    public static func read(_ path: String, limit: Int = .max) throws(Failure) -> (bytes: [UInt8], mode: UInt32) {
        let (descriptor, size, mode) = try openRegular(path)
        defer { close(descriptor) }
        guard size <= limit else { throw .tooLarge(size: size, limit: limit) }
        var failure: Failure?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            while initialized < size {
                let count = Glibc.read(descriptor, base + initialized, size - initialized)
                if count > 0 {
                    initialized += count
                } else if count == 0 {
                    failure = .shrank(expected: size, read: initialized)
                    return
                } else if errno != EINTR {
                    failure = .read(errno: errno)
                    return
                }
            }
        }
        if let failure { throw failure }
        return (bytes, mode)
    }
}

extension WholeFile.Failure {
    /// The errno closest to the failure, for callers whose errors carry one.
    public var errno: Int32 {
        switch self {
        case .open(let code), .read(let code): code
        case .notRegularFile: EISDIR
        case .tooLarge: EFBIG
        case .shrank: EIO
        }
    }
}
