import Engine
import Testing
@testable import Worker

/// Transfer features are computed only for the training rows some budget fits on
/// (`FeatureRows`); every fit must still see exactly the features it saw when the whole split
/// was mapped.
@Suite struct FeatureRowsTests {
    @Test func rowsAreTheUnionOfTheSamplesAndPositionsFindThem() {
        let rows = FeatureRows(samples: [[1, 5, 9], [5, 7], [0, 9]], total: 12, everyRow: false)
        #expect(rows.rows == [0, 1, 5, 7, 9])
        #expect(!rows.isEveryRow)
        #expect(rows.positions(of: [1, 5, 9]) == [1, 2, 4])
        #expect(rows.positions(of: [5, 7]) == [2, 3])
        #expect(rows.positions(of: [0, 9]) == [0, 4])
    }

    @Test func aBudgetOfAllNeedsEveryRow() {
        let rows = FeatureRows(samples: [[2, 3]], total: 6, everyRow: true)
        #expect(rows.isEveryRow)
        #expect(rows.rows == Array(0..<6))
        #expect(rows.positions(of: [2, 3]) == [2, 3])
    }

    /// Features of a subset of rows, looked up by position, are bit for bit the rows of the
    /// whole split's features: a row's features do not depend on the other rows of its batch
    /// (here batches of 64 over 300 rows, so subset and whole split batch rows differently).
    @Test func featuresOfTheUsedRowsEqualThoseRowsOfTheWholeSplit() {
        let config = ModelConfig(architecture: .mlp(depth: 1), inputShape: ImageShape(height: 4, width: 4, channels: 1),
                                 classes: 4, width: 48, parameterization: .mup, baseWidth: 32)
        let network = Network(config: config, batchCapacity: 64, optimizer: .sgd, seed: 5)
        let split = TargetReadoutsTests.classes(300, dims: 16, classes: 4, seed: 11)
        let samples = [ExampleSampling.perClass(3, labels: split.labels, classes: 4, seed: 1),
                       ExampleSampling.perClass(20, labels: split.labels, classes: 4, seed: 2)]
        let rows = FeatureRows(samples: samples, total: split.count, everyRow: false)
        let evaluator = Evaluator(network: network)
        let whole = evaluator.featureSet(split), used = evaluator.featureSet(split.subset(rows.rows))
        let width = network.featureWidth
        for sample in samples {
            let fromUsed = used.subset(rows.positions(of: sample)), fromWhole = whole.subset(sample)
            #expect(fromUsed.labels == fromWhole.labels)
            #expect(fromUsed.features.count == sample.count * width)
            #expect(fromUsed.features.map(\.bitPattern) == fromWhole.features.map(\.bitPattern))
        }
    }
}
