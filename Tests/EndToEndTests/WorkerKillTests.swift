import Foundation
import Glibc
import Testing
import TestSupport
@testable import Coordinator

/// Liveness and leases (docs/protocol.md §4.1, §5.1) with real processes: a worker killed with
/// SIGKILL mid-cell loses its lease, and its cell completes on another worker, recorded exactly once.
///
/// The victim is stopped (SIGSTOP) before it is killed, so the cells it held are known to be in
/// flight rather than caught in some phase by luck.
@Suite(.serialized)
struct WorkerKillTests {
    @Test func aWorkerKilledMidCellHasItsCellFinishedElsewhereAndEveryCellRecordedOnce() throws {
        let fixture = try SweepFixture(spec: EndToEndSpecs.slowCells(name: "worker-kill", widths: [128, 256]))
        let endpoint = "tcp://127.0.0.1:\(SweepFixture.freePort())"
        let coordinator = try RunningProcess(.coordinator, ["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--insecure", "--bind", endpoint,
                                                            "--heartbeat-ms", "200", "--liveness", "25"],
                                             logDirectory: fixture.logs, name: "coordinator")
        // Liveness 25 × 200 ms: the victim, stopped while the test reads two status replies, is not
        // declared dead before it is killed.
        let victim = try RunningProcess(.worker, ["--connect", endpoint, "--id", "victim"], logDirectory: fixture.logs, name: "victim")
        let frozen = try #require(FrozenWorker.freeze(victim, id: "victim", fixture: fixture),
                                  "the victim never held a lease; coordinator log: \(coordinator.stderr)")
        victim.kill9()
        frozen.thaw()   // its cell processes, now orphans, see their parent gone and end (PR_SET_PDEATHSIG)
        let survivor = try RunningProcess(.worker, ["--connect", endpoint, "--id", "survivor"], logDirectory: fixture.logs, name: "survivor")

        let status = coordinator.waitForExit(timeout: .seconds(180))
        #expect(status == 0, "coordinator: \(coordinator.stderr)")
        #expect(survivor.waitForExit(timeout: .seconds(20)) == 0, "the survivor should exit on DISCONNECT done: \(survivor.stderr)")
        let audit = try fixture.recordingAudit()
        #expect(audit.finishedPerKey.count == 4, "cells recorded: \(audit.finishedPerKey.count); log: \(coordinator.stderr)")
        #expect(audit.finishedPerKey.values.allSatisfy { $0 == 1 })
        #expect(coordinator.stderr.contains("victim silent") || coordinator.stderr.contains("victim unreachable"),
                "the coordinator should say it lost the victim: \(coordinator.stderr)")

        let finished = try fixture.events().filter { $0.kind == "finished" }
        for lease in frozen.leases {
            let record = finished.first { $0.key == lease.key }
            #expect(record?.worker == "survivor", "\(lease.cell), in flight on the victim, is finished by the survivor")
            #expect(record?.attempt == lease.attempt + 1, "the victim's attempt \(lease.attempt) counts as lost")
            #expect(coordinator.stdout.contains(lease.cell), "the victim's cell should be in the report: \(coordinator.stdout)")
        }
    }
}
