/// The `model` section: network family and how initialisation and learning rates scale with
/// width. Width itself is a cell coordinate, not part of this section.
public struct ModelSpec: Sendable, Hashable, SpecSection {
    /// Network family, mirroring the engine's architectures.
    public enum Family: Hashable, Sendable {
        /// `depth` hidden ReLU layers of `width` units, then a linear readout.
        case mlp(depth: Int)
        /// Three 3×3 convolutions with width, 2·width and 4·width channels; `width` is the
        /// channel multiplier. Its depth is fixed, so `depth` is refused.
        case cnn
    }

    /// How init and per-layer learning rates depend on width. Required in the YAML because a
    /// width study means nothing without saying which one was used.
    public enum Parameterization: Hashable, Sendable {
        /// He init, one learning rate for every tensor; the best rate drifts with width.
        case standard
        /// Maximal-update parameterization relative to `baseWidth`, where it equals `standard`;
        /// the learning rate tuned at the base width transfers to other widths.
        case mup(baseWidth: Int)
    }

    public var family: Family
    public var parameterization: Parameterization

    public init(family: Family, parameterization: Parameterization) {
        self.family = family
        self.parameterization = parameterization
    }

    /// Hidden layers for an MLP; nil for a CNN.
    public var depth: Int? {
        if case .mlp(let depth) = family { return depth }
        return nil
    }

    /// μP base width; nil under the standard parameterization.
    public var baseWidth: Int? {
        if case .mup(let baseWidth) = parameterization { return baseWidth }
        return nil
    }

    static let key = "model"
    static let keys = ["family", "depth", "parameterization", "base_width"]
    /// Default MLP depth: one hidden layer is the setting of Gilboa & Gur-Ari's width experiments
    /// and the cheapest network in which "the hidden state" is unambiguous.
    static let defaultDepth = 1
    /// Default μP base width: 64 is a width at which learning rates are cheap to tune and sits
    /// inside the usual sweep range, so μP and standard coincide at a width actually trained.
    static let defaultBaseWidth = 64

    /// Reads a section whose keys are all single values; a list (a model axis) is refused here,
    /// for callers that have no grid.
    static func parse(_ node: SpecNode?, in context: SpecContext) throws -> ModelSpec {
        let variants = try parseVariants(node, in: context)
        guard variants.count == 1, variants[0].settings.isEmpty, let model = variants.first?.model else {
            throw SpecError.unexpectedValue(node?.location ?? context.rootLocation, path: key,
                                            expected: "single values", got: "a list")
        }
        return model
    }

    /// Every combination of the values of `family`, `depth` and `parameterization`, each a single
    /// value or a list (a grid axis), with the settings that name it. `depth` combines only with
    /// `mlp`, `base_width` only with `mup`; a key that applies to none of the listed values is
    /// refused, as for single values.
    static func parseVariants(_ node: SpecNode?, in context: SpecContext) throws -> [(model: ModelSpec, settings: [SpecVariant.Setting])] {
        guard let node else { throw SpecError.missingKey(context.rootLocation, path: key) }
        let mapping = try node.mapping(allowing: keys)
        let families = try mapping.required("family").axisValues { try $0.choice(["mlp", "cnn"]) }
        if !families.values.contains("mlp") {
            try mapping.forbid("depth", because: "depth applies only to family mlp (the cnn's depth is fixed)")
        }
        let depths = try mapping.optional("depth")?.axisValues { try $0.integer("a positive integer", where: { $0 > 0 }) }
            ?? AxisValues(values: [defaultDepth], isList: false)
        let parameterizations = try mapping.required("parameterization").axisValues { try $0.choice(["standard", "mup"]) }
        if !parameterizations.values.contains("mup") {
            try mapping.forbid("base_width", because: parameterizations.isList
                ? "base_width applies only to parameterization mup, which the list does not contain"
                : "base_width applies only to parameterization mup")
        }
        let base = try mapping.optional("base_width")?.single().integer("a positive integer", where: { $0 > 0 })
            ?? defaultBaseWidth

        var variants: [(model: ModelSpec, settings: [SpecVariant.Setting])] = []
        for family in families.values {
            let shapes: [(Family, SpecVariant.Setting?)] = family == "cnn"
                ? [(.cnn, nil)]
                : depths.values.map { (.mlp(depth: $0), depths.isList ? .init(axis: "model.depth", value: String($0)) : nil) }
            for (shape, depthSetting) in shapes {
                for parameterization in parameterizations.values {
                    var settings: [SpecVariant.Setting] = []
                    if families.isList { settings.append(.init(axis: "model.family", value: family)) }
                    if let depthSetting { settings.append(depthSetting) }
                    if parameterizations.isList { settings.append(.init(axis: "model.parameterization", value: parameterization)) }
                    let scaling: Parameterization = parameterization == "mup" ? .mup(baseWidth: base) : .standard
                    variants.append((ModelSpec(family: shape, parameterization: scaling), settings))
                }
            }
        }
        return variants
    }

    /// The section as YAML would spell it; also its contribution to cell keys.
    var canonical: CanonicalJSON? {
        var members: [String: CanonicalJSON] = [:]
        switch family {
        case .mlp(let depth): members["family"] = .string("mlp"); members["depth"] = .int(depth)
        case .cnn: members["family"] = .string("cnn")
        }
        switch parameterization {
        case .standard: members["parameterization"] = .string("standard")
        case .mup(let base): members["parameterization"] = .string("mup"); members["base_width"] = .int(base)
        }
        return .object(members)
    }
}

extension ModelSpec: Codable {
    enum CodingKeys: String, CodingKey {
        case family, depth, parameterization, baseWidth = "base_width"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .family) {
        case "mlp": family = .mlp(depth: try container.decode(Int.self, forKey: .depth))
        case "cnn": family = .cnn
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .family, in: container,
                                                   debugDescription: "unknown model family \(other)")
        }
        switch try container.decode(String.self, forKey: .parameterization) {
        case "standard": parameterization = .standard
        case "mup": parameterization = .mup(baseWidth: try container.decode(Int.self, forKey: .baseWidth))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .parameterization, in: container,
                                                   debugDescription: "unknown parameterization \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch family {
        case .mlp(let depth):
            try container.encode("mlp", forKey: .family)
            try container.encode(depth, forKey: .depth)
        case .cnn:
            try container.encode("cnn", forKey: .family)
        }
        switch parameterization {
        case .standard:
            try container.encode("standard", forKey: .parameterization)
        case .mup(let base):
            try container.encode("mup", forKey: .parameterization)
            try container.encode(base, forKey: .baseWidth)
        }
    }
}
