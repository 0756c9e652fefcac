import Foundation
import Testing
import TestSupport
@testable import Shared

/// `worker train` as a user runs it: result JSON on stdout, progress and errors on stderr.
@Suite struct TrainCommandTests {
    let smoke = "examples/synthetic-smoke.yaml"

    @Test func trainPrintsAValidResultOnStdoutAndProgressOnStderr() throws {
        let run = try BuiltExecutable.worker.run(["train", smoke, "--task", "split", "--width", "16", "--seed", "0"])
        #expect(run.status == 0, "\(run.stderr)")
        let result = try JSONDecoder().decode(CellResult.self, from: Data(run.stdout.utf8))
        try result.validate()
        #expect(result.cell == CellCoordinate(width: 16, seed: 0, task: "split"))
        #expect(result.source.classes.count == 2)
        #expect(result.source.testAccuracy > 0.6)
        #expect(result.model.parameterization == "standard")
        #expect(run.stderr.contains("epoch 1/3"))
        #expect(!run.stdout.contains("epoch 1/3"))
    }

    @Test func theCellKeyInTheResultIsTheSpecsKeyForThatCell() throws {
        let run = try BuiltExecutable.worker.run(["train", smoke, "--task", "split", "--width", "4", "--quiet"])
        let result = try JSONDecoder().decode(CellResult.self, from: Data(run.stdout.utf8))
        let spec = try SweepSpec.load(path: BuiltExecutable.packageRoot.appendingPathComponent(smoke).path)
        #expect(result.cellKey == spec.cellKey(result.cell, engineVersion: result.engineVersion))
    }

    @Test func aSpecWithAnUnknownKeyFailsWithFileLineAndKey() throws {
        let path = try BuiltExecutable.temporaryFile("""
            name: bad
            datasets: {toy: {format: synthetic}}
            model: {family: mlp, parameterization: mup}
            widths: [4]
            seeds: [0]
            tasks:
              t: {source: {dataset: toy, classes: [0, 1]}, targets: {u: {dataset: toy, classes: [2, 3]}}}
            training:
              lerning_rate: 0.1
            """)
        let run = try BuiltExecutable.worker.run(["train", path, "--task", "t", "--width", "4"])
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("spec.yaml:9:3"), "\(run.stderr)")
        #expect(run.stderr.contains("training.lerning_rate"))
    }

    @Test func anUnknownTaskNamesTheTasksThatExist() throws {
        let run = try BuiltExecutable.worker.run(["train", smoke, "--task", "nope", "--width", "4"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("no task named 'nope'"))
        #expect(run.stderr.contains("coarse_to_fine, split"))
    }

    @Test func aMissingDataDirectoryIsAnErrorNamingIt() throws {
        let path = try BuiltExecutable.temporaryFile("""
            name: missing
            datasets: {gone: {format: idx, path: /nonexistent/fashion}}
            model: {family: mlp, parameterization: standard}
            widths: [4]
            seeds: [0]
            tasks:
              t: {source: {dataset: gone, classes: [0, 1]}, targets: {u: {dataset: gone, classes: [2, 3]}}}
            """)
        let run = try BuiltExecutable.worker.run(["train", path, "--task", "t", "--width", "4"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("/nonexistent/fashion"), "\(run.stderr)")
    }
}
