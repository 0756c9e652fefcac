/// Which labels of a dataset a task learns, and how they map to the task's outputs.
public enum LabelSelection: Sendable, Hashable {
    /// Every class of the dataset, with its own label.
    case all
    /// These classes only; output i is `classes[i]`, so the order written is the label order.
    case classes([Int])
    /// Coarse labels: output i is `groups[i]`, the union of its classes.
    case groups([ClassGroupSpec])
}

extension LabelSelection: Codable {
    enum CodingKeys: String, CodingKey { case classes, groups }

    /// `{"classes":"all"}`, `{"classes":[0,1]}` or `{"groups":[…]}`, as in the YAML.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let groups = try container.decodeIfPresent([ClassGroupSpec].self, forKey: .groups) {
            self = .groups(groups)
        } else if let classes = try? container.decode([Int].self, forKey: .classes) {
            self = .classes(classes)
        } else if try container.decode(String.self, forKey: .classes) == "all" {
            self = .all
        } else {
            throw DecodingError.dataCorruptedError(forKey: .classes, in: container,
                                                   debugDescription: "expected all or a list of class ids")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .all: try container.encode("all", forKey: .classes)
        case .classes(let classes): try container.encode(classes, forKey: .classes)
        case .groups(let groups): try container.encode(groups, forKey: .groups)
        }
    }
}

/// A named set of fine classes forming one coarse label (`footwear: [5, 7, 9]`).
public struct ClassGroupSpec: Codable, Sendable, Hashable {
    public var name: String
    public var classes: [Int]

    public init(name: String, classes: [Int]) {
        self.name = name
        self.classes = classes
    }
}
