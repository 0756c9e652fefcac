import Shared

/// A ROUTER routing id: identifies one connection, never a worker across connections (§2.1).
typealias PeerID = [UInt8]

/// What the dispatcher asks the socket loop to do. The loop applies every `journal` entry of a
/// batch in one transaction and sends nothing before that commit returns (§5.1, §5.4), so an
/// `ASSIGN` is durable before it leaves and an `ACK` is never ahead of its result.
enum DispatchAction: Sendable, Equatable {
    /// Send a message to a connected peer.
    case send(to: PeerID, CoordinatorMessage)
    /// Send an `ASSIGN`; the loop fills in key material and the spec text for `cell`.
    case assign(to: PeerID, leaseId: String, cellKey: String, attempt: UInt32, cell: CellCoordinate)
    /// Make this state change durable in the journal.
    case journal(JournalEntry)
    /// Write the delivery's artifacts, then journal `finished` with their records (§5.4 step 3).
    case recordResult(ResultDelivery, worker: String, host: String)
    /// A result for a key that already has one: compare them and journal a determinism warning
    /// on mismatch (§5.5).
    case compareDuplicate(ResultDelivery, worker: String, host: String)
    /// A line for the coordinator's log (stderr).
    case log(String)
    /// A message from `peer` dropped as invalid in its state (§6.1 step 8, §7.3): logged at most
    /// once per peer per second with the rest counted, like every other invalid input.
    case dropped(from: PeerID, String)
}
