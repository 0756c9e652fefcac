import Foundation
import Shared

/// What a batch reads from and commits to: the journal in a run, a recording double in tests.
protocol BatchJournal {
    func keyMaterial(forKey key: String) throws -> String?
    func result(forKey key: String) throws -> [UInt8]?
    func apply(_ entries: [JournalEntry], at wallTime: Double) throws
}

extension Journal: BatchJournal {}

/// What became of one message handed to the socket.
enum SendOutcome: Equatable {
    case sent
    /// The peer's queue is at its high-water mark (EAGAIN): the message was not queued.
    case full
    /// No such peer is connected (ROUTER_MANDATORY's EHOSTUNREACH).
    case unreachable
}

/// Where a batch's messages go: the ROUTER in a run, a recording double in tests.
protocol BatchTransport {
    func send(_ frames: [[UInt8]], to peer: PeerID) throws -> SendOutcome
}

/// Carries out the dispatcher's actions for one batch, holding the order the exactly-once promise
/// rests on (docs/architecture.md §4.3 and §7.1, docs/protocol.md §5.1 and §5.4):
///
/// 1. every journal entry of the batch is committed in one transaction before any message of the
///    batch is sent, so nothing is acknowledged or assigned that a crash could forget;
/// 2. a duplicate result is compared with a result recorded earlier in the same batch, not only
///    with the journal (which does not hold it yet);
/// 3. a send that bounces (high-water mark) or finds no peer goes back to the dispatcher, and the
///    entries that follow from it are committed before their own sends, as a batch of their own;
/// 4. a commit that fails sends nothing and stops the coordinator.
struct BatchExecution {
    /// Builds ASSIGN bodies by concatenation: the spec text is escaped once per sweep.
    let assignments: AssignmentEncoder
    let artifacts: ArtifactStore
    /// Results recorded in the batch being carried out, by key, for step 2.
    private var batchResults: [String: [UInt8]] = [:]

    init(assignments: AssignmentEncoder, artifacts: ArtifactStore) {
        self.assignments = assignments
        self.artifacts = artifacts
    }

    /// Whether a batch committed an entry that changes the report (a cell finished or failed).
    struct Summary: Equatable {
        var changedReport = false
    }

    /// Carries out `actions` and everything they lead to. `log` takes the coordinator's log lines;
    /// `dropped` takes invalid messages, which the caller rate-limits per peer.
    mutating func execute(_ actions: [DispatchAction], dispatcher: inout Dispatcher, journal: some BatchJournal,
                          transport: some BatchTransport, now: Duration, wallTime: () -> Double = { Date().timeIntervalSince1970 },
                          log: (String) -> Void, dropped: (PeerID, String) -> Void) throws -> Summary {
        var summary = Summary()
        var pending = actions
        while !pending.isEmpty {
            var entries: [JournalEntry] = []
            var outgoing: [(peer: PeerID, frames: [[UInt8]], leaseId: String?)] = []
            batchResults.removeAll(keepingCapacity: true)
            for action in pending {
                switch action {
                case .journal(let entry): entries.append(entry)
                case .send(let peer, let message): outgoing.append((peer, WireCodec.encode(message), nil))
                case .assign(let peer, let leaseId, let key, let attempt, let cell):
                    let material = try journal.keyMaterial(forKey: key) ?? ""
                    outgoing.append((peer, assignments.frames(leaseId: leaseId, cellKey: key, attempt: attempt, cell: cell,
                                                              keyMaterial: material), leaseId))
                case .recordResult(let delivery, let worker, let host):
                    let records = try delivery.artifacts.map { try artifacts.write(key: delivery.cellKey, name: $0.name, data: $0.data) }
                    entries.append(.finished(key: delivery.cellKey, attempt: delivery.attempt, worker: worker, host: host,
                                             resultJSON: delivery.resultJSON, artifacts: records))
                    batchResults[delivery.cellKey] = delivery.resultJSON
                case .compareDuplicate(let delivery, let worker, _):
                    let stored = try batchResults[delivery.cellKey] ?? journal.result(forKey: delivery.cellKey)
                    if let stored, let difference = ResultComparison.firstDifference(stored, delivery.resultJSON) {
                        dispatcher.determinismWarnings += 1
                        entries.append(.determinismWarning(key: delivery.cellKey, worker: worker, detail: difference))
                        log("determinism warning: \(delivery.result.cell) from \(worker) differs from the recorded result at \(difference)")
                    }
                case .log(let line): log(line)
                case .dropped(let peer, let problem): dropped(peer, problem)
                }
            }
            if !entries.isEmpty {
                do { try journal.apply(entries, at: wallTime()) } catch {
                    throw CoordinatorError.journalCommitFailed(problem: "\(error)")
                }
                if entries.contains(where: { if case .finished = $0 { true } else if case .cellFailed = $0 { true } else { false } }) {
                    summary.changedReport = true
                }
            }
            pending = []
            for message in outgoing {
                switch try transport.send(message.frames, to: message.peer) {
                case .sent: break
                case .full:
                    if let leaseId = message.leaseId {
                        pending += dispatcher.assignBounced(leaseId: leaseId, to: message.peer, now: now)
                    }
                case .unreachable:
                    pending += dispatcher.peerUnreachable(message.peer, now: now)
                }
            }
        }
        return summary
    }
}

/// The ROUTER as a batch's transport: the peer's identity frame first, never blocking.
struct RouterTransport: BatchTransport {
    let router: ZMQSocket

    func send(_ frames: [[UInt8]], to peer: PeerID) throws -> SendOutcome {
        do {
            return try router.send([peer] + frames, dontWait: true) ? .sent : .full
        } catch let error as ZMQError where error.errno == ZMQErrno.hostUnreachable {
            return .unreachable
        }
    }
}
