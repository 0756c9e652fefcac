@testable import Coordinator
import Shared

/// Reads a batch of actions the way the socket loop would execute it: messages per peer,
/// `ASSIGN`s, journal entries, recorded results.
extension Array where Element == DispatchAction {
    /// Every message sent to `peer` (an `ASSIGN` is not a message here; see `assigns`).
    func messages(to peer: PeerID) -> [CoordinatorMessage] {
        compactMap { if case .send(let to, let message) = $0, to == peer { message } else { nil } }
    }

    /// Every message sent, to any peer.
    var sent: [(peer: PeerID, message: CoordinatorMessage)] {
        compactMap { if case .send(let to, let message) = $0 { (to, message) } else { nil } }
    }

    var assigns: [Assigned] {
        compactMap {
            if case .assign(let to, let leaseId, let cellKey, let attempt, let cell) = $0 {
                Assigned(peer: to, leaseId: leaseId, cellKey: cellKey, attempt: attempt, cell: cell)
            } else { nil }
        }
    }

    func assigns(to peer: PeerID) -> [Assigned] { assigns.filter { $0.peer == peer } }

    var journal: [JournalEntry] {
        compactMap { if case .journal(let entry) = $0 { entry } else { nil } }
    }

    /// Keys of `.recordResult` actions, in order.
    var recorded: [String] {
        compactMap { if case .recordResult(let delivery, _, _) = $0 { delivery.cellKey } else { nil } }
    }

    /// Keys of `.compareDuplicate` actions, in order.
    var compared: [String] {
        compactMap { if case .compareDuplicate(let delivery, _, _) = $0 { delivery.cellKey } else { nil } }
    }

    /// Reasons of the `DISCONNECT`s sent to `peer`.
    func disconnects(to peer: PeerID) -> [String] {
        messages(to: peer).compactMap { if case .disconnect(let reason, _) = $0 { reason } else { nil } }
    }

    /// Every log line, in order.
    var logs: [String] {
        compactMap { if case .log(let line) = $0 { line } else { nil } }
    }

    /// Every `DISCONNECT` sent, as (peer, reason).
    var disconnects: [(peer: PeerID, reason: String)] {
        sent.compactMap { if case .disconnect(let reason, _) = $0.message { ($0.peer, reason) } else { nil } }
    }

    /// `ACK`s sent to `peer` as (key, attempt, status).
    func acks(to peer: PeerID) -> [(key: String, attempt: UInt32, status: CoordinatorMessage.AckStatus)] {
        messages(to: peer).compactMap {
            if case .ack(let key, let attempt, let status, _) = $0 { (key, attempt, status) } else { nil }
        }
    }

    func heartbeats(to peer: PeerID) -> Int {
        messages(to: peer).filter { $0 == .heartbeat }.count
    }

    /// True when the batch does nothing but log: a dropped message (§6.1).
    var onlyLogs: Bool {
        allSatisfy {
            switch $0 {
            case .log, .dropped: true
            default: false
            }
        }
    }

    /// The messages dropped as invalid in their state, as (peer, problem).
    var dropped: [(peer: PeerID, problem: String)] {
        compactMap { if case .dropped(let peer, let problem) = $0 { (peer, problem) } else { nil } }
    }

    /// Failed attempts journaled, as (key, attempt).
    var failedAttempts: [(key: String, attempt: UInt32)] {
        journal.compactMap {
            switch $0 {
            case .attemptFailed(let key, let attempt, _, _), .cellFailed(let key, let attempt, _, _): (key, attempt)
            default: nil
            }
        }
    }
}
