import Testing
@testable import Coordinator
import Engine
import Shared

/// Random runs against the invariants of docs/protocol.md §3.2 (credit), §5.1 (leases and
/// attempts), §5.4 (exactly-once) and §2.4 STATUS-REPLY (counts), checked after every event.
struct DispatcherPropertyTests {
    /// What a simulated worker process believes: the leases it runs, whether it is registered.
    private struct SimulatedWorker {
        var slots: Int
        var connection = 0
        var running: [Assigned] = []
        /// False until WELCOME, and again after `DISCONNECT not-registered` (§3.5).
        var registered = false
        /// Told to stop (done, drained, cancelled, quarantined) or shut down by itself.
        var exited = false
    }

    private static let workerIds = ["w0", "w1", "w2", "w3", "w4", "w5"]
    private static let events = 3000
    /// Time per tick event: short enough that most workers stay alive (a message every ~0.5 s),
    /// long enough that some go silent for 5 s or sit on a lease for 20 s.
    private static let maxStepMilliseconds = 800

    /// Seeds 1–3 run without a client's CANCEL, 4 ends in a drain, 5 in a cancel-now.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func invariantsHoldAfterEveryEventOfARandomRun(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)   // the coordinator's own generator: a fixed seed replays a failing run
        let settings = DispatcherSettings(sweepName: "random", heartbeatInterval: .seconds(1), liveness: 5,
                                          leaseDuration: .seconds(20), maxAttempts: 3, quarantineAfter: 5)
        var h = Harness(cells: CellFixtures.cells(200), settings: settings, leaseSalt: seed)
        var invariants = DispatcherInvariants()
        var workers: [String: SimulatedWorker] = [:]
        for (index, id) in Self.workerIds.enumerated() { workers[id] = SimulatedWorker(slots: index % 3 + 1) }
        var everAssigned: [Assigned] = []
        var broken = false

        for step in 0..<Self.events {
            let id = Self.workerIds.randomElement(using: &rng) ?? "w0"
            let worker = workers[id] ?? SimulatedWorker(slots: 1)
            let roll = Int.random(in: 0..<100, using: &rng)
            var event = "tick"
            var batch: [DispatchAction]
            if step == Self.events / 2, seed >= 4 {
                let mode: ClientMessage.CancelMode = seed == 4 ? .drain : .now
                event = "CANCEL \(mode)"
                batch = h.client(.cancel(requestId: [1], mode: mode))
            } else if roll >= 80 || (worker.exited && roll >= 5) {
                h.advance(by: .milliseconds(Int.random(in: 0...Self.maxStepMilliseconds, using: &rng)))
                batch = h.tick()
            } else if worker.exited {
                // A worker that was told to stop comes back later as a new process.
                workers[id] = SimulatedWorker(slots: worker.slots, connection: worker.connection + 1)
                event = "\(id) restarts"
                batch = h.ready(worker: id, slots: worker.slots, connection: worker.connection + 1)
            } else if !worker.registered || roll < 3 {
                // §2.4: READY first, and again after DISCONNECT not-registered; now and then on
                // a new connection, as after a reconnect the coordinator had not noticed (§4.1).
                let connection = worker.registered ? worker.connection + 1 : worker.connection
                workers[id]?.connection = connection
                event = "\(id) READY on connection \(connection)"
                batch = h.ready(worker: id, slots: worker.slots, connection: connection)
            } else if roll < 20 {
                let n = UInt32.random(in: 1...3, using: &rng)
                event = "\(id) REQUEST \(n)"
                batch = h.request(n, from: id)
            } else if roll < 75, let lease = worker.running.randomElement(using: &rng) {
                switch roll {
                case ..<45:
                    event = "\(id) RESULT \(lease.cellKey.prefix(8)) attempt \(lease.attempt)"
                    batch = try h.deliver(lease, from: id)
                    workers[id]?.running.removeAll { $0 == lease }
                case ..<50:
                    event = "\(id) FAILED \(lease.cellKey.prefix(8)) attempt \(lease.attempt)"
                    batch = h.fail(lease, from: id)
                    workers[id]?.running.removeAll { $0 == lease }
                case ..<52:
                    event = "\(id) invalid RESULT \(lease.cellKey.prefix(8)) attempt \(lease.attempt)"
                    let invalid = CellFixtures.result(key: lease.cellKey, cell: lease.cell, testAccuracy: 1.5)
                    batch = try h.deliver(lease, result: invalid, from: id)
                    workers[id]?.running.removeAll { $0 == lease }
                case ..<53:
                    event = "\(id) DISCONNECT shutdown"
                    batch = h.send(.disconnect(reason: "shutdown", detail: ""), from: id)
                    workers[id]?.exited = true
                default:
                    let wrongAttempt = roll < 56
                    event = "\(id) PROGRESS \(lease.cellKey.prefix(8))\(wrongAttempt ? " with a wrong attempt" : "")"
                    batch = h.progress(lease, attempt: wrongAttempt ? lease.attempt + 1 : nil, from: id)
                }
            } else if roll < 77, let lease = everAssigned.randomElement(using: &rng) {
                // A stored result resent late, or a second computation of a finished cell.
                event = "\(id) late RESULT \(lease.cellKey.prefix(8)) attempt \(lease.attempt)"
                batch = try h.deliver(lease, from: id)
            } else if roll < 79 {
                event = "\(id) unreachable"
                batch = h.unreachable(id)
            } else if roll == 79 {
                event = "STATUS"
                batch = h.client(.status(requestId: [2]))
            } else {
                event = "\(id) HEARTBEAT"
                batch = h.heartbeat(from: id)
            }

            var problems = invariants.check(batch, after: h.dispatcher, now: h.now)
            var assigned = batch.assigns
            // The socket loop reports a bounced ASSIGN right after the batch that carried it (§4.2).
            if let last = assigned.last, Int.random(in: 0..<10, using: &rng) == 0 {
                assigned.removeLast()
                invariants.noteBounce(last)
                problems += invariants.check(h.bounce(last), after: h.dispatcher, now: h.now)
                event += ", ASSIGN \(last.leaseId) bounced"
            }
            guard problems.isEmpty else {
                Issue.record("seed \(seed), step \(step) (\(event)): \(problems)")
                broken = true
                break
            }

            everAssigned += assigned
            for lease in assigned {
                guard let owner = h.peers.first(where: { $0.value == lease.peer })?.key else { continue }
                workers[owner]?.running.append(lease)
            }
            for (peer, message) in batch.sent {
                guard let owner = h.peers.first(where: { $0.value == peer })?.key else { continue }
                switch message {
                case .welcome: workers[owner]?.registered = true
                case .disconnect("not-registered", _): workers[owner]?.registered = false
                case .disconnect: workers[owner]?.exited = true
                default: break
                }
            }
        }

        // The run reached the states the invariants are about (all seeds reach some failures,
        // duplicates and results; 1–3 finish the sweep, 4 and 5 stop it half-way).
        guard !broken else { return }
        let counts = h.dispatcher.counts
        let stopped = h.dispatcher.isStopped
        #expect(counts.finished > 0)
        #expect(!h.history.failedAttempts.isEmpty)
        #expect(!h.history.compared.isEmpty)
        #expect(stopped)
        // Seed 4 drains, seed 5 cancels at once (§2.4 STATUS-REPLY names each).
        #expect(h.status.state == [4: .drained, 5: .cancelled][seed] ?? .done)
    }
}
