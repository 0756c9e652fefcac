import Foundation
import Shared
import Testing
import TestSupport
@testable import Coordinator

/// A sweep whose spec selects atlases, run by `coordinator run --local-workers`: each selected
/// cell's two PNGs travel as RESULT artifacts, land under `artifacts/<key>/`, are journaled with
/// their SHA-256, and appear in the report; cells not selected carry none.
@Suite(.serialized)
struct AtlasSweepTests {
    static let spec = """
        name: atlas-smoke
        datasets:
          toy: {format: synthetic, classes: 5, train_per_class: 200, test_per_class: 100, noise: 1.0}
        model: {family: mlp, parameterization: standard}
        widths: [8, 32]
        seeds: [0, 1]
        tasks:
          split:
            source: {dataset: toy, classes: [0, 1, 2]}
            targets:
              other: {dataset: toy, classes: [3, 4]}
        training: {batch_size: 32, max_epochs: 2}
        transfer: {budgets: [10]}
        metrics: {probe_examples: 100, fit_examples: 100}
        atlas: {seeds: [1], examples: 400, grid: 6, min_points: 5, neurons: 4, steps: 24, restarts: 2}

        """

    @Test func selectedCellsDeliverTheirAtlasImagesIntoTheSweepAndTheReport() throws {
        let fixture = try SweepFixture(spec: Self.spec)
        let run = try BuiltExecutable.coordinator.run(["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--local-workers", "2"])
        #expect(run.status == 0, "coordinator run failed: \(run.stderr)")
        #expect(run.stdout.contains("4 finished, 0 failed"), "report: \(run.stdout)")

        let journal = try Journal.open(directory: fixture.sweepDirectory)
        defer { journal.close() }
        var atlases = 0
        for (key, json) in try fixture.results() {
            let result = try JSONDecoder().decode(CellResult.self, from: Data(json))
            let records = try journal.artifacts(forKey: key)
            guard let atlas = result.atlas else {
                #expect(result.cell.seed == 0, "seed 1 cells must draw an atlas")
                #expect(records.isEmpty)
                continue
            }
            atlases += 1
            #expect(result.cell.seed == 1)
            #expect(atlas.grid == 6 && atlas.examples == 400 && atlas.neurons.tiles.count == 4)
            #expect(!atlas.directions.tiles.isEmpty)
            #expect(Set(records.map(\.name)) == Set(atlas.imageNames) && records.count == 4)
            for record in records {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.sweepDirectory + "/artifacts/\(key)/\(record.name)"))
                #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "\(record.name) is not a PNG")
                #expect(bytes.count == record.size && SHA256.hex(SHA256.hash(Array(bytes))) == record.sha256)
            }
        }
        #expect(atlases == 2)
        let html = try String(contentsOfFile: fixture.sweepDirectory + "/report/index.html", encoding: .utf8)
        #expect(html.contains("data:image/png;base64,"), "the report should embed the atlas images")
    }
}
