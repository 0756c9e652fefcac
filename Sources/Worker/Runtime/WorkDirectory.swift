import Foundation

/// Where cell processes get their spec and result files: one folder per lease inside it.
/// A fresh temporary directory unless the user names one; only a fresh one is removed at exit.
final class WorkDirectory {
    let path: String
    private let removeAtExit: Bool

    /// Uses `path` (created if missing), or makes a new private temporary directory.
    init(path: String?) throws {
        if let path {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            self.path = path
            removeAtExit = false
        } else {
            var template = Array((NSTemporaryDirectory() + "/widthsweep-worker-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else {
                throw WorkerRuntimeError.system(operation: "mkdtemp", errno: errno)
            }
            self.path = String(cString: made)
            removeAtExit = true
        }
    }

    /// Removes the directory if this worker made it.
    func cleanUp() {
        if removeAtExit { try? FileManager.default.removeItem(atPath: path) }
    }
}
