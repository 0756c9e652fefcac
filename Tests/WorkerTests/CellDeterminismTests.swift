import Foundation
import Testing
import TestSupport
@testable import Shared
@testable import Worker

/// A cell's result depends only on its spec and seed (docs/architecture.md §7.2): re-running
/// gives the same bytes.
@Suite struct CellDeterminismTests {
    func spec() throws -> SweepSpec {
        try SweepSpec.load(path: BuiltExecutable.packageRoot.appendingPathComponent("examples/synthetic-smoke.yaml").path)
    }

    /// The result as JSON without the fields that describe the run rather than the cell.
    func bytes(_ result: CellResult) throws -> String {
        var r = result
        r.timings = PhaseTimings(loadSeconds: 0, trainSeconds: 0, evaluateSeconds: 0, transferSeconds: 0, informationSeconds: 0)
        r.environment.host = ""
        return try ResultJSON.encode(r)
    }

    @Test func rerunningACellGivesIdenticalBytes() throws {
        let cell = CellCoordinate(width: 16, seed: 0, task: "coarse_to_fine")
        let first = try CellRunner(spec: try spec()).run(cell)
        let second = try CellRunner(spec: try spec()).run(cell)
        #expect(try bytes(first) == bytes(second))
    }

    @Test func anotherSeedGivesAnotherNetwork() throws {
        let a = try CellRunner(spec: try spec()).run(CellCoordinate(width: 16, seed: 0, task: "split"))
        let b = try CellRunner(spec: try spec()).run(CellCoordinate(width: 16, seed: 1, task: "split"))
        #expect(a.source.history.map(\.trainLoss) != b.source.history.map(\.trainLoss))
    }

    @Test func widthsOfOneReplicateShareTheSplitAndTheOrderButNotTheWeights() {
        let narrow = CellSeeds(sweepSeed: 0, seed: 1, width: 16, task: "split")
        let wide = CellSeeds(sweepSeed: 0, seed: 1, width: 1024, task: "split")
        let otherSeed = CellSeeds(sweepSeed: 0, seed: 2, width: 16, task: "split")
        #expect(narrow.split == wide.split && narrow.order == wide.order)
        #expect(narrow.initialization != wide.initialization)
        #expect(narrow.split == otherSeed.split)
        #expect(narrow.order != otherSeed.order)
        #expect(CellSeeds(sweepSeed: 1, seed: 1, width: 16, task: "split").split != narrow.split)
    }
}
