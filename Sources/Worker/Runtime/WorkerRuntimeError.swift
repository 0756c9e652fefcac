import Glibc

/// Why the connected worker's machinery failed: a system call, or a cell process's outcome.
enum WorkerRuntimeError: Error, Equatable, CustomStringConvertible {
    /// A system call failed; `errno` says why.
    case system(operation: String, errno: Int32)
    /// A cell process found that the worker which spawned it is no longer its parent.
    case supervisorGone(expected: pid_t, parent: pid_t)
    /// The cell process exited 0 but its result file is missing or not a `CellResult`.
    case unreadableResult(path: String, reason: String)
    /// The result is for another cell than the one assigned.
    case wrongResult(expected: String, got: String)

    var description: String {
        switch self {
        case let .system(operation, code):
            "\(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
        case let .supervisorGone(expected, parent):
            "the worker \(expected) that started this cell is gone (parent is now \(parent)); stopping"
        case let .unreadableResult(path, reason):
            "the cell process exited 0 but its result \(path) is unreadable: \(reason)"
        case let .wrongResult(expected, got):
            "the cell process returned the result for key \(got), expected \(expected)"
        }
    }
}
