// Implements docs/protocol.md §2.2 and §2.4: the commands a client sends (STATUS, CANCEL).

/// A command from a short-lived client (`coordinator status`, `coordinator cancel`).
public enum ClientMessage: Sendable, Equatable {
    /// How `CANCEL` stops the sweep (§2.4 CANCEL, §3.6).
    public enum CancelMode: String, Sendable, CaseIterable {
        case drain, now
    }

    /// Asks for a `STATUS-REPLY`; the request id is opaque, 1–64 bytes (§2.4 STATUS).
    case status(requestId: [UInt8])
    /// Drains or cancels the sweep (§2.4 CANCEL).
    case cancel(requestId: [UInt8], mode: CancelMode)

    public var command: WireConstants.Command {
        switch self {
        case .status: .status
        case .cancel: .cancel
        }
    }
}
