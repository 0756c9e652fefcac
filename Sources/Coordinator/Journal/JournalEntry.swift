// TEMPORARY local copy of the journal helper's contract; deleted before merging branch `journal`.
import Shared
struct ArtifactRecord: Sendable, Equatable { var name: String; var size: Int; var sha256: String }
enum CellState: String, Sendable { case queued, leased, finished, failed }
struct JournalCell: Sendable, Equatable {
    var key: String; var cell: CellCoordinate; var ordinal: Int; var state: CellState
    var attemptsAssigned: Int; var failedAttempts: Int; var lastError: String?
}
enum JournalEntry: Sendable, Equatable {
    case leased(key: String, attempt: UInt32, leaseId: String, worker: String)
    case released(key: String, attempt: UInt32, reason: String)
    case attemptFailed(key: String, attempt: UInt32, worker: String, error: String)
    case cellFailed(key: String, attempt: UInt32, worker: String, error: String)
    case finished(key: String, attempt: UInt32, worker: String, host: String, resultJSON: [UInt8], artifacts: [ArtifactRecord])
    case determinismWarning(key: String, worker: String, detail: String)
    case workerRegistered(worker: String, host: String, slots: Int, keyName: String?)
    case workerQuarantined(worker: String, keyName: String?, detail: String)
}
