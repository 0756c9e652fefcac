import Glibc

/// One coordinator per sweep directory: an exclusive `flock` on `<dir>/coordinator.lock`.
///
/// Two coordinators on one journal would both assign cells and both record results. The lock
/// is tied to the open file, so the kernel drops it when the process dies however it dies: no
/// stale lock to clean up after a crash. The file holds the holder's pid for the error message
/// only; it is never deleted, since unlinking a lock file lets two processes lock two files.
final class SweepDirectoryLock {
    static let fileName = "coordinator.lock"

    let directory: String
    private var descriptor: Int32

    /// Takes the lock or throws `directoryInUse` naming the directory and the holder's pid.
    init(directory: String) throws {
        self.directory = directory
        let path = directory.hasSuffix("/") ? directory + Self.fileName : directory + "/" + Self.fileName
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw JournalError.system(operation: "open", path: path, errno: errno) }

        var result: Int32
        repeat {
            result = flock(descriptor, LOCK_EX | LOCK_NB)
        } while result != 0 && errno == EINTR
        guard result == 0 else {
            let code = errno
            let holder = Self.readPid(descriptor)
            close(descriptor)
            if code == EWOULDBLOCK { throw JournalError.directoryInUse(directory: directory, pid: holder) }
            throw JournalError.system(operation: "flock", path: path, errno: code)
        }
        self.descriptor = descriptor

        // Overwrite, then cut off whatever a longer earlier pid left behind.
        let text = Array("\(getpid())\n".utf8)
        let written = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        guard written == text.count, ftruncate(descriptor, off_t(text.count)) == 0 else {
            let code = errno
            release()
            throw JournalError.system(operation: "write pid", path: path, errno: code)
        }
    }

    deinit {
        release()
    }

    /// Gives the directory up; closing the descriptor drops the lock.
    func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    /// The pid in the lock file, if it holds one (the holder may not have written it yet).
    private static func readPid(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        return Int32(text.trimmingPrefix(while: { $0 == " " }).prefix(while: { $0.isNumber }))
    }
}
