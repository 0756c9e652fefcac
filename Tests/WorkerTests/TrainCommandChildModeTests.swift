import Foundation
import Glibc
import Testing
import TestSupport
@testable import Shared

/// The hidden flags with which `worker --connect` runs each cell as `worker train` in a child.
@Suite struct TrainCommandChildModeTests {
    let smoke = "examples/synthetic-smoke.yaml"

    func key() throws -> String {
        let spec = try SweepSpec.load(path: BuiltExecutable.packageRoot.appendingPathComponent(smoke).path)
        return spec.cellKey(CellCoordinate(width: 4, seed: 0, task: "split"), engineVersion: WidthsweepVersion.engine)
    }

    @Test func progressJSONPutsReportsOnStdoutAndTheResultOnlyInTheOutputFile() throws {
        let output = try BuiltExecutable.temporaryFile("", name: "result.json")
        let run = try BuiltExecutable.worker.run(["train", smoke, "--task", "split", "--width", "4", "--seed", "0",
                                                  "--output", output, "--progress-json", "--expect-key", try key()])
        #expect(run.status == 0, "\(run.stderr)")
        let reports = try run.stdout.split(separator: "\n").map {
            try JSONDecoder().decode(ProgressReport.self, from: Data($0.utf8))
        }
        #expect(reports.map(\.phase).first == .load)
        #expect(reports.map(\.phase).last == .information)
        #expect(reports.contains { $0.phase == .train && $0.epoch == 3 && $0.line.hasPrefix("epoch 3/3") })
        // The per-epoch lines are not on stderr as well.
        #expect(!run.stderr.contains("epoch 1/3"))
        let result = try JSONDecoder().decode(CellResult.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(result.cellKey == (try key()))
    }

    @Test func expectKeyWithAnotherKeyFailsWithKeyMismatchBeforeTraining() throws {
        let output = try BuiltExecutable.temporaryFile("", name: "result.json")
        let run = try BuiltExecutable.worker.run(["train", smoke, "--task", "split", "--width", "4", "--output", output,
                                                  "--progress-json", "--expect-key", String(repeating: "f", count: 64)])
        #expect(run.status == 10, "the key-mismatch status of docs/architecture.md §9")
        #expect(run.stderr.contains("key-mismatch: the spec gives split/w4/s0 the key \(try key())"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func progressJSONWithoutAnOutputFileIsRefused() throws {
        let run = try BuiltExecutable.worker.run(["train", smoke, "--task", "split", "--width", "4", "--progress-json"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--progress-json needs --output"))
    }

    @Test func aCellWhoseSupervisorIsNotItsParentStopsBeforeTraining() throws {
        let orphan = try BuiltExecutable.worker.run(["train", smoke, "--task", "split", "--width", "4", "--quiet",
                                                     "--supervisor-pid", "1"])
        #expect(orphan.status != 0)
        #expect(orphan.stderr.contains("is gone"), "\(orphan.stderr)")
        #expect(orphan.stdout.isEmpty)
        // This test process is the parent: the cell runs.
        let supervised = try BuiltExecutable.worker.run(["train", smoke, "--task", "split", "--width", "4", "--quiet",
                                                         "--supervisor-pid", String(getpid())])
        #expect(supervised.status == 0, "\(supervised.stderr)")
    }
}
