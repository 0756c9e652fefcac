import Shared
import Testing
@testable import Datasets
import Engine

@Suite struct SyntheticGeneratorTests {
    private func synthetic(_ parameters: SyntheticDataSpec) throws -> Dataset {
        try DatasetLoader.load(DatasetSource(name: "synthetic", format: .synthetic, synthetic: parameters))
    }

    @Test func theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws {
        let a = try synthetic(SyntheticDataSpec(seed: 42))
        let b = try synthetic(SyntheticDataSpec(seed: 42))
        let c = try synthetic(SyntheticDataSpec(seed: 43))
        #expect(a.train.images == b.train.images && a.test.images == b.test.images)
        #expect(a.train.images != c.train.images)
    }

    @Test func shapeCountsAndPixelRangeFollowTheParameters() throws {
        let parameters = SyntheticDataSpec(classes: 3, trainPerClass: 7, testPerClass: 2, height: 5, width: 4,
                                             channels: 2, noise: 0.5, seed: 1)
        let dataset = try synthetic(parameters)
        #expect(dataset.shape == ImageShape(height: 5, width: 4, channels: 2))
        #expect(dataset.classNames == ["class 0", "class 1", "class 2"])
        #expect(dataset.train.count == 21 && dataset.test.count == 6)
        #expect(dataset.train.countPerClass(3) == [7, 7, 7])
        #expect(dataset.train.labels.prefix(6) == [0, 1, 2, 0, 1, 2])
        #expect(dataset.train.images.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    /// One set of defaults: a spec's `{format: synthetic}` and `SyntheticDataSpec()` are the same data.
    @Test func theGeneratorsDefaultsAreTheSpecs() {
        let fromSpec = DatasetSource(DatasetSpec(name: "s", format: .synthetic, synthetic: SyntheticDataSpec()))
        #expect(fromSpec.synthetic == SyntheticDataSpec())
    }

    @Test func missingParametersMeanTheDefaults() throws {
        let dataset = try DatasetLoader.load(DatasetSource(name: "synthetic", format: .synthetic))
        let defaults = SyntheticDataSpec()
        #expect(dataset.train.count == defaults.classes * defaults.trainPerClass)
    }

    /// Learnable: a nearest-class-mean classifier fitted on train classifies test far above chance.
    @Test func classesAreSeparableByTheirTrainingMeans() throws {
        let dataset = try synthetic(SyntheticDataSpec(classes: 5, trainPerClass: 40, testPerClass: 40, noise: 0.3, seed: 7))
        let width = dataset.shape.count
        var means = [[Float]](repeating: [Float](repeating: 0, count: width), count: 5)
        for (row, label) in dataset.train.labels.enumerated() {
            for j in 0..<width { means[Int(label)][j] += dataset.train.images[row * width + j] / 40 }
        }
        var correct = 0
        for (row, label) in dataset.test.labels.enumerated() {
            let distances = means.map { mean in
                (0..<width).reduce(Float(0)) { sum, j in
                    let d = dataset.test.images[row * width + j] - mean[j]
                    return sum + d * d
                }
            }
            if distances.firstIndex(of: distances.min() ?? 0) == Int(label) { correct += 1 }
        }
        #expect(Double(correct) / Double(dataset.test.count) > 0.9)
    }

    @Test func impossibleParametersAreAnInvalidSyntheticParametersError() throws {
        for parameters in [SyntheticDataSpec(classes: 1), SyntheticDataSpec(testPerClass: 0),
                           SyntheticDataSpec(height: 0), SyntheticDataSpec(noise: -1),
                           SyntheticDataSpec(noise: .nan), SyntheticDataSpec(trainPerClass: 1 << 40)] {
            guard case .invalidSyntheticParameters = datasetError({ try synthetic(parameters) }) else {
                Issue.record("expected invalidSyntheticParameters for \(parameters)")
                continue
            }
        }
    }
}
