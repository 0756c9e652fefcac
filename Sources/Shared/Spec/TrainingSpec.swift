/// The `training` section: optimizer, schedule and the "same accuracy" stopping rule.
///
/// Every key is optional. The defaults are chosen for a Fashion-MNIST MLP under μP at the base
/// width; each says why next to it.
public struct TrainingSpec: Sendable, Hashable, SpecSection {
    /// Optimizer and its own hyper-parameters; keys of the other optimizer are refused.
    public enum Optimizer: Hashable, Sendable {
        /// Heavy-ball SGD with momentum in [0, 1).
        case sgd(momentum: Double)
        /// Adam(W) with β₁, β₂ in [0, 1) and ε > 0.
        case adam(beta1: Double, beta2: Double, epsilon: Double)

        /// `sgd` or `adam`, as the spec writes it.
        public var name: String {
            switch self {
            case .sgd: "sgd"
            case .adam: "adam"
            }
        }
    }

    /// Learning-rate schedule over all steps of `maxEpochs`.
    public enum Schedule: Hashable, Sendable {
        case constant
        /// Linear warm-up over `warmupSteps`, then cosine decay to zero at `maxEpochs`.
        case cosine(warmupSteps: Int)
    }

    /// Default SGD with momentum 0.9: the standard setting for MLPs on (Fashion-)MNIST, and the
    /// one under which μP's SGD learning-rate rules are stated.
    public var optimizer: Optimizer
    /// Base learning rate (μP scales it per layer). Default 0.05 for SGD, found good at width 64
    /// with momentum 0.9 on Fashion-MNIST; 0.001 for Adam (Kingma & Ba's default).
    public var learningRate: Double
    /// L2 weight decay (decoupled for Adam). Default 0: an explicit regulariser would add a
    /// width-dependent effect of its own to the one under study.
    public var weightDecay: Double
    /// Default constant: with early stopping at the target accuracy a cosine schedule would make
    /// the learning rate at stop depend on `maxEpochs`, a setting that should not matter.
    public var schedule: Schedule
    /// Examples per step. Default 128: small widths are overhead-bound, and 128 keeps sgemm busy
    /// without hurting generalisation on 60k images.
    public var batchSize: Int
    /// Epoch cap when the target is not reached. Default 20: an MLP reaches ~88% validation
    /// accuracy on Fashion-MNIST in well under 20 epochs at every width in the default sweep.
    public var maxEpochs: Int
    /// Validation accuracy at which training stops: the "same accuracy" of the claim. Nil (the
    /// default) trains `maxEpochs` epochs, because a good target depends on the task.
    public var targetAccuracy: Double?
    /// Fraction of the source task's training examples held out to decide the stop. Default 0.1:
    /// 6,000 Fashion-MNIST images measure accuracy to about ±0.4%.
    public var validationFraction: Double
    /// Cap on the source task's training examples (a deterministic subsample chosen by the sweep
    /// seed, before the validation split); nil, the default, uses them all.
    public var trainExamples: Int?
    /// Steps between validation checks of the stopping rule; nil (`auto`, the default) means
    /// ⌈steps per epoch / 10⌉, so the check that stops training comes at most a tenth of an
    /// epoch after the network crossed the target. An epoch's last step is always checked too.
    public var checkEvery: Int?
    /// OpenBLAS threads per cell. Default 1: one cell per core schedules better than threads on
    /// the small GEMMs of narrow networks. Part of the key, because the engine is deterministic
    /// only for a given thread count.
    public var threads: Int

    public init(optimizer: Optimizer = .sgd(momentum: 0.9), learningRate: Double = 0.05, weightDecay: Double = 0,
                schedule: Schedule = .constant, batchSize: Int = 128, maxEpochs: Int = 20,
                targetAccuracy: Double? = nil, validationFraction: Double = 0.1, trainExamples: Int? = nil,
                checkEvery: Int? = nil, threads: Int = 1) {
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.schedule = schedule
        self.batchSize = batchSize
        self.maxEpochs = maxEpochs
        self.targetAccuracy = targetAccuracy
        self.validationFraction = validationFraction
        self.trainExamples = trainExamples
        self.checkEvery = checkEvery
        self.threads = threads
    }

