import Glibc

/// The POSIX file operations `KeyFiles` needs, with errno turned into `KeyFileError`.
///
/// POSIX rather than Foundation because the secret-file check needs the mode of the file actually
/// opened (fstat on the descriptor, no window between check and read) and creation needs `O_EXCL`.
enum KeyFileIO {
    /// The file's text and permission bits; nil if it does not exist and `missingIsNil`.
    static func read(_ path: String, missingIsNil: Bool = false) throws -> (text: String, mode: UInt32)? {
        // Key files are a few hundred bytes; an authorized file of 1 MiB would be ~10,000 peers.
        let file: (bytes: [UInt8], mode: UInt32)
        do {
            file = try WholeFile.read(path, limit: 1 << 20)
        } catch .open(let code) {
            if missingIsNil && code == ENOENT { return nil }
            throw KeyFileError.unreadable(path: path, reason: reason(code))
        } catch .notRegularFile {
            throw KeyFileError.unreadable(path: path, reason: "not a regular file")
        } catch .tooLarge(_, let limit) {
            throw KeyFileError.unreadable(path: path, reason: "larger than \(limit) bytes")
        } catch {
            throw KeyFileError.unreadable(path: path, reason: reason(error.errno))
        }
        guard let text = String(validating: file.bytes, as: UTF8.self) else {
            throw KeyFileError.unreadable(path: path, reason: "not UTF-8 text")
        }
        return (text, file.mode)
    }

    /// Creates `path` with exactly `mode` (whatever the umask) and writes `text`; `exists` if it is there.
    static func create(_ path: String, text: String, mode: UInt32) throws {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode))
        } while descriptor < 0 && errno == EINTR
        if descriptor < 0 {
            if errno == EEXIST { throw KeyFileError.exists(path: path) }
            throw KeyFileError.unwritable(path: path, reason: reason(errno))
        }
        defer { close(descriptor) }
        do {
            guard fchmod(descriptor, mode_t(mode)) == 0 else {
                throw KeyFileError.unwritable(path: path, reason: reason(errno))
            }
            try write(descriptor, text, path: path)
        } catch {
            unlink(path)
            throw error
        }
    }

    /// Appends `text` to `path`, creating it with `mode` if missing.
    static func append(_ path: String, text: String, mode: UInt32) throws {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, mode_t(mode))
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw KeyFileError.unwritable(path: path, reason: reason(errno)) }
        defer { close(descriptor) }
        try write(descriptor, text, path: path)
    }

    /// Replaces `path` with `text` atomically (temporary file in the same directory, fsync, rename),
    /// keeping its mode, so a crash never leaves a half-written allow-list.
    static func replace(_ path: String, text: String, mode: UInt32) throws {
        let temporary = "\(path).tmp.\(getpid())"
        unlink(temporary)
        try create(temporary, text: text, mode: mode)
        guard rename(temporary, path) == 0 else {
            let failure = KeyFileError.unwritable(path: path, reason: reason(errno))
            unlink(temporary)
            throw failure
        }
    }

    private static func write(_ descriptor: Int32, _ text: String, path: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw KeyFileError.unwritable(path: path, reason: reason(errno))
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw KeyFileError.unwritable(path: path, reason: reason(errno)) }
    }

    /// `Permission denied (errno 13)`.
    static func reason(_ code: Int32) -> String {
        let text = strerror(code).map { String(cString: $0) } ?? "error"
        return "\(text) (errno \(code))"
    }

    static func remove(_ path: String) {
        unlink(path)
    }

    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }
}
