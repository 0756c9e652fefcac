/// How long and how a network is trained, including the "same accuracy" stopping rule.
public struct TrainingConfig: Hashable, Sendable {
    public var optimizer: OptimizerConfig
    public var batchSize: Int
    /// Cap on epochs when the target is never reached.
    public var maxEpochs: Int
    /// Stop after the first epoch whose validation accuracy reaches this; nil trains all epochs.
    public var targetAccuracy: Double?

    public init(optimizer: OptimizerConfig, batchSize: Int, maxEpochs: Int, targetAccuracy: Double?) {
        self.optimizer = optimizer
        self.batchSize = batchSize
        self.maxEpochs = maxEpochs
        self.targetAccuracy = targetAccuracy
    }
}

/// What happened in one epoch.
public struct EpochRecord: Codable, Sendable, Equatable {
    public var epoch: Int
    public var trainLoss: Double
    public var trainAccuracy: Double
    public var validationAccuracy: Double
    /// Learning rate at the epoch's last step.
    public var learningRate: Double
    public var seconds: Double
}

/// The end of a training run.
public struct TrainingOutcome: Sendable {
    public var epochs: Int
    public var steps: Int
    public var targetMet: Bool
    public var validationAccuracy: Double
    public var history: [EpochRecord]
    public var seconds: Double
}
