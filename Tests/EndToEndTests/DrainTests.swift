import Foundation
import Testing
import TestSupport

/// Drain (docs/protocol.md §3.6): Ctrl-C on the coordinator drains — running cells finish and are
/// recorded, nothing new starts, workers are told to go — and the next `coordinator run`
/// finishes the rest without recomputing anything.
@Suite(.serialized)
struct DrainTests {
    @Test func ctrlCDrainsRunningCellsAndARerunFinishesTheRest() throws {
        let fixture = try SweepFixture(spec: EndToEndSpecs.slowCells(name: "drain", widths: [128, 256], seeds: [0, 1, 2], maxEpochs: 60))
        let endpoint = "tcp://127.0.0.1:\(SweepFixture.freePort())"
        let arguments = ["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--insecure", "--bind", endpoint]
        let coordinator = try RunningProcess(.coordinator, arguments, logDirectory: fixture.logs, name: "coordinator-1")
        let worker = try RunningProcess(.worker, ["--connect", endpoint, "--id", "w1"], logDirectory: fixture.logs, name: "worker-1")
        var runningCell: String?
        #expect(eventually(timeout: .seconds(60)) {
            runningCell = fixture.status()?.running.first { $0.phase == "train" }?.cell
            return runningCell != nil
        }, "no cell started training; log: \(coordinator.stderr)")
        coordinator.interrupt()

        #expect(coordinator.waitForExit(timeout: .seconds(120)) == 3, "a drained sweep exits 3 (stopped early): \(coordinator.stderr)")
        #expect(worker.waitForExit(timeout: .seconds(20)) == 0, "the worker leaves on DISCONNECT drained: \(worker.stderr)")
        #expect(coordinator.stderr.contains("draining"))
        let drained = try fixture.recordingAudit()
        #expect(drained.finishedPerKey.count < 6, "the drain stopped the sweep before the end")
        #expect(coordinator.stdout.contains(runningCell ?? "?"), "the cell running at Ctrl-C finished and was recorded: \(coordinator.stdout)")

        let rerun = try BuiltExecutable.coordinator.run(arguments.dropLast(2) + ["--local-workers", "2"])
        #expect(rerun.status == 0, "rerun: \(rerun.stderr)")
        let audit = try fixture.recordingAudit()
        #expect(audit.finishedPerKey.count == 6)
        #expect(audit.finishedPerKey.values.allSatisfy { $0 == 1 })
        #expect(audit.leasedAfterFinish.isEmpty)
    }
}
