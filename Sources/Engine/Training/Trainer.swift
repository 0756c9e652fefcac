/// Trains a network until a validation check reaches the target accuracy or the epoch cap is
/// hit, with data order drawn from its own seed. Nothing is allocated per step.
///
/// Validation accuracy is checked every `checkInterval` steps (counted from the start of
/// training) and at the last step of every epoch, and training stops at the first check that
/// meets the target. Checking only at epoch ends let wide networks, which learn faster per
/// step, overshoot the target by most of an epoch, so "trained to the same accuracy" did not
/// hold across widths. A check only runs the network forward on the validation set: it draws
/// nothing from the order stream and leaves no state the next step reads (every step's forward
/// pass overwrites the activations), so the steps taken are the same with or without checks.
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

    /// Runs the training loop. `onEpoch` sees each epoch as it ends, and the partial epoch in
    /// which training stopped (for progress display).
    public func train(_ train: LabeledSet, validation: LabeledSet,
                      onEpoch: (EpochRecord) -> Void = { _ in }) throws -> TrainingOutcome {
        try check(train)
        try check(validation)
        let clock = ContinuousClock()
        let start = clock.now
        let batchSize = config.batchSize
        let stepsPerEpoch = (train.count + batchSize - 1) / batchSize
        let maxEpochs = max(1, config.maxEpochs)
        let totalSteps = stepsPerEpoch * config.maxEpochs
        let checkEvery = config.checkInterval(stepsPerEpoch: stepsPerEpoch)
        let evaluator = Evaluator(network: network)
        let input = Matrix(rows: batchSize, cols: train.featureCount)
        let labels = UnsafeMutablePointer<Int32>.allocate(capacity: batchSize)
        defer { labels.deallocate() }
        var indices = Array(0..<train.count)
        var history: [EpochRecord] = []
        history.reserveCapacity(maxEpochs)
        // Room for every check up front, so recording one never allocates inside the loop.
        var checks: [ValidationCheck] = []
        checks.reserveCapacity(stepsPerEpoch * maxEpochs / checkEvery + maxEpochs)
        var step = 0
        var examplesSeen = 0
        var validationAccuracy = 0.0
        var targetMet = false

        for epoch in 1...maxEpochs {
            let epochStart = clock.now
            var lossSum = 0.0, correct = 0, examples = 0
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
                    examples += range.count
                    step += 1
                    // The epoch's last step is checked too, so every epoch record has its own
                    // validation accuracy and a run without a target still ends on a check.
                    guard step % checkEvery == 0 || s == stepsPerEpoch - 1 else { continue }
                    validationAccuracy = evaluator.accuracy(validation)
                    checks.append(ValidationCheck(step: step, validationAccuracy: validationAccuracy))
                    if let target = config.targetAccuracy, validationAccuracy >= target {
                        targetMet = true
                        break
                    }
                }
            }
            examplesSeen += examples
            let record = EpochRecord(
                epoch: epoch, step: step, examples: examples, trainLoss: lossSum / Double(examples),
                trainAccuracy: Double(correct) / Double(examples),
                validationAccuracy: validationAccuracy, learningRate: Double(learningRate),
                seconds: (clock.now - epochStart).seconds)
            history.append(record)
            onEpoch(record)
            if targetMet { break }
        }
        return TrainingOutcome(
            epochs: history.count, steps: step, examplesSeen: examplesSeen, checkEvery: checkEvery,
            targetMet: targetMet, validationAccuracy: validationAccuracy, history: history, checks: checks,
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
