import Glibc

/// Everything the journal, the artifact store and the directory lock refuse or fail at.
///
/// SQLite's own failures stay `SQLiteError` (code, message, operation, file); these are the
/// journal's rules and the system calls around it. Each `description` is one line naming the
/// file or cell, because it may be what the person running the sweep reads before exiting.
enum JournalError: Error, CustomStringConvertible, Equatable {
    /// The journal file is not a widthsweep journal: not SQLite at all, or SQLite with other tables.
    case notAJournal(path: String, reason: String)
    /// The journal was written by a newer widthsweep whose schema this build does not know.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The file is damaged: `SQLITE_CORRUPT` while opening it, or a stored value no journal writes.
    case corrupt(path: String, detail: String)
    /// An entry names a cell key the journal does not hold.
    case unknownCell(key: String, entry: String)
    /// An entry does not fit the cell's state (a scheduler bug; the batch is not applied).
    case invalidTransition(key: String, entry: String, state: CellState, detail: String)
    /// A second result for a finished cell: the committed one stays (exactly-once, §5.4).
    case alreadyFinished(key: String)
    /// A result's attempt exceeds the highest attempt assigned for its key (§5.4).
    case attemptNotAssigned(key: String, attempt: UInt32, highest: Int)
    /// A cell key used as a directory name is not 64 lowercase hex digits.
    case invalidCellKey(key: String)
    /// An artifact name that could escape its directory (empty, ".", "..", a "/" or a NUL).
    case invalidArtifactName(name: String)
    /// A system call on a journal file or directory failed.
    case system(operation: String, path: String, errno: Int32)
    /// Another coordinator holds the sweep directory's lock; `pid` is what its lock file says.
    case directoryInUse(directory: String, pid: Int32?)

    var description: String {
        switch self {
        case let .notAJournal(path, reason):
            return "\(path) is not a widthsweep journal (\(reason)); point the coordinator at a sweep directory"
        case let .newerSchema(path, found, supported):
            return "\(path) has journal schema \(found), newer than this build's \(supported); use a newer widthsweep"
        case let .corrupt(path, detail):
            return "\(path) is damaged (\(detail)); restore it from a backup or start the sweep over"
        case let .unknownCell(key, entry):
            return "journal: \(entry) names cell \(key), which is not in this sweep"
        case let .invalidTransition(key, entry, state, detail):
            return "journal: \(entry) does not apply to cell \(key) in state \(state.rawValue) (\(detail))"
        case let .alreadyFinished(key):
            return "journal: cell \(key) already has a committed result; it is kept"
        case let .attemptNotAssigned(key, attempt, highest):
            return "journal: result for cell \(key) carries attempt \(attempt), but the highest assigned is \(highest)"
        case let .invalidCellKey(key):
            return "artifacts: \"\(key)\" is not a cell key (64 lowercase hex digits)"
        case let .invalidArtifactName(name):
            return "artifacts: refusing artifact name \"\(name)\" (it could leave its cell's directory)"
        case let .system(operation, path, code):
            return "\(path): \(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
        case let .directoryInUse(directory, pid):
            let holder = pid.map { "pid \($0)" } ?? "another process"
            return "sweep directory \(directory) is in use by \(holder); stop that coordinator or use another directory"
        }
    }
}
