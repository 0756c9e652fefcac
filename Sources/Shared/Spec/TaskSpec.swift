/// A source task a network is trained on, and the target tasks its frozen features are
/// evaluated on. One task at one width and seed is one cell.
public struct TaskSpec: Sendable, Hashable {
    /// The key under `tasks`; part of the cell coordinate.
    public var name: String
    /// What the network is trained on, to the target accuracy.
    public var source: TaskDataSpec
    /// Transfer tasks, in the order written (at least one).
    public var targets: [NamedTarget]
    /// This task's stopping accuracy, overriding `training.target_accuracy` when written (a
    /// number, or `null` for no target). Tasks differ in difficulty (3 coarse groups are far
    /// easier than 5 fine classes), and "the same accuracy" only has to hold across the widths
    /// of one task. `SweepSpec.targetAccuracy(for:)` resolves it against the sweep's.
    public var target: TaskTarget

    public init(name: String, source: TaskDataSpec, targets: [NamedTarget], target: TaskTarget = .inherited) {
        self.name = name
        self.source = source
        self.targets = targets
        self.target = target
    }

    static let keys = ["source", "targets", "target_accuracy"]

    /// Reads `tasks.<name>`; every dataset it names must be among `datasets`.
    static func parse(name: String, node: SpecNode, datasets: [DatasetSpec]) throws -> TaskSpec {
        let mapping = try node.mapping(allowing: keys)
        let source = try TaskDataSpec.parse(try mapping.required("source"), datasets: datasets)
        let targetsNode = try mapping.required("targets")
        let entries = try targetsNode.namedEntries("a mapping from target name to {dataset, classes or groups}")
        guard !entries.isEmpty else { throw targetsNode.mismatch("at least one target task", got: "none") }
        let targets = try entries.map { name, value in
            NamedTarget(name: name, data: try TaskDataSpec.parse(value, datasets: datasets))
        }
        var target = TaskTarget.inherited
        if let value = mapping.optional("target_accuracy") {
            target = value.isNull
                ? .noTarget
                : .accuracy(try value.number("a number in (0, 1] or null") { $0 > 0 && $0 <= 1 })
        }
        return TaskSpec(name: name, source: source, targets: targets, target: target)
    }

    /// Names of the datasets this task reads, in first-use order.
    public var datasetNames: [String] {
        var names: [String] = []
        for name in [source.dataset] + targets.map(\.data.dataset) where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// The task in YAML spelling, each dataset reference replaced by `dataset(name)`.
    func canonical(dataset: (String) -> CanonicalJSON) -> CanonicalJSON {
        var members: [String: CanonicalJSON] = [
            "name": .string(name),
            "source": source.canonical(dataset: dataset(source.dataset)),
            "targets": .array(targets.map { target in
                var members: [String: CanonicalJSON] = ["name": .string(target.name)]
                if case .object(let data) = target.data.canonical(dataset: dataset(target.data.dataset)) {
                    members.merge(data) { _, new in new }
                }
                return .object(members)
            }),
        ]
        // Only present when written, so specs without per-task targets keep their keys; an
        // explicit null is present (as null), because it trains differently from an absent key.
        switch target {
        case .inherited: break
        case .noTarget: members["target_accuracy"] = .null
        case .accuracy(let value): members["target_accuracy"] = .number(value)
        }
        return .object(members)
    }
}

/// One target task of a source task, under its name.
public struct NamedTarget: Codable, Sendable, Hashable {
    /// The key under `targets`; results are reported under it.
    public var name: String
    public var data: TaskDataSpec

    public init(name: String, data: TaskDataSpec) {
        self.name = name
        self.data = data
    }
}
