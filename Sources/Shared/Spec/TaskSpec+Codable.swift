/// `TaskSpec` as JSON, with `targetAccuracy` in its three states: absent (inherits the sweep's
/// target), `null` (no target) and a number. Synthesized coding would fold the first two
/// together, the bug `TaskTarget` exists to prevent.
extension TaskSpec: Codable {
    enum CodingKeys: String, CodingKey {
        case name, source, targets, targetAccuracy
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        source = try container.decode(TaskDataSpec.self, forKey: .source)
        targets = try container.decode([NamedTarget].self, forKey: .targets)
        if !container.contains(.targetAccuracy) {
            target = .inherited
        } else if try container.decodeNil(forKey: .targetAccuracy) {
            target = .noTarget
        } else {
            target = .accuracy(try container.decode(Double.self, forKey: .targetAccuracy))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(source, forKey: .source)
        try container.encode(targets, forKey: .targets)
        switch target {
        case .inherited: break
        case .noTarget: try container.encodeNil(forKey: .targetAccuracy)
        case .accuracy(let value): try container.encode(value, forKey: .targetAccuracy)
        }
    }
}
