import Glibc

/// Optimizer, its hyper-parameters and the learning-rate schedule.
public struct OptimizerConfig: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Heavy-ball SGD as in PyTorch: v ← μv + g + λw; w ← w − η·v.
        case sgd(momentum: Float)
        /// AdamW (Loshchilov & Hutter): Adam on the gradient, decay applied to the weights
        /// directly (w ← w − η·λ·w), so decay does not interact with the adaptive scale.
        case adam(beta1: Float, beta2: Float, epsilon: Float)
    }

    public enum Schedule: Hashable, Sendable {
        case constant
        /// η·½(1 + cos(π·t/T)) over T = all steps of `maxEpochs`, after a linear warm-up.
        case cosine(warmupSteps: Int)
    }

    public var kind: Kind
    public var learningRate: Float
    public var weightDecay: Float
    public var schedule: Schedule

    public init(kind: Kind, learningRate: Float, weightDecay: Float = 0, schedule: Schedule = .constant) {
        self.kind = kind
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.schedule = schedule
    }

    public var family: OptimizerFamily {
        switch kind {
        case .sgd: return .sgd
        case .adam: return .adam
        }
    }

    /// Learning rate at `step` (0-based) of `totalSteps`.
    public func learningRate(step: Int, totalSteps: Int) -> Float {
        switch schedule {
        case .constant:
            return learningRate
        case .cosine(let warmup):
            if step < warmup { return learningRate * Float(step + 1) / Float(warmup) }
            let span = max(1, totalSteps - warmup)
            let progress = min(1, Double(step - warmup) / Double(span))
            return learningRate * Float(0.5 * (1 + cos(Double.pi * progress)))
        }
    }
}
