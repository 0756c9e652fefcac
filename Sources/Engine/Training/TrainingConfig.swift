/// How long and how a network is trained, including the "same accuracy" stopping rule.
public struct TrainingConfig: Hashable, Sendable {
    public var optimizer: OptimizerConfig
    public var batchSize: Int
    /// Cap on epochs when the target is never reached.
    public var maxEpochs: Int
    /// Stop at the first validation check whose accuracy reaches this; nil trains all epochs.
    public var targetAccuracy: Double?
    /// Steps between validation checks; nil (automatic) means ⌈steps per epoch / 10⌉, so the
    /// first check that meets the target comes at most a tenth of an epoch after the crossing.
    /// An epoch's last step is always checked as well.
    public var checkEvery: Int?

    public init(optimizer: OptimizerConfig, batchSize: Int, maxEpochs: Int, targetAccuracy: Double?,
                checkEvery: Int? = nil) {
        precondition(checkEvery.map { $0 >= 1 } ?? true, "check interval \(checkEvery ?? 0) is not positive")
        self.optimizer = optimizer
        self.batchSize = batchSize
        self.maxEpochs = maxEpochs
        self.targetAccuracy = targetAccuracy
        self.checkEvery = checkEvery
    }

    /// Checks per epoch under the automatic interval: ten puts the stop within a tenth of an
    /// epoch of the crossing. They are not free — with a validation set a ninth the size of the
    /// training set they added 43% to a width-1024 MLP's training time on Fashion-MNIST when
    /// no target ends training early (docs/spec.md, `check_every`).
    public static let automaticChecksPerEpoch = 10

    /// The check interval in steps for an epoch of `stepsPerEpoch` steps.
    public func checkInterval(stepsPerEpoch: Int) -> Int {
        if let checkEvery { return checkEvery }
        let perEpoch = Self.automaticChecksPerEpoch
        return max(1, (stepsPerEpoch + perEpoch - 1) / perEpoch)
    }
}

/// What happened in one epoch, or in the part of it before training stopped.
public struct EpochRecord: Codable, Sendable, Equatable {
    public var epoch: Int
    /// Optimizer steps taken since training began, at the end of this record.
    public var step: Int
    /// Training examples this epoch processed: the whole training set, except in an epoch that
    /// training stopped partway through.
    public var examples: Int
    /// Mean loss and accuracy over the examples this epoch processed.
    public var trainLoss: Double
    public var trainAccuracy: Double
    /// Validation accuracy at the record's last step (every epoch ends with a check).
    public var validationAccuracy: Double
    /// Learning rate at the epoch's last step.
    public var learningRate: Double
    public var seconds: Double
}

/// The end of a training run.
public struct TrainingOutcome: Sendable {
    /// Epochs begun; the last may have stopped partway (see `examplesSeen`).
    public var epochs: Int
    /// Optimizer steps taken: the step at which training stopped.
    public var steps: Int
    /// Training examples processed, counting repeats across epochs.
    public var examplesSeen: Int
    /// The check interval used, in steps.
    public var checkEvery: Int
    public var targetMet: Bool
    /// Validation accuracy at the stop (the last check).
    public var validationAccuracy: Double
    public var history: [EpochRecord]
    /// Every validation check in order; the last is at `steps`.
    public var checks: [ValidationCheck]
    public var seconds: Double
}
