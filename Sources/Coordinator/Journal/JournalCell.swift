import Shared

/// One cell as the journal knows it, without its (large) key material or result.
struct JournalCell: Sendable, Equatable {
    /// The cell key: 64 lowercase hex digits.
    var key: String
    var cell: CellCoordinate
    /// Dispatch order, 0 first.
    var ordinal: Int
    var state: CellState
    /// Highest attempt number ever assigned (0 = never); the next ASSIGN carries this + 1 (§5.1).
    var attemptsAssigned: Int
    /// Failed attempts so far (§5.2); released leases do not count.
    var failedAttempts: Int
    /// The error of the last failed attempt, if any.
    var lastError: String?
}
