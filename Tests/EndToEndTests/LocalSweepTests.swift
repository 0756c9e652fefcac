import Foundation
import Testing
import TestSupport

/// `coordinator run SPEC --local-workers N` from start to finish, then again on the same
/// directory (docs/architecture.md §6: a restart re-runs zero finished cells).
@Suite(.serialized)
struct LocalSweepTests {
    @Test func localWorkersFinishEveryCellAndARerunComputesNothing() throws {
        let spec = try String(contentsOf: BuiltExecutable.packageRoot.appendingPathComponent("examples/synthetic-smoke.yaml"), encoding: .utf8)
        let fixture = try SweepFixture(spec: spec)
        let first = try BuiltExecutable.coordinator.run(["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--local-workers", "2"])
        #expect(first.status == 0, "coordinator run failed: \(first.stderr)")
        #expect(first.stdout.contains("4 finished, 0 failed"), "report: \(first.stdout)")
        let audit = try fixture.recordingAudit()
        #expect(audit.finishedPerKey.count == 4)
        #expect(audit.finishedPerKey.values.allSatisfy { $0 == 1 }, "a cell was recorded twice: \(audit.finishedPerKey)")
        let before = try fixture.results()

        let second = try BuiltExecutable.coordinator.run(["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--local-workers", "2"])
        #expect(second.status == 0, "rerun failed: \(second.stderr)")
        #expect(second.stderr.contains("4 finished, 0 failed, 0 to run"), "rerun log: \(second.stderr)")
        #expect(try fixture.results() == before, "stored results changed on a rerun")
        #expect(try fixture.recordingAudit().leasedAfterFinish.isEmpty)
    }

    @Test func aSpecThatChangesExistingCellsIsRefusedNamingTheChange() throws {
        let spec = try String(contentsOf: BuiltExecutable.packageRoot.appendingPathComponent("examples/synthetic-smoke.yaml"), encoding: .utf8)
        let fixture = try SweepFixture(spec: spec)
        let first = try BuiltExecutable.coordinator.run(["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--local-workers", "2"])
        #expect(first.status == 0, "coordinator run failed: \(first.stderr)")

        let edited = spec.replacingOccurrences(of: "max_epochs: 3", with: "max_epochs: 4")
        #expect(edited != spec)
        try edited.write(toFile: fixture.specPath, atomically: true, encoding: .utf8)
        let refused = try BuiltExecutable.coordinator.run(["run", fixture.specPath, "--dir", fixture.sweepDirectory])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("max_epochs"), "the refusal should name the change: \(refused.stderr)")

        let added = spec.replacingOccurrences(of: "widths: [4, 16]", with: "widths: [4, 16, 8]")
        #expect(added != spec)
        try added.write(toFile: fixture.specPath, atomically: true, encoding: .utf8)
        let grown = try BuiltExecutable.coordinator.run(["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--local-workers", "2"])
        #expect(grown.status == 0, "an additive edit should run: \(grown.stderr)")
        #expect(grown.stderr.contains("adds 2 cells"), "log: \(grown.stderr)")
        let audit = try fixture.recordingAudit()
        #expect(audit.finishedPerKey.count == 6)
        #expect(audit.leasedAfterFinish.isEmpty, "finished cells were recomputed: \(audit.leasedAfterFinish)")
    }
}
