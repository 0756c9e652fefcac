import Atlas
import Datasets
import Engine
import Shared

/// The activation atlas of a trained cell network (docs/metrics.md), for cells the spec's `atlas`
/// section selects: the `AtlasResult` for the result JSON and its two PNGs as artifacts.
///
/// The inputs are held-out source-task test images first (the atlas shows how the network sees
/// data it was not fitted to), topped up with training images when the test split is smaller
/// than `atlas.examples`; they are drawn with the cell's sampling seed, which does not depend on
/// width, so every width of a seed lays out the same inputs.
struct AtlasEvaluator {
    let section: AtlasSection
    let seeds: CellSeeds

    static let directionsImage = "atlas-directions.png"
    static let neuronsImage = "atlas-neurons.png"
    static let directionMeansImage = "atlas-directions-means.png"
    static let neuronMeansImage = "atlas-neurons-means.png"

    func evaluate(trained network: Network, data: TaskData,
                  progress: (String) -> Void) throws -> (result: AtlasResult, artifacts: [ResultDelivery.Artifact]) {
        let inputs = Self.inputs(section.examples, data: data,
                                 testSeed: seeds.derived("atlas test inputs", from: seeds.split),
                                 trainSeed: seeds.derived("atlas train inputs", from: seeds.split))
        let builder = AtlasBuilder(grid: section.grid, minPoints: section.minPoints, neurons: section.neurons,
                                   steps: section.steps, restarts: section.restarts)
        let atlas = try builder.build(network: network, inputs: inputs, shape: data.shape, pixelMean: data.pixelMean,
                                      pixelStandardDeviation: data.pixelStandardDeviation,
                                      seed: seeds.derived("atlas", from: seeds.sampling), progress: progress)
        progress("atlas: " + atlas.phases.map { "\($0.name) \(String(format: "%.1f", $0.seconds)) s" }.joined(separator: ", ")
                 + String(format: "; self-consistency %.2f (directions) vs %.2f (neurons)",
                          atlas.directions.consistency, atlas.neurons.consistency))
        let result = AtlasResult(
            examples: atlas.examples, layout: "umap", trustworthiness: atlas.trustworthiness,
            trustworthinessNeighbours: atlas.trustworthinessNeighbours, grid: section.grid, minPoints: section.minPoints,
            tileSize: atlas.tileSize,
            directions: Self.sheet(atlas.directions, image: Self.directionsImage, means: Self.directionMeansImage),
            neurons: Self.sheet(atlas.neurons, image: Self.neuronsImage, means: Self.neuronMeansImage),
            seconds: atlas.phases.reduce(0) { $0 + $1.seconds })
        return (result, [ResultDelivery.Artifact(name: Self.directionsImage, data: atlas.directions.png),
                         ResultDelivery.Artifact(name: Self.neuronsImage, data: atlas.neurons.png),
                         ResultDelivery.Artifact(name: Self.directionMeansImage, data: atlas.directions.meanPNG),
                         ResultDelivery.Artifact(name: Self.neuronMeansImage, data: atlas.neurons.meanPNG)])
    }

    /// `count` inputs: a uniform sample of the test split, or all of it plus a uniform sample of
    /// the training split.
    static func inputs(_ count: Int, data: TaskData, testSeed: UInt64, trainSeed: UInt64) -> Matrix {
        let test = data.test.set, train = data.train.set
        let testRows = ExampleSampling.uniform(count, of: test.count, seed: testSeed)
        let trainRows = ExampleSampling.uniform(count - testRows.count, of: train.count, seed: trainSeed)
        let width = test.featureCount
        var values = [Float]()
        values.reserveCapacity((testRows.count + trainRows.count) * width)
        for r in testRows { values.append(contentsOf: test.features[(r * width)..<((r + 1) * width)]) }
        for r in trainRows { values.append(contentsOf: train.features[(r * width)..<((r + 1) * width)]) }
        return Matrix(rows: testRows.count + trainRows.count, cols: width, values: values)
    }

    private static func sheet(_ sheet: ActivationAtlas.Sheet, image: String, means: String) -> AtlasSheet {
        AtlasSheet(image: image, columns: sheet.columns, rows: sheet.rows,
                   tiles: sheet.tiles.map {
                       AtlasTile(row: $0.row, column: $0.column, points: $0.points, unit: $0.unit, label: $0.label,
                                 predicted: $0.predicted, objective: $0.objective)
                   },
                   consistency: sheet.consistency, meanImage: means)
    }
}