    static let key = "training"
    static let keys = ["optimizer", "learning_rate", "momentum", "beta1", "beta2", "epsilon", "weight_decay",
                       "schedule", "warmup_steps", "batch_size", "max_epochs", "target_accuracy",
                       "validation_fraction", "train_examples", "check_every", "threads"]

    /// Reads a section whose `optimizer` is a single value.
    static func parse(_ node: SpecNode?, in context: SpecContext) throws -> TrainingSpec {
        let variants = try parseVariants(node, in: context)
        guard variants.count == 1, variants[0].settings.isEmpty, let spec = variants.first?.training else {
            throw SpecError.unexpectedValue(node?.location ?? context.rootLocation, path: key,
                                            expected: "a single optimizer", got: "a list")
        }
        return spec
    }

    /// The section once per value of `optimizer`, a single value or a list (a grid axis). Each
    /// optimizer's own keys apply when it is listed; with a list, `learning_rate` is a mapping
    /// from optimizer to rate (an SGD rate means nothing to Adam), and an optimizer it leaves out
    /// takes its default.
    static func parseVariants(_ node: SpecNode?, in context: SpecContext) throws -> [(training: TrainingSpec, settings: [SpecVariant.Setting])] {
        guard let node else { return [(TrainingSpec(), [])] }
        let mapping = try node.mapping(allowing: keys)
        for entry in mapping.entries where !["optimizer", "learning_rate"].contains(entry.key) {
            _ = try entry.value.single()
        }
        let optimizers = try mapping.optional("optimizer")?.axisValues { try $0.choice(["sgd", "adam"]) }
            ?? AxisValues(values: ["sgd"], isList: false)
        let rates = try learningRates(mapping.optional("learning_rate"), optimizers: optimizers)
        let unit = "a number in [0, 1)"
        if !optimizers.values.contains("sgd") {
            try mapping.forbid("momentum", because: "momentum applies only to optimizer sgd (adam uses beta1)")
        }
        if !optimizers.values.contains("adam") {
            for key in ["beta1", "beta2", "epsilon"] {
                try mapping.forbid(key, because: "\(key) applies only to optimizer adam")
            }
        }
        let momentum = try mapping.optional("momentum")?.number(unit) { $0 >= 0 && $0 < 1 } ?? 0.9
        let beta1 = try mapping.optional("beta1")?.number(unit) { $0 >= 0 && $0 < 1 } ?? 0.9
        let beta2 = try mapping.optional("beta2")?.number(unit) { $0 >= 0 && $0 < 1 } ?? 0.999
        let epsilon = try mapping.optional("epsilon")?.number("a number > 0") { $0 > 0 } ?? 1e-8
        let shared = try parseShared(mapping)
        return optimizers.values.map { name in
            var spec = shared
            switch name {
            case "adam":
                spec.optimizer = .adam(beta1: beta1, beta2: beta2, epsilon: epsilon)
                spec.learningRate = rates[name] ?? 0.001
            default:
                spec.optimizer = .sgd(momentum: momentum)
                spec.learningRate = rates[name] ?? 0.05
            }
            return (spec, optimizers.isList ? [SpecVariant.Setting(axis: "training.optimizer", value: name)] : [])
        }
    }

