import Glibc

/// What can stop the report from being written. Reading the journal fails with the journal's
/// own errors (`JournalError`, `SQLiteError`).
enum ReportError: Error, CustomStringConvertible, Equatable {
    /// A system call on a report file or its directory failed.
    case system(operation: String, path: String, errno: Int32)

    var description: String {
        switch self {
        case let .system(operation, path, code):
            return "cannot write the report: \(operation) \(path) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}
