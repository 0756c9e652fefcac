// Implements docs/protocol.md §2.2 and §2.4: the commands the coordinator sends (WELCOME,
// ASSIGN, ACK, HEARTBEAT, DISCONNECT to workers; STATUS-REPLY to clients).

/// A command from coordinator to worker or client, decoded and validated.
public enum CoordinatorMessage: Sendable, Equatable {
    /// How the coordinator disposed of a `RESULT` (§2.4 ACK).
    public enum AckStatus: String, Sendable, CaseIterable {
        case accepted, duplicate, rejected
    }

    /// The worker is registered; adopt these timers (§2.4 WELCOME).
    case welcome(SessionParameters)
    /// Leases one cell to the worker (§2.4 ASSIGN).
    case assign(leaseId: String, cellKey: String, attempt: UInt32, cell: CellAssignment)
    /// Answers a `RESULT`; on any status the worker discards its stored result (§2.4 ACK).
    case ack(cellKey: String, attempt: UInt32, status: AckStatus, detail: String)
    /// Liveness only (§2.4 HEARTBEAT).
    case heartbeat
    /// The session ends for `reason` (§2.4 DISCONNECT).
    case disconnect(reason: String, detail: String)
    /// Answer to `STATUS` or `CANCEL`, echoing the request id (§2.4 STATUS-REPLY).
    case statusReply(requestId: [UInt8], status: StatusReport)

    public var command: WireConstants.Command {
        switch self {
        case .welcome: .welcome
        case .assign: .assign
        case .ack: .ack
        case .heartbeat: .heartbeat
        case .disconnect: .disconnect
        case .statusReply: .statusReply
        }
    }
}
