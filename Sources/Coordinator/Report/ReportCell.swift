import Shared

/// One cell of the sweep as the report sees it: its coordinate, where it stands, and its result
/// once there is one. Every cell of the sweep appears, finished or not, so a missing seed is
/// shown as missing rather than silently left out of an average.
struct ReportCell: Sendable, Equatable {
    enum Status: String, Sendable, Codable {
        /// A result was recorded and reads back as a valid `CellResult`.
        case finished
        /// Waiting for a worker.
        case queued
        /// A worker holds its lease.
        case running
        /// It used up its attempts (docs/protocol.md §5.2).
        case failed
        /// A result was recorded but does not decode or validate under this build.
        case unreadable
    }

    var key: String
    var cell: CellCoordinate
    var status: Status
    var result: CellResult?
    /// Who produced the result, for finished cells.
    var worker: String?
    var host: String?
    var attempt: Int?
    /// The last error of a failed cell, or why a stored result is unreadable.
    var problem: String?
    /// Failed attempts, for failed cells.
    var failedAttempts: Int = 0

    /// The source network stopped without reaching the stopping rule's target accuracy, so it is
    /// not at the matched accuracy the claim is about (docs/architecture.md §1).
    var missedTarget: Bool {
        guard let source = result?.source else { return false }
        return source.targetAccuracy != nil && !source.targetMet
    }

    /// A finished cell whose result the aggregates use under `options`.
    func counts(under options: ReportOptions) -> Bool {
        status == .finished && result != nil && !(options.excludeMissedTarget && missedTarget)
    }

    /// Why this cell gives no value to an aggregate, or nil if it gives one.
    func missingReason(under options: ReportOptions) -> String? {
        switch status {
        case .finished:
            return options.excludeMissedTarget && missedTarget ? "missed target, excluded" : nil
        case .queued: return "queued"
        case .running: return "running"
        case .failed: return "failed"
        case .unreadable: return "unreadable result"
        }
    }
}

