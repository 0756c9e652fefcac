// Implements docs/protocol.md §2.2 and §2.4: the commands a worker sends (READY, REQUEST,
// PROGRESS, RESULT, FAILED, HEARTBEAT, DISCONNECT).

/// A command from worker to coordinator, decoded and validated.
public enum WorkerMessage: Sendable, Equatable {
    /// Registers the worker on this connection (§2.4 READY).
    case ready(workerId: String, capabilities: WorkerCapabilities)
    /// Grants the coordinator credit for `n` more cells, 1 ≤ n ≤ 256 (§2.4 REQUEST).
    case request(n: UInt32)
    /// Renews a lease and reports progress (§2.4 PROGRESS).
    case progress(leaseId: String, cellKey: String, attempt: UInt32, report: ProgressReport)
    /// Delivers a finished cell (§2.4 RESULT).
    case result(ResultDelivery)
    /// The cell could not be computed (§2.4 FAILED).
    case failed(leaseId: String, cellKey: String, attempt: UInt32, error: String)
    /// Liveness only (§2.4 HEARTBEAT).
    case heartbeat
    /// The worker is leaving: reason `shutdown` or `error` (§2.4 DISCONNECT).
    case disconnect(reason: String, detail: String)

    public var command: WireConstants.Command {
        switch self {
        case .ready: .ready
        case .request: .request
        case .progress: .progress
        case .result: .result
        case .failed: .failed
        case .heartbeat: .heartbeat
        case .disconnect: .disconnect
        }
    }
}
