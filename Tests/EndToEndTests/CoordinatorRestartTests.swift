import Foundation
import Testing
import TestSupport
@testable import Coordinator

/// docs/architecture.md §6 with real processes: `kill -9` the coordinator mid-sweep and start it again on
/// the same directory; workers reconnect without a restart, no finished cell is computed
/// again, and the results equal those of a run nobody interrupted.
@Suite(.serialized)
struct CoordinatorRestartTests {
    @Test func aCoordinatorKilledMidSweepResumesWithoutRecomputingAndMatchesAnUninterruptedRun() throws {
        let spec = EndToEndSpecs.slowCells(name: "coordinator-kill", widths: [32, 64, 128], maxEpochs: 40)
        let fixture = try SweepFixture(spec: spec)
        let endpoint = "tcp://127.0.0.1:\(SweepFixture.freePort())"
        let arguments = ["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--insecure", "--bind", endpoint,
                         "--heartbeat-ms", "200", "--liveness", "5"]
        let first = try RunningProcess(.coordinator, arguments, logDirectory: fixture.logs, name: "coordinator-1")
        let workers = try (1...2).map {
            try RunningProcess(.worker, ["--connect", endpoint, "--id", "w\($0)"], logDirectory: fixture.logs, name: "worker-\($0)")
        }
        #expect(eventually(timeout: .seconds(90)) {
            guard let status = fixture.status() else { return false }
            return status.cells.finished >= 1 && status.cells.running >= 1
        }, "no cell finished while others ran; log: \(first.stderr)")
        first.kill9()
        _ = first.waitForExit(timeout: .seconds(5))
        let stale = try BuiltExecutable.coordinator.run(["status", fixture.sweepDirectory])
        #expect(stale.status != 0 && stale.stderr.contains("has exited"), "status names the dead coordinator: \(stale.stderr)")
        let committedBefore = try fixture.results()
        #expect(!committedBefore.isEmpty)

        let second = try RunningProcess(.coordinator, arguments, logDirectory: fixture.logs, name: "coordinator-2")
        let status = second.waitForExit(timeout: .seconds(180))
        #expect(status == 0, "restarted coordinator: \(second.stderr)")
        for worker in workers {
            #expect(worker.waitForExit(timeout: .seconds(20)) == 0, "workers should survive the restart and exit on done: \(worker.stderr)")
        }
        let after = try fixture.results()
        #expect(after.count == 6)
        for (key, json) in committedBefore {
            #expect(after[key] == json, "a result committed before the crash changed")
        }
        let audit = try fixture.recordingAudit()
        #expect(audit.leasedAfterFinish.isEmpty, "finished cells were dispatched again: \(audit.leasedAfterFinish)")
        #expect(audit.finishedPerKey.values.allSatisfy { $0 == 1 })

        // The same sweep without interruption gives the same numbers (timings and hosts aside).
        let clean = try SweepFixture(spec: spec)
        let uninterrupted = try BuiltExecutable.coordinator.run(["run", clean.specPath, "--dir", clean.sweepDirectory, "--local-workers", "2"])
        #expect(uninterrupted.status == 0, "uninterrupted run: \(uninterrupted.stderr)")
        let reference = try clean.results()
        #expect(Set(reference.keys) == Set(after.keys))
        for (key, json) in reference {
            let difference = after[key].flatMap { ResultComparison.firstDifference(json, $0) }
            #expect(difference == nil, "cell \(key.prefix(12)) differs from the uninterrupted run at \(difference ?? "")")
        }
    }
}
