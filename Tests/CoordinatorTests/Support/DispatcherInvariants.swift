@testable import Coordinator
import Shared

/// What must hold after every event, whatever the events (docs/protocol.md §3.2, §5.1, §5.4,
/// §2.4 STATUS-REPLY). Fed each batch in order; `violations` lists what broke, empty when fine.
struct DispatcherInvariants {
    private var recorded: [String: Int] = [:]
    private var accepted: [String: Int] = [:]
    /// Highest attempt assigned per key, and the (key, attempt) pairs whose ASSIGN bounced.
    private var highestAttempt: [String: UInt32] = [:]
    private var bounced: Set<String> = []

    mutating func noteBounce(_ assigned: Assigned) { bounced.insert("\(assigned.cellKey)#\(assigned.attempt)") }

    /// Checks one batch of actions and the dispatcher's state after it.
    mutating func check(_ batch: [DispatchAction], after dispatcher: Dispatcher, now: Duration) -> [String] {
        var problems: [String] = []
        var leasedInBatch: Set<String> = []
        for action in batch {
            switch action {
            case .journal(.leased(_, _, let leaseId, _)):
                leasedInBatch.insert(leaseId)
            case .assign(let peer, let leaseId, let key, let attempt, _):
                if !leasedInBatch.contains(leaseId) { problems.append("ASSIGN \(leaseId) without a .leased before it (§5.1)") }
                if recorded[key] != nil { problems.append("ASSIGN of \(key.prefix(8)), which has a result (§5.4)") }
                if dispatcher.sessions[peer] == nil { problems.append("ASSIGN to a peer without a session") }
                // §5.1: every new ASSIGN carries a higher attempt; §4.2 lets a bounced one repeat.
                let previous = highestAttempt[key] ?? 0
                let previousBounced = bounced.contains("\(key)#\(previous)")
                if attempt < 1 || attempt < previous || (attempt == previous && !previousBounced) {
                    problems.append("ASSIGN of \(key.prefix(8)) attempt \(attempt) after attempt \(previous) (§5.1)")
                }
                highestAttempt[key] = max(previous, attempt)
            case .recordResult(let delivery, _, _):
                recorded[delivery.cellKey, default: 0] += 1
            case .send(_, .ack(let key, _, .accepted, _)):
                accepted[key, default: 0] += 1
            default:
                break
            }
        }
        if dispatcher.isStopped, !batch.assigns.isEmpty { problems.append("ASSIGN while stopped") }
        problems += checkState(dispatcher, now: now)
        return problems
    }

    private func checkState(_ dispatcher: Dispatcher, now: Duration) -> [String] {
        var problems: [String] = []
        let counts = dispatcher.counts
        if counts.finished + counts.failed + counts.running + counts.queued != counts.total || counts.total != dispatcher.cells.count {
            problems.append("counts do not add up: \(counts)")
        }
        if [counts.finished, counts.failed, counts.running, counts.queued].contains(where: { $0 < 0 }) {
            problems.append("negative count: \(counts)")
        }
        // The counts again, from the cells themselves.
        var expected = Dispatcher.Counts(total: dispatcher.cells.count, finished: 0, failed: 0, running: 0, queued: 0)
        for cell in dispatcher.cells.values {
            switch cell.state {
            case .finished:
                expected.finished += 1
                if recorded[cell.key] != 1 { problems.append("finished \(cell.key.prefix(8)) recorded \(recorded[cell.key] ?? 0) times (§5.4)") }
            case .failed: expected.failed += 1
            case .leased:
                expected.running += 1
                if dispatcher.leaseIdsByKey[cell.key]?.isEmpty ?? true { problems.append("\(cell.key.prefix(8)) leased without a lease") }
            case .queued:
                expected.queued += 1
                if !dispatcher.queue.contains(cell.key) { problems.append("\(cell.key.prefix(8)) queued but not in the queue") }
            }
        }
        if counts != expected { problems.append("counts \(counts) but cell states say \(expected)") }
        if dispatcher.queue.count != expected.queued { problems.append("queue holds \(dispatcher.queue.count), \(expected.queued) cells queued") }
        if recorded.count != expected.finished { problems.append("\(recorded.count) keys recorded, \(expected.finished) finished (§5.4)") }
        if let (key, n) = accepted.first(where: { $0.value != 1 }) { problems.append("\(key.prefix(8)) ACKed accepted \(n) times (§5.4)") }
        for lease in dispatcher.leases.values where dispatcher.cells[lease.key]?.state != .leased {
            problems.append("lease \(lease.id) on \(lease.key.prefix(8)), which is not leased")
        }

        for (id, record) in dispatcher.workers where dispatcher.leaseCount(of: id) > record.slots {
            problems.append("worker \(id) holds \(dispatcher.leaseCount(of: id)) leases with \(record.slots) slots (§3.2)")
        }
        for session in dispatcher.sessions.values {
            let slots = dispatcher.workers[session.workerId]?.slots ?? 0
            if session.credit < 0 { problems.append("worker \(session.workerId) has credit \(session.credit)") }
            if session.credit + dispatcher.leaseCount(of: session.workerId) > slots {
                problems.append("worker \(session.workerId): credit \(session.credit) + leased > \(slots) slots (§3.2)")
            }
        }

        let status = dispatcher.status(now: now)
        let c = status.cells
        if Dispatcher.Counts(total: c.total, finished: c.finished, failed: c.failed, running: c.running, queued: c.queued) != counts {
            problems.append("status cells \(c) ≠ counts \(counts)")
        }
        if status.running.count != dispatcher.leases.count { problems.append("status lists \(status.running.count) leases of \(dispatcher.leases.count)") }
        if status.workers.map(\.running).reduce(0, +) != dispatcher.leases.count { problems.append("workers' running ≠ leases") }
        if status.failed.count != counts.failed { problems.append("status lists \(status.failed.count) failed cells of \(counts.failed)") }
        return problems
    }
}
