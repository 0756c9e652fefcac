/// A state change that must be durable before the coordinator acts on it (docs/protocol.md §5).
///
/// The scheduling state machine emits these; the socket loop hands a batch to `Journal.apply`
/// and sends nothing until it returns. Each comment says what the entry does to the cell.
enum JournalEntry: Sendable, Equatable {
    /// A new lease (§5.1): queued → leased, `attemptsAssigned = attempt`.
    case leased(key: String, attempt: UInt32, leaseId: String, worker: String)
    /// A lease an earlier coordinator granted, taken over from the worker still running it
    /// (docs/protocol.md §3.5): queued → leased; `attemptsAssigned` is unchanged, because the
    /// attempt was assigned before.
    case adopted(key: String, attempt: UInt32, leaseId: String, worker: String)
    /// The current lease ended without counting as a failure (§5.2): leased → queued.
    case released(key: String, attempt: UInt32, reason: String)
    /// The current lease ended as a failed attempt (§5.2): leased → queued, `failedAttempts += 1`.
    case attemptFailed(key: String, attempt: UInt32, worker: String, error: String)
    /// The failed attempt that used up `max_attempts` (§5.2): leased → failed, terminal.
    case cellFailed(key: String, attempt: UInt32, worker: String, error: String)
    /// An accepted result (§5.4 step 3): any state but finished → finished; result stored verbatim.
    case finished(key: String, attempt: UInt32, worker: String, host: String, resultJSON: [UInt8],
                  artifacts: [ArtifactRecord])
    /// A duplicate result that differs from the stored one (§5.5); the cell is unchanged.
    case determinismWarning(key: String, worker: String, detail: String)
    /// A worker's `READY` was welcomed.
    case workerRegistered(worker: String, host: String, slots: Int, keyName: String?)
    /// A worker was quarantined (§5.3).
    case workerQuarantined(worker: String, keyName: String?, detail: String)

    /// The `events.kind` values: the case names. The report reads the log by these.
    enum EventKind: String, Sendable {
        case leased, adopted, released, attemptFailed, cellFailed, finished, determinismWarning
        case workerRegistered, workerQuarantined
    }

    /// The kind this entry is logged under.
    var eventKind: EventKind {
        switch self {
        case .leased: .leased
        case .adopted: .adopted
        case .released: .released
        case .attemptFailed: .attemptFailed
        case .cellFailed: .cellFailed
        case .finished: .finished
        case .determinismWarning: .determinismWarning
        case .workerRegistered: .workerRegistered
        case .workerQuarantined: .workerQuarantined
        }
    }
}
