/// Flat, YAML-spelled JSON for `TrainingSpec` (`{"optimizer":"sgd","momentum":0.9,…}`), so a
/// stored spec reads like the file it came from.
extension TrainingSpec: Codable {
    enum CodingKeys: String, CodingKey {
        case optimizer, learningRate = "learning_rate", momentum, beta1, beta2, epsilon
        case weightDecay = "weight_decay", schedule, warmupSteps = "warmup_steps", batchSize = "batch_size"
        case maxEpochs = "max_epochs", targetAccuracy = "target_accuracy"
        case validationFraction = "validation_fraction", trainExamples = "train_examples"
        case checkEvery = "check_every", threads
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .optimizer) {
        case "sgd":
            optimizer = .sgd(momentum: try container.decode(Double.self, forKey: .momentum))
        case "adam":
            optimizer = .adam(beta1: try container.decode(Double.self, forKey: .beta1),
                              beta2: try container.decode(Double.self, forKey: .beta2),
                              epsilon: try container.decode(Double.self, forKey: .epsilon))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .optimizer, in: container,
                                                   debugDescription: "unknown optimizer \(other)")
        }
        switch try container.decode(String.self, forKey: .schedule) {
        case "constant": schedule = .constant
        case "cosine": schedule = .cosine(warmupSteps: try container.decode(Int.self, forKey: .warmupSteps))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .schedule, in: container,
                                                   debugDescription: "unknown schedule \(other)")
        }
        learningRate = try container.decode(Double.self, forKey: .learningRate)
        weightDecay = try container.decode(Double.self, forKey: .weightDecay)
        batchSize = try container.decode(Int.self, forKey: .batchSize)
        maxEpochs = try container.decode(Int.self, forKey: .maxEpochs)
        targetAccuracy = try container.decodeIfPresent(Double.self, forKey: .targetAccuracy)
        validationFraction = try container.decode(Double.self, forKey: .validationFraction)
        trainExamples = try container.decodeIfPresent(Int.self, forKey: .trainExamples)
        checkEvery = try container.decodeIfPresent(Int.self, forKey: .checkEvery)
        threads = try container.decode(Int.self, forKey: .threads)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch optimizer {
        case .sgd(let momentum):
            try container.encode("sgd", forKey: .optimizer)
            try container.encode(momentum, forKey: .momentum)
        case .adam(let beta1, let beta2, let epsilon):
            try container.encode("adam", forKey: .optimizer)
            try container.encode(beta1, forKey: .beta1)
            try container.encode(beta2, forKey: .beta2)
            try container.encode(epsilon, forKey: .epsilon)
        }
        switch schedule {
        case .constant:
            try container.encode("constant", forKey: .schedule)
        case .cosine(let warmup):
            try container.encode("cosine", forKey: .schedule)
            try container.encode(warmup, forKey: .warmupSteps)
        }
        try container.encode(learningRate, forKey: .learningRate)
        try container.encode(weightDecay, forKey: .weightDecay)
        try container.encode(batchSize, forKey: .batchSize)
        try container.encode(maxEpochs, forKey: .maxEpochs)
        try container.encodeIfPresent(targetAccuracy, forKey: .targetAccuracy)
        try container.encode(validationFraction, forKey: .validationFraction)
        try container.encodeIfPresent(trainExamples, forKey: .trainExamples)
        try container.encodeIfPresent(checkEvery, forKey: .checkEvery)
        try container.encode(threads, forKey: .threads)
    }
}
