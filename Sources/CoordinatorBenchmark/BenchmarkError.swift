/// Why a benchmark run stopped. Each description is one line saying what went wrong and where
/// to look.
enum BenchmarkError: Error, CustomStringConvertible {
    /// The `coordinator` executable is not where it was looked for.
    case coordinatorMissing(path: String)
    /// A helper command (`coordinator keys ...`, `coordinator cancel ...`) exited non-zero.
    case commandFailed(command: String, status: Int32, output: String)
    /// The coordinator under test exited while it was still needed.
    case coordinatorExited(status: Int32, log: String)
    /// Something the benchmark waits for did not happen in time.
    case timedOut(what: String, seconds: Double, log: String)
    /// The coordinator sent something a correct WSP/1 coordinator would not (or refused a valid result).
    case unexpected(what: String, log: String)
    /// A file the benchmark needs could not be written or read.
    case file(operation: String, path: String, problem: String)

    var description: String {
        switch self {
        case let .coordinatorMissing(path):
            "no coordinator executable at \(path): build the package first (swift build -c release) or pass --coordinator PATH"
        case let .commandFailed(command, status, output):
            "`\(command)` exited with status \(status): \(output.split(separator: "\n").last ?? "")"
        case let .coordinatorExited(status, log):
            "the coordinator exited early with status \(status); its log is \(log)"
        case let .timedOut(what, seconds, log):
            "timed out after \(Int(seconds)) s waiting for \(what); the coordinator's log is \(log)"
        case let .unexpected(what, log):
            "\(what); the coordinator's log is \(log)"
        case let .file(operation, path, problem):
            "cannot \(operation) \(path): \(problem)"
        }
    }
}
