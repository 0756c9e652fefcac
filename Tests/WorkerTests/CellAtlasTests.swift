import Foundation
import Testing
import TestSupport
@testable import Shared
@testable import Worker

/// A cell the spec's `atlas` section selects returns an atlas and its four PNGs, the same bytes
/// on every run; a cell it does not select returns neither.
@Suite struct CellAtlasTests {
    static func spec(atlas: String = "atlas: {examples: 300, grid: 5, min_points: 4, neurons: 6, steps: 16, restarts: 2}") throws -> SweepSpec {
        try SweepSpec.parse(yaml: """
            name: atlas-cell
            datasets:
              toy: {format: synthetic, classes: 4, train_per_class: 150, test_per_class: 50, noise: 0.8}
            model: {family: mlp, parameterization: standard}
            widths: [24]
            seeds: [0, 1]
            tasks:
              all4:
                source: {dataset: toy, classes: all}
                targets:
                  same: {dataset: toy, classes: all}
            training: {batch_size: 32, max_epochs: 2}
            transfer: {budgets: [10]}
            metrics: {probe_examples: 100, fit_examples: 100}
            \(atlas)

            """, file: "atlas-cell.yaml")
    }

    @Test func aSelectedCellReturnsItsAtlasAndTheImagesItNames() throws {
        let (result, files) = try CellRunner(spec: try Self.spec()).produce(CellCoordinate(width: 24, seed: 0, task: "all4"))
        let atlas = try #require(result.atlas)
        #expect(files.map(\.name) == atlas.imageNames)
        #expect(atlas.imageNames == ["atlas-directions.png", "atlas-neurons.png",
                                     "atlas-directions-means.png", "atlas-neurons-means.png"])
        #expect(files.allSatisfy { Array($0.data.prefix(4)) == [0x89, 0x50, 0x4E, 0x47] })
        #expect(atlas.examples == 300)     // 200 test images topped up with 100 training images
        #expect(atlas.neurons.tiles.count == 6 && atlas.neurons.tiles.allSatisfy { $0.unit != nil && $0.points == nil })
        let points = atlas.directions.tiles.compactMap(\.points)
        #expect(points.count == atlas.directions.tiles.count && points.allSatisfy { $0 >= 4 })
        #expect(points.reduce(0, +) <= 300)
        #expect((0...1).contains(atlas.directions.consistency) && (0...1).contains(atlas.trustworthiness))
        try result.validate()
    }

    @Test func anAtlasIsTheSameBytesOnEveryRun() throws {
        let cell = CellCoordinate(width: 24, seed: 0, task: "all4")
        let first = try CellRunner(spec: try Self.spec()).produce(cell)
        let second = try CellRunner(spec: try Self.spec()).produce(cell)
        #expect(first.artifacts == second.artifacts)
        var a = try #require(first.result.atlas), b = try #require(second.result.atlas)
        a.seconds = 0
        b.seconds = 0
        #expect(a == b)
    }

    @Test func aCellOfAnotherSeedDrawsNoAtlas() throws {
        let (result, files) = try CellRunner(spec: try Self.spec()).produce(CellCoordinate(width: 24, seed: 1, task: "all4"))
        #expect(result.atlas == nil && files.isEmpty)
    }
}
