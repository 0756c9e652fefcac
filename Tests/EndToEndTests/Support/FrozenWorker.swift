import Foundation
import Glibc
import Shared

/// A worker and its cell processes held with SIGSTOP, so a test knows which cells are in flight
/// instead of hoping to catch one in some phase: a stopped worker cannot finish, fail or report a
/// cell, so the leases the coordinator lists while it is stopped stay leased until it is thawed.
struct FrozenWorker {
    /// The worker's leases, as two successive status replies taken while it was stopped agree on
    /// them (a result already on the wire when it stopped is recorded before the second reply).
    let leases: [StatusReport.Lease]
    /// The finished count in the second reply.
    let finished: Int
    private let pids: [Int32]

    /// Waits until `worker` holds a lease, then stops it and its descendants; tries again when the
    /// lease ended just before the stop. Nil if no lease showed within `timeout`.
    static func freeze(_ process: RunningProcess, id worker: String, fixture: SweepFixture,
                       timeout: Duration = .seconds(60)) -> FrozenWorker? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let before = fixture.status(), before.running.contains(where: { $0.worker == worker }) else {
                usleep(50_000)
                continue
            }
            // The worker first, so it spawns no cell process while its children are listed.
            kill(process.pid, SIGSTOP)
            usleep(20_000)
            let children = descendants(of: process.pid)
            for child in children { kill(child, SIGSTOP) }
            if let first = fixture.status(), let second = fixture.status() {
                let held = second.running.filter { lease in
                    lease.worker == worker && first.running.contains { $0.key == lease.key && $0.attempt == lease.attempt }
                }
                if !held.isEmpty { return FrozenWorker(leases: held, finished: second.cells.finished, pids: [process.pid] + children) }
            }
            FrozenWorker(leases: [], finished: 0, pids: [process.pid] + children).thaw()
        }
        return nil
    }

    /// Lets the worker and its cell processes run again, children first.
    func thaw() {
        for pid in pids.reversed() { kill(pid, SIGCONT) }
    }

    /// Every process whose chain of parents reaches `root` (from /proc), nearest first.
    static func descendants(of root: Int32) -> [Int32] {
        var parents: [Int32: Int32] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After "pid (comm) " come the state and the parent's pid; comm may hold spaces and parentheses.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = Int32(fields[1]) { parents[pid] = parent }
        }
        var found: [Int32] = []
        var frontier = [root]
        while let next = frontier.first {
            frontier.removeFirst()
            let children = parents.filter { $0.value == next }.map(\.key).sorted()
            found += children
            frontier += children
        }
        return found
    }
}