    /// The written learning rate of each optimizer: one number for a single optimizer, a mapping
    /// `{sgd: 0.05, adam: 0.001}` for a list.
    private static func learningRates(_ node: SpecNode?, optimizers: AxisValues<String>) throws -> [String: Double] {
        guard let node else { return [:] }
        let positive = "a number > 0"
        guard optimizers.isList else {
            let rate = try node.number(positive) { $0 > 0 }
            return Dictionary(uniqueKeysWithValues: optimizers.values.map { ($0, rate) })
        }
        guard case .mapping = node.node else {
            throw node.mismatch("a mapping from optimizer to learning rate, e.g. {sgd: 0.05, adam: 0.001} "
                                + "(training.optimizer is a list, and one rate does not suit every optimizer)")
        }
        let rates = try node.mapping(allowing: optimizers.values, expected: "a mapping from optimizer to learning rate")
        var out: [String: Double] = [:]
        for entry in rates.entries { out[entry.key] = try entry.value.number(positive) { $0 > 0 } }
        return out
    }

    /// Everything but the optimizer and its learning rate, which every variant shares.
    private static func parseShared(_ mapping: SpecMapping) throws -> TrainingSpec {
        var spec = TrainingSpec()
        if let value = mapping.optional("weight_decay") {
            spec.weightDecay = try value.number("a number ≥ 0") { $0 >= 0 }
        }
        switch try mapping.optional("schedule")?.choice(["constant", "cosine"]) ?? "constant" {
        case "cosine":
            let warmup = try mapping.optional("warmup_steps")?.integer("an integer ≥ 0") { $0 >= 0 }
            spec.schedule = .cosine(warmupSteps: warmup ?? 0)
        default:
            try mapping.forbid("warmup_steps", because: "warmup_steps applies only to schedule cosine")
        }
        let positive = "a positive integer"
        if let value = mapping.optional("batch_size") { spec.batchSize = try value.integer(positive) { $0 > 0 } }
        if let value = mapping.optional("max_epochs") { spec.maxEpochs = try value.integer(positive) { $0 > 0 } }
        if let value = mapping.optional("target_accuracy"), !value.isNull {
            spec.targetAccuracy = try value.number("a number in (0, 1] or null") { $0 > 0 && $0 <= 1 }
        }
        if let value = mapping.optional("validation_fraction") {
            spec.validationFraction = try value.number("a number in (0, 0.5]") { $0 > 0 && $0 <= 0.5 }
        }
        if let value = mapping.optional("train_examples") {
            let expected = "all or a positive integer"
            if case .scalar(let scalar) = value.node, scalar.string == "all" {
                spec.trainExamples = nil
            } else {
                spec.trainExamples = try value.integer(expected) { $0 > 0 }
            }
        }
        if let value = mapping.optional("check_every") {
            if case .scalar(let scalar) = value.node, scalar.string == "auto" {
                spec.checkEvery = nil
            } else {
                spec.checkEvery = try value.integer("auto or a positive integer") { $0 > 0 }
            }
        }
        if let value = mapping.optional("threads") { spec.threads = try value.integer(positive) { $0 > 0 } }
        return spec
    }

    /// The section in YAML spelling with every default filled in: its part of each cell key.
    var canonical: CanonicalJSON? {
        var members: [String: CanonicalJSON] = [
            "learning_rate": .number(learningRate), "weight_decay": .number(weightDecay),
            "batch_size": .int(batchSize), "max_epochs": .int(maxEpochs),
            "target_accuracy": targetAccuracy.map(CanonicalJSON.number) ?? .null,
            "validation_fraction": .number(validationFraction),
            "train_examples": trainExamples.map(CanonicalJSON.int) ?? .string("all"),
            "check_every": checkEvery.map(CanonicalJSON.int) ?? .string("auto"),
            "threads": .int(threads),
        ]
        switch optimizer {
        case .sgd(let momentum):
            members["optimizer"] = .string("sgd")
            members["momentum"] = .number(momentum)
        case .adam(let beta1, let beta2, let epsilon):
            members["optimizer"] = .string("adam")
            members["beta1"] = .number(beta1)
            members["beta2"] = .number(beta2)
            members["epsilon"] = .number(epsilon)
        }
        switch schedule {
        case .constant:
            members["schedule"] = .string("constant")
        case .cosine(let warmup):
            members["schedule"] = .string("cosine")
            members["warmup_steps"] = .int(warmup)
        }
        return .object(members)
    }
}
