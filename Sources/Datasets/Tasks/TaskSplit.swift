import Engine

/// One split of a task: the examples the engine trains or evaluates on, plus where they came from.
public struct TaskSplit: Sendable {
    /// Standardized features and task labels (0..<task classes).
    public let set: LabeledSet
    /// The dataset's own (fine) label of each row of `set`, so per-class analyses of grouped tasks
    /// remain possible.
    public let originalLabels: [Int32]

    public init(set: LabeledSet, originalLabels: [Int32]) {
        precondition(set.count == originalLabels.count, "\(originalLabels.count) original labels for \(set.count) rows")
        self.set = set
        self.originalLabels = originalLabels
    }

    public var count: Int { self.set.count }
}
