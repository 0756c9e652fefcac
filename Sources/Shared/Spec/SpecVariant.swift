/// One combination of the values of the model axes (docs/spec.md §4, "Model axes"): the keys
/// `model.family`, `model.depth`, `model.parameterization` and `training.optimizer` may each be
/// a list, and every combination of the listed values is a variant of the grid, so a sweep is
/// width × seed × task × variant.
///
/// A variant changes only those keys (and the learning rate that goes with an optimizer); every
/// other setting is the spec's. Its cells' keys are computed from the spec with the variant's
/// single values in place (`SweepSpec.resolved(variant:)`), so a spec that lists nothing keeps
/// its keys, and turning a single value into a list that contains it keeps the keys of the
/// cells already run.
public struct SpecVariant: Codable, Sendable, Hashable {
    /// One listed key's value in this variant, e.g. `model.parameterization` = `mup`.
    public struct Setting: Codable, Sendable, Hashable {
        /// Dotted key path: `model.family`, `model.depth`, `model.parameterization`, `training.optimizer`.
        public var axis: String
        /// The value as written in the spec: `mlp`, `2`, `mup`, `adam`.
        public var value: String

        public init(axis: String, value: String) {
            self.axis = axis
            self.value = value
        }
    }

    /// The axis keys, in the order variant names and report columns list them.
    public static let axes = ["model.family", "model.depth", "model.parameterization", "training.optimizer"]

    /// `mup`, `standard`, `mlp_depth2_adam`: the listed keys' values in `axes` order, joined by
    /// `_`, with `depth` before a depth. Unique within a spec, usable in file names and columns.
    public var name: String
    /// The listed keys that apply to this variant (a CNN variant has no depth), in `axes` order.
    public var settings: [Setting]
    public var model: ModelSpec
    /// The variant's optimizer with its own hyper-parameters and learning rate.
    public var optimizer: TrainingSpec.Optimizer
    public var learningRate: Double

    public init(settings: [Setting], model: ModelSpec, optimizer: TrainingSpec.Optimizer, learningRate: Double) {
        self.settings = settings
        self.name = Self.name(of: settings)
        self.model = model
        self.optimizer = optimizer
        self.learningRate = learningRate
    }

    static func name(of settings: [Setting]) -> String {
        settings.map { $0.axis == "model.depth" ? "depth\($0.value)" : $0.value }.joined(separator: "_")
    }

    private enum CodingKeys: String, CodingKey { case name, settings, model, optimizer, learningRate }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        settings = try container.decode([Setting].self, forKey: .settings)
        name = try container.decode(String.self, forKey: .name)
        model = try container.decode(ModelSpec.self, forKey: .model)
        // The optimizer travels inside a training section, the one Codable form it has.
        let training = try container.decode(TrainingSpec.self, forKey: .optimizer)
        optimizer = training.optimizer
        learningRate = try container.decode(Double.self, forKey: .learningRate)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(settings, forKey: .settings)
        try container.encode(model, forKey: .model)
        try container.encode(TrainingSpec(optimizer: optimizer, learningRate: learningRate), forKey: .optimizer)
        try container.encode(learningRate, forKey: .learningRate)
    }
}

extension SweepSpec {
    /// The variants' names in grid order; `[""]` when no key is a list (the spec is its own
    /// single variant, and its cells have no variant name).
    public var variantNames: [String] {
        variants.isEmpty ? [""] : variants.map(\.name)
    }

    /// The variant named `name`; nil for "" and for names the spec does not have.
    public func variant(named name: String) -> SpecVariant? {
        variants.first { $0.name == name }
    }

    /// This spec with the variant's single values in place of the lists: what one cell of that
    /// variant trains with, and the spec its key is computed from. `""` is the spec itself when
    /// it lists nothing. Nil for a name the spec does not have.
    public func resolved(variant name: String) -> SweepSpec? {
        if name.isEmpty { return variants.isEmpty ? self : nil }
        guard let variant = variant(named: name) else { return nil }
        var spec = self
        spec.model = variant.model
        spec.training.optimizer = variant.optimizer
        spec.training.learningRate = variant.learningRate
        spec.variants = []
        return spec
    }
}
