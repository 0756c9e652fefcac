/// Trains a network epoch by epoch until the validation accuracy reaches the target or the
/// epoch cap, with data order drawn from its own seed. Nothing is allocated per step.
public final class Trainer {
    public let network: Network
    public let config: TrainingConfig
    private let optimizer: Optimizer
    private var order: RandomStream

    public init(network: Network, config: TrainingConfig, orderSeed: UInt64) {
        precondition(config.batchSize >= 1 && config.batchSize <= network.batchCapacity,
                     "batch size \(config.batchSize) exceeds the network's capacity \(network.batchCapacity)")
        self.network = network
        self.config = config
        optimizer = Optimizer(config: config.optimizer, parameters: network.parameters)
        order = RandomStream(seed: orderSeed)
    }

    /// Runs the training loop. `onEpoch` sees each epoch as it ends (for progress display).
    public func train(_ train: LabeledSet, validation: LabeledSet,
                      onEpoch: (EpochRecord) -> Void = { _ in }) throws -> TrainingOutcome {
        try check(train)
        try check(validation)
        let clock = ContinuousClock()
        let start = clock.now
        let batchSize = config.batchSize
        let stepsPerEpoch = (train.count + batchSize - 1) / batchSize
        let totalSteps = stepsPerEpoch * config.maxEpochs
        let input = Matrix(rows: batchSize, cols: train.featureCount)
        let labels = UnsafeMutablePointer<Int32>.allocate(capacity: batchSize)
        defer { labels.deallocate() }
        var indices = Array(0..<train.count)
        var history: [EpochRecord] = []
        var step = 0
        var validationAccuracy = 0.0
        var targetMet = false

        for epoch in 1...max(1, config.maxEpochs) {
            let epochStart = clock.now
            var lossSum = 0.0, correct = 0
            var learningRate: Float = 0
            try indices.withUnsafeMutableBufferPointer { idx in
                order.shuffle(idx)
                let view = UnsafeBufferPointer(idx)
                for s in 0..<stepsPerEpoch {
                    let range = (s * batchSize)..<min(train.count, (s + 1) * batchSize)
                    train.gather(view, range, into: input, labels: labels)
                    let (loss, hits) = network.lossAndGradient(input, labels: labels)
                    guard loss.isFinite else { throw EngineError.diverged(epoch: epoch, step: step, loss: loss) }
                    learningRate = config.optimizer.learningRate(step: step, totalSteps: totalSteps)
                    optimizer.step(learningRate: learningRate)
                    lossSum += loss * Double(range.count)
                    correct += hits
                    step += 1
                }
            }
            validationAccuracy = Evaluator(network: network).accuracy(validation)
            let record = EpochRecord(
                epoch: epoch, trainLoss: lossSum / Double(train.count),
                trainAccuracy: Double(correct) / Double(train.count),
                validationAccuracy: validationAccuracy, learningRate: Double(learningRate),
                seconds: (clock.now - epochStart).seconds)
            history.append(record)
            onEpoch(record)
            if let target = config.targetAccuracy, validationAccuracy >= target {
                targetMet = true
                break
            }
        }
        return TrainingOutcome(
            epochs: history.count, steps: step, targetMet: targetMet,
            validationAccuracy: validationAccuracy, history: history,
            seconds: (clock.now - start).seconds)
    }

    private func check(_ set: LabeledSet) throws {
        guard set.featureCount == network.config.inputShape.count else {
            throw EngineError.incompatibleData("\(set.featureCount) features per example, network takes \(network.config.inputShape.count)")
        }
        guard set.classes <= network.config.classes else {
            throw EngineError.incompatibleData("\(set.classes) classes, network has \(network.config.classes) outputs")
        }
        guard set.count > 0 else { throw EngineError.incompatibleData("empty set") }
    }
}

extension Duration {
    /// This duration in seconds as a Double.
    public var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
