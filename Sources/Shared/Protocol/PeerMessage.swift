// Implements docs/protocol.md §1.3 and §6.1 step 3: what the coordinator may receive on its
// ROUTER, from a worker or a client, before it knows which the peer is.

/// A command arriving at the coordinator: a worker command or a client command.
public enum PeerMessage: Sendable, Equatable {
    case worker(WorkerMessage)
    case client(ClientMessage)
}
