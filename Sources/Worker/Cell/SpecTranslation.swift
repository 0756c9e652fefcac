import Datasets
import Engine
import Shared

/// Translates a sweep spec's sections into engine and data-loader types. The engine knows no
/// spec and the spec knows no engine; this file is the only place the two vocabularies meet.
enum SpecTranslation {
    static func source(_ spec: DatasetSpec) -> DatasetSource {
        let format: DatasetFormat
        switch spec.format {
        case .idx: format = .idx
        case .cifar10: format = .cifar10
        case .cifar100: format = .cifar100
        case .digitsCSV: format = .digitsCSV
        case .synthetic: format = .synthetic
        }
        let synthetic = spec.synthetic.map {
            SyntheticParameters(classes: $0.classes, trainPerClass: $0.trainPerClass, testPerClass: $0.testPerClass,
                                height: $0.height, width: $0.width, channels: $0.channels,
                                noise: Float($0.noise), seed: $0.seed)
        }
        return DatasetSource(name: spec.name, format: format, path: spec.path ?? "", synthetic: synthetic)
    }

    static func labels(_ selection: LabelSelection, classCount: Int) -> TaskLabels {
        switch selection {
        case .all: return .classes(Array(0..<classCount))
        case .classes(let ids): return .classes(ids)
        case .groups(let groups): return .groups(groups.map { ClassGroup(name: $0.name, classes: $0.classes) })
        }
    }

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
