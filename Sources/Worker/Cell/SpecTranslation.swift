import Datasets
import Engine
import Shared

/// Translates a sweep spec's model and training sections into engine types. The engine knows no
/// spec and the spec knows no engine; this file is the only place the two vocabularies meet (the
/// data vocabulary meets the loader's in `Datasets/Tasks/SpecSources.swift`).
enum SpecTranslation {
    static func model(_ spec: ModelSpec, width: Int, inputShape: ImageShape, classes: Int) -> ModelConfig {
        let architecture: Architecture
        switch spec.family {
        case .mlp(let depth): architecture = .mlp(depth: depth)
        case .cnn: architecture = .cnn
        }
        let parameterization: Parameterization, baseWidth: Int
        switch spec.parameterization {
        case .standard: (parameterization, baseWidth) = (.standard, width)
        case .mup(let base): (parameterization, baseWidth) = (.mup, base)
        }
        return ModelConfig(architecture: architecture, inputShape: inputShape, classes: classes, width: width,
                           parameterization: parameterization, baseWidth: baseWidth)
    }

    static func training(_ spec: TrainingSpec) -> TrainingConfig {
        let kind: OptimizerConfig.Kind
        switch spec.optimizer {
        case .sgd(let momentum): kind = .sgd(momentum: Float(momentum))
        case let .adam(beta1, beta2, epsilon): kind = .adam(beta1: Float(beta1), beta2: Float(beta2), epsilon: Float(epsilon))
        }
        let schedule: OptimizerConfig.Schedule
        switch spec.schedule {
        case .constant: schedule = .constant
        case .cosine(let warmup): schedule = .cosine(warmupSteps: warmup)
        }
        let optimizer = OptimizerConfig(kind: kind, learningRate: Float(spec.learningRate),
                                        weightDecay: Float(spec.weightDecay), schedule: schedule)
        return TrainingConfig(optimizer: optimizer, batchSize: spec.batchSize, maxEpochs: spec.maxEpochs,
                              targetAccuracy: spec.targetAccuracy, checkEvery: spec.checkEvery)
    }
}
