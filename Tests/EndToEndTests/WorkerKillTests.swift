import Foundation
import Testing
import TestSupport

/// Liveness and leases (docs/protocol.md §4.1, §5.1) with real processes: a worker killed with
/// SIGKILL mid-cell loses its lease, and its cell completes on another worker, recorded exactly once.
@Suite(.serialized)
struct WorkerKillTests {
    @Test func aWorkerKilledMidCellHasItsCellFinishedElsewhereAndEveryCellRecordedOnce() throws {
        let fixture = try SweepFixture(spec: EndToEndSpecs.slowCells(name: "worker-kill", widths: [128, 256], maxEpochs: 60))
        let endpoint = "tcp://127.0.0.1:\(SweepFixture.freePort())"
        let coordinator = try RunningProcess(.coordinator, ["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--insecure", "--bind", endpoint,
                                                            "--heartbeat-ms", "200", "--liveness", "5"],
                                             logDirectory: fixture.logs, name: "coordinator")
        let victim = try RunningProcess(.worker, ["--connect", endpoint, "--id", "victim"], logDirectory: fixture.logs, name: "victim")
        // The victim gets the first cell alone, then a survivor joins.
        var victimCell: String?
        #expect(eventually(timeout: .seconds(60)) {
            victimCell = fixture.status()?.running.first { $0.worker == "victim" && $0.phase == "train" }?.cell
            return victimCell != nil
        }, "the victim never started training; coordinator log: \(coordinator.stderr)")
        let survivor = try RunningProcess(.worker, ["--connect", endpoint, "--id", "survivor"], logDirectory: fixture.logs, name: "survivor")
        victim.kill9()

        let status = coordinator.waitForExit(timeout: .seconds(180))
        #expect(status == 0, "coordinator: \(coordinator.stderr)")
        #expect(survivor.waitForExit(timeout: .seconds(20)) == 0, "the survivor should exit on DISCONNECT done: \(survivor.stderr)")
        let audit = try fixture.recordingAudit()
        #expect(audit.finishedPerKey.count == 4, "cells recorded: \(audit.finishedPerKey.count); log: \(coordinator.stderr)")
        #expect(audit.finishedPerKey.values.allSatisfy { $0 == 1 })
        #expect(coordinator.stderr.contains("victim silent") || coordinator.stderr.contains("victim unreachable"),
                "the coordinator should say it lost the victim: \(coordinator.stderr)")
        #expect(coordinator.stdout.contains(victimCell ?? "?"), "the victim's cell should be in the report: \(coordinator.stdout)")
    }
}
