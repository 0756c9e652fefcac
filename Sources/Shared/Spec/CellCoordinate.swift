/// One unit of work: a network of one width and seed, of one model variant, trained on one
/// source task, then evaluated on every target of that task.
public struct CellCoordinate: Sendable, Hashable, CustomStringConvertible {
    /// Hidden width (MLP units, or the CNN's channel multiplier).
    public var width: Int
    /// Cell seed: initialisation and batch order.
    public var seed: Int
    /// Name of the source task under `tasks`.
    public var task: String
    /// Name of the model variant (`SpecVariant.name`); "" when the spec lists no model axis.
    public var variant: String

    public init(width: Int, seed: Int, task: String, variant: String = "") {
        self.width = width
        self.seed = seed
        self.task = task
        self.variant = variant
    }

    /// `task/w64/s0`, or `task/mup/w64/s0` for a variant: short enough for logs and file names.
    public var description: String {
        variant.isEmpty ? "\(task)/w\(width)/s\(seed)" : "\(task)/\(variant)/w\(width)/s\(seed)"
    }
}

/// `{"width":…,"seed":…,"task":…}`, with `"variant"` only for a variant's cell, so single-variant
/// sweeps send and store exactly what they did before model axes existed (docs/protocol.md).
extension CellCoordinate: Codable {
    private enum CodingKeys: String, CodingKey { case width, seed, task, variant }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        width = try container.decode(Int.self, forKey: .width)
        seed = try container.decode(Int.self, forKey: .seed)
        task = try container.decode(String.self, forKey: .task)
        variant = try container.decodeIfPresent(String.self, forKey: .variant) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(width, forKey: .width)
        try container.encode(seed, forKey: .seed)
        try container.encode(task, forKey: .task)
        if !variant.isEmpty { try container.encode(variant, forKey: .variant) }
    }
}
