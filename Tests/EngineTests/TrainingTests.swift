import Testing
@testable import Engine

/// The training loop: learning, the validation stopping rule, determinism and divergence.
@Suite struct TrainingTests {
    /// Gaussian blobs around `classes` random centres in `dims` dimensions: learnable, not trivial.
    static func blobs(count: Int, dims: Int = 16, classes: Int = 4, spread: Float = 1.0, seed: UInt64) -> LabeledSet {
        var centres = RandomStream(seed: 99)
        let means = (0..<classes * dims).map { _ in 1.5 * centres.nextNormal() }
        var rng = RandomStream(seed: seed)
        var features: [Float] = []
        var labels: [Int32] = []
        for i in 0..<count {
            let c = i % classes
            labels.append(Int32(c))
            for d in 0..<dims { features.append(means[c * dims + d] + spread * rng.nextNormal()) }
        }
        return LabeledSet(features: features, labels: labels, featureCount: dims, classes: classes)
    }

    func mlp(width: Int = 32, parameterization: Parameterization = .mup, seed: UInt64 = 1) -> Network {
        let config = ModelConfig(architecture: .mlp(depth: 2), inputShape: ImageShape(height: 4, width: 4, channels: 1),
                                 classes: 4, width: width, parameterization: parameterization, baseWidth: 32)
        return Network(config: config, batchCapacity: 64, optimizer: .sgd, seed: seed)
    }

    func config(lr: Float = 0.05, epochs: Int = 10, target: Double? = nil, schedule: OptimizerConfig.Schedule = .constant,
                checkEvery: Int? = nil) -> TrainingConfig {
        TrainingConfig(optimizer: OptimizerConfig(kind: .sgd(momentum: 0.9), learningRate: lr, schedule: schedule),
                       batchSize: 32, maxEpochs: epochs, targetAccuracy: target, checkEvery: checkEvery)
    }

    @Test func mlpLearnsSeparableBlobs() throws {
        let network = mlp()
        let outcome = try Trainer(network: network, config: config(epochs: 5), orderSeed: 3)
            .train(Self.blobs(count: 800, seed: 1), validation: Self.blobs(count: 200, seed: 2))
        #expect(outcome.validationAccuracy > 0.95)
        #expect(outcome.history.count == 5)
        #expect(outcome.history.last!.trainLoss < outcome.history.first!.trainLoss)
    }

    @Test func trainingStopsAtTheFirstCheckThatReachesTheTarget() throws {
        let outcome = try Trainer(network: mlp(), config: config(epochs: 20, target: 0.9), orderSeed: 3)
            .train(Self.blobs(count: 800, seed: 1), validation: Self.blobs(count: 200, seed: 2))
        #expect(outcome.targetMet)
        #expect(outcome.epochs < 20)
        #expect(outcome.validationAccuracy >= 0.9)
        #expect(outcome.checks.last == ValidationCheck(step: outcome.steps, validationAccuracy: outcome.validationAccuracy))
        #expect(outcome.checks.dropLast().allSatisfy { $0.validationAccuracy < 0.9 })
        #expect(outcome.history.last?.validationAccuracy == outcome.validationAccuracy)
    }

    @Test func anUnreachableTargetRunsEveryEpochAndSaysSo() throws {
        let noisy = Self.blobs(count: 400, spread: 6, seed: 1)
        let outcome = try Trainer(network: mlp(), config: config(epochs: 3, target: 0.999), orderSeed: 3)
            .train(noisy, validation: Self.blobs(count: 200, spread: 6, seed: 2))
        #expect(!outcome.targetMet)
        #expect(outcome.epochs == 3)
    }

    @Test func sameSeedsGiveBitIdenticalWeightsAndHistory() throws {
        func run() throws -> ([[Float]], [Double]) {
            let network = mlp(seed: 5)
            let outcome = try Trainer(network: network, config: config(epochs: 3, schedule: .cosine(warmupSteps: 5)), orderSeed: 8)
                .train(Self.blobs(count: 500, seed: 1), validation: Self.blobs(count: 100, seed: 2))
            return (network.parameters.map(\.value.values), outcome.history.map(\.trainLoss) + outcome.checks.map(\.validationAccuracy))
        }
        let (w1, h1) = try run(), (w2, h2) = try run()
        #expect(w1 == w2)
        #expect(h1 == h2)
        let other = mlp(seed: 6)
        #expect(other.parameters[0].value.values != w1[0])
    }

    @Test func aLearningRateFarTooLargeIsReportedAsDivergence() {
        #expect(throws: EngineError.self) {
            _ = try Trainer(network: mlp(parameterization: .standard), config: config(lr: 1e6, epochs: 2), orderSeed: 1)
                .train(Self.blobs(count: 200, seed: 1), validation: Self.blobs(count: 50, seed: 2))
        }
    }

    @Test func dataOfTheWrongShapeIsRejectedBeforeTraining() {
        let wrong = LabeledSet(features: [Float](repeating: 0, count: 30), labels: [0, 1, 2], featureCount: 10, classes: 4)
        #expect(throws: EngineError.self) {
            _ = try Trainer(network: mlp(), config: config(), orderSeed: 1).train(wrong, validation: wrong)
        }
    }

    @Test func cnnLearnsBlobsShapedAsImages() throws {
        let config = ModelConfig(architecture: .cnn, inputShape: ImageShape(height: 4, width: 4, channels: 1),
                                 classes: 4, width: 4, parameterization: .standard, baseWidth: 4)
        let network = Network(config: config, batchCapacity: 32, optimizer: .sgd, seed: 2)
        let outcome = try Trainer(network: network, config: self.config(lr: 0.05, epochs: 8), orderSeed: 3)
            .train(Self.blobs(count: 800, seed: 1), validation: Self.blobs(count: 200, seed: 2))
        #expect(outcome.validationAccuracy > 0.9)
    }

    @Test func cosineScheduleWarmsUpThenDecaysToZero() {
        let c = OptimizerConfig(kind: .sgd(momentum: 0), learningRate: 0.1, schedule: .cosine(warmupSteps: 10))
        #expect(abs(c.learningRate(step: 0, totalSteps: 110) - 0.01) < 1e-7)
        #expect(abs(c.learningRate(step: 9, totalSteps: 110) - 0.1) < 1e-7)
        #expect(abs(c.learningRate(step: 60, totalSteps: 110) - 0.05) < 1e-6)
        #expect(c.learningRate(step: 110, totalSteps: 110) < 1e-7)
    }

    /// Every example's features, in order, equal its penultimate layer computed on its own.
    /// Batched and one-row products may round differently (OpenBLAS picks other kernels for
    /// other shapes), so equality is to float rounding, not bitwise; a row out of place or a
    /// batch boundary handled wrongly is off by far more.
    @Test func evaluatorFeaturesMatchThePenultimateLayerOneBatchAtATime() {
        let network = mlp()
        let set = Self.blobs(count: 150, seed: 4)
        let all = Evaluator(network: network).features(set)
        #expect(all.count == 150 * 32)
        var worst: Float = 0
        for row in 0..<150 {
            let single = Matrix(rows: 1, cols: 16, values: Array(set.features[(row * 16)..<((row + 1) * 16)]))
            let expected = network.features(single).values
            for (a, b) in zip(all[(row * 32)..<((row + 1) * 32)], expected) {
                worst = max(worst, abs(a - b) / (1 + abs(b)))
            }
        }
        #expect(worst <= 1e-5, "largest relative difference \(worst)")
    }
}
