import Foundation
import Testing
@testable import Shared

struct SpecParsingTests {
    @Test func aMinimalSpecParsesWithEveryDefaultFilledIn() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.baseYAML)
        #expect(spec.name == "fashion-width")
        #expect(spec.seed == 0)
        #expect(spec.datasets.map(\.name) == ["fashion", "unused"])
        #expect(spec.datasets[0] == DatasetSpec(name: "fashion", format: .idx, path: "/usr/share/datasets/fashion-mnist"))
        #expect(spec.datasets[1].synthetic == SyntheticDataSpec())
        #expect(spec.datasets[1].path == nil)
        #expect(spec.model == ModelSpec(family: .mlp(depth: 1), parameterization: .mup(baseWidth: 64)))
        #expect(spec.widths == [16, 32, 64])
        #expect(spec.seeds == [0, 1, 2])
        #expect(spec.training == TrainingSpec())
        #expect(spec.training.optimizer == .sgd(momentum: 0.9))
        #expect(spec.training.learningRate == 0.05)
        #expect(spec.training.targetAccuracy == nil)
        #expect(spec.training.trainExamples == nil)
        #expect(spec.training.threads == 1)
    }

    @Test func tasksTargetsAndGroupsKeepTheOrderWritten() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.baseYAML)
        #expect(spec.tasks.map(\.name) == ["coarse_to_fine", "split"])
        let coarse = try #require(spec.task(named: "coarse_to_fine"))
        #expect(coarse.source == TaskDataSpec(dataset: "fashion", labels: .groups([
            ClassGroupSpec(name: "tops", classes: [0, 2, 3, 4, 6]),
            ClassGroupSpec(name: "footwear", classes: [5, 7, 9]),
            ClassGroupSpec(name: "other", classes: [1, 8]),
        ])))
        #expect(coarse.targets == [NamedTarget(name: "fine", data: TaskDataSpec(dataset: "fashion", labels: .all))])
        let split = try #require(spec.task(named: "split"))
        #expect(split.source.labels == .classes([0, 1, 2, 3, 4]))
        #expect(split.targets.map(\.name) == ["second_half"])
        #expect(split.targets[0].data.labels == .classes([5, 6, 7, 8, 9]))
    }

    @Test func aParsedSpecRoundTripsThroughJSON() throws {
        let yaml = SpecFixtures.base(training: "optimizer: adam", "schedule: cosine", "warmup_steps: 100",
                                     "target_accuracy: 0.88", "train_examples: 5000")
        let spec = try SpecFixtures.parse(yaml)
        let data = try JSONEncoder().encode(spec)
        #expect(try JSONDecoder().decode(SweepSpec.self, from: data) == spec)
        let defaults = try SpecFixtures.parse(SpecFixtures.baseYAML)
        #expect(try JSONDecoder().decode(SweepSpec.self, from: try JSONEncoder().encode(defaults)) == defaults)
    }

    @Test func everyTrainingKeyIsReadWhenGiven() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.base(training:
            "optimizer: sgd", "learning_rate: 0.1", "momentum: 0.5", "weight_decay: 1e-4", "schedule: cosine",
            "warmup_steps: 50", "batch_size: 64", "max_epochs: 7", "target_accuracy: 0.9",
            "validation_fraction: 0.2", "train_examples: 1000", "threads: 2"))
        #expect(spec.training == TrainingSpec(
            optimizer: .sgd(momentum: 0.5), learningRate: 0.1, weightDecay: 1e-4, schedule: .cosine(warmupSteps: 50),
            batchSize: 64, maxEpochs: 7, targetAccuracy: 0.9, validationFraction: 0.2, trainExamples: 1000,
            threads: 2))
    }

    @Test func adamGetsItsOwnDefaults() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.base(training: "optimizer: adam"))
        #expect(spec.training.optimizer == .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
        #expect(spec.training.learningRate == 0.001)
        let tuned = try SpecFixtures.parse(SpecFixtures.base(training: "optimizer: adam", "beta1: 0.8",
                                                             "beta2: 0.99", "epsilon: 1e-6", "learning_rate: 3e-4"))
        #expect(tuned.training.optimizer == .adam(beta1: 0.8, beta2: 0.99, epsilon: 1e-6))
        #expect(tuned.training.learningRate == 3e-4)
    }

    @Test func nullTargetAccuracyAndAllTrainExamplesMeanNoLimit() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.base(training: "target_accuracy: null", "train_examples: all"))
        #expect(spec.training.targetAccuracy == nil)
        #expect(spec.training.trainExamples == nil)
    }

    @Test func aCNNHasNoDepthAndStandardHasNoBaseWidth() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.base(
            replacing: "  family: mlp\n  parameterization: mup", with: "  family: cnn\n  parameterization: standard"))
        #expect(spec.model == ModelSpec(family: .cnn, parameterization: .standard))
        #expect(spec.model.depth == nil)
        #expect(spec.model.baseWidth == nil)
    }

    @Test func syntheticParametersAreReadWithDefaultsForTheRest() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.base(
            replacing: "unused: {format: synthetic}",
            with: "unused: {format: synthetic, classes: 6, noise: 0.25, channels: 3, seed: 18446744073709551615}"))
        #expect(spec.datasets[1].synthetic == SyntheticDataSpec(classes: 6, channels: 3, noise: 0.25,
                                                                seed: UInt64.max))
    }

    @Test func relativeDatasetPathsAreResolvedAgainstTheSpecFileAndNormalised() throws {
        let relative = SpecFixtures.base(replacing: "path: /usr/share/datasets/fashion-mnist",
                                         with: "path: ../data/./fashion//")
        let spec = try SweepSpec.parse(yaml: relative, file: "/home/me/sweeps/sweep.yaml")
        #expect(spec.datasets[0].path == "/home/me/data/fashion")
        let slash = SpecFixtures.base(replacing: "fashion-mnist\n", with: "fashion-mnist/\n")
        #expect(try SpecFixtures.parse(slash).datasets[0].path == "/usr/share/datasets/fashion-mnist")
    }

    @Test func sweepSeedAcceptsTheWholeUInt64Range() throws {
        let spec = try SpecFixtures.parse("seed: 18446744073709551615\n" + SpecFixtures.baseYAML)
        #expect(spec.seed == UInt64.max)
    }

    @Test func blockAndFlowStylesAndCommentsParseToTheSameSpec() throws {
        let block = SpecFixtures.base(replacing: "widths: [16, 32, 64]", with: """
            # the widths, one per line
            widths:
              - 16   # narrowest
              - 32
              - 64
            """)
        #expect(try SpecFixtures.parse(block) == SpecFixtures.parse(SpecFixtures.baseYAML))
    }

    @Test func loadReadsAFileAndNamesItInErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spec-load-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.yaml")
        try SpecFixtures.baseYAML.write(to: good, atomically: true, encoding: .utf8)
        #expect(try SweepSpec.load(path: good.path) == SpecFixtures.parse(SpecFixtures.baseYAML))

        let bad = directory.appendingPathComponent("bad.yaml")
        try SpecFixtures.base(replacing: "seeds: [0, 1, 2]", with: "seeds: [0, 1, x]").write(
            to: bad, atomically: true, encoding: .utf8)
        #expect(throws: SpecError.self) { try SweepSpec.load(path: bad.path) }
        do {
            _ = try SweepSpec.load(path: bad.path)
        } catch let error as SpecError {
            #expect(error.description.hasPrefix("\(bad.path):11:"))
        }

        let missing = directory.appendingPathComponent("missing.yaml").path
        #expect(throws: SpecError.unreadable(file: missing, reason: "no such file")) {
            try SweepSpec.load(path: missing)
        }
    }

    @Test func theExampleSpecsParse() throws {
        let examples = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples")
        let fashion = try SweepSpec.load(path: examples.appendingPathComponent("fashion-mnist.yaml").path)
        #expect(fashion.widths == [16, 32, 64, 128, 256, 512])
        #expect(fashion.seeds == Array(0..<8), "at least 8 seeds, for the comparison's power")
        #expect(fashion.tasks.map(\.name) == ["coarse_to_fine", "split"])
        // Both parameterizations, as a model axis.
        #expect(fashion.variantNames == ["mup", "standard"])
        #expect(fashion.resolved(variant: "mup")?.model == ModelSpec(family: .mlp(depth: 1), parameterization: .mup(baseWidth: 64)))
        #expect(fashion.resolved(variant: "standard")?.model == ModelSpec(family: .mlp(depth: 1), parameterization: .standard))
        #expect(fashion.datasets.map(\.path) == ["/usr/share/datasets/fashion-mnist"])
        #expect(fashion.cells.count == 192)
        #expect(fashion.atlas?.seeds == [0])
        #expect(fashion.training.maxEpochs == 10)

        // The cost benchmark keeps the 42 cells of the first cost measurement, whatever the default becomes.
        let bench = try SweepSpec.load(path: examples.appendingPathComponent("bench/fashion-42.yaml").path)
        #expect(bench.cells.count == 42 && bench.seeds == [0, 1, 2])
        #expect(bench.tasks == fashion.tasks && bench.training == fashion.training)
        // The default adds the equal-dimension control; the benchmark keeps the readouts it was costed with.
        var defaultTransfer = fashion.transfer
        #expect(defaultTransfer.equalDimension == 16 && bench.transfer.equalDimension == nil)
        defaultTransfer.equalDimension = nil
        #expect(bench.transfer == defaultTransfer)

        let cnn = try SweepSpec.load(path: examples.appendingPathComponent("fashion-cnn.yaml").path)
        #expect(cnn.model == ModelSpec(family: .cnn, parameterization: .mup(baseWidth: 8)))
        #expect(cnn.cells.count == 15 && (cnn.atlas?.seeds ?? []).isEmpty)

        let smoke = try SweepSpec.load(path: examples.appendingPathComponent("digits-smoke.yaml").path)
        #expect(smoke.cells.count <= 8)
        let synthetic = try SweepSpec.load(path: examples.appendingPathComponent("synthetic-smoke.yaml").path)
        #expect(synthetic.datasets.allSatisfy { $0.format == .synthetic })
    }
}
