/// A parsed sweep spec: what to train (model, widths × seeds × tasks), on which data, and how.
///
/// `parse(yaml:file:)` and `load(path:)` refuse anything unknown or impossible, so a spec they
/// return can be trusted field by field. The memberwise `init` and `Codable` decoding do not
/// validate: they are for tests and for specs that were validated when first parsed. Named things (datasets,
/// tasks, targets, groups) are arrays in the order written, because that order is the label
/// order and the report order. Cells, their keys and diffs between two specs live in
/// `SweepSpec+Cells.swift` and `SweepSpec+Diff.swift`; the format is documented in docs/spec.md.
public struct SweepSpec: Codable, Sendable, Hashable {
    /// The sweep's name (`[A-Za-z0-9_.-]+`): a label for reports only, not part of any cell key.
    public var name: String
    /// Sweep seed: fixes data subsampling and train/validation splits, so every cell of the
    /// sweep sees the same examples and seeds differ only in initialisation and batch order.
    public var seed: UInt64
    /// Data sources by name, in the order written.
    public var datasets: [DatasetSpec]
    public var model: ModelSpec
    /// Hidden widths (MLP units, or the CNN's channel multiplier), as written: positive, unique.
    public var widths: [Int]
    /// Cell seeds (initialisation and batch order), as written: non-negative, unique.
    public var seeds: [Int]
    /// Source tasks with their targets, in the order written.
    public var tasks: [TaskSpec]
    public var training: TrainingSpec
    public var transfer: TransferSection
    public var metrics: MetricsSection
    /// Which cells draw activation atlases, and how; nil: none.
    public var atlas: AtlasSection?
    /// How the report judges the results (not part of any cell key).
    public var report: ReportSection
    /// Every combination of the model axes' listed values (`SpecVariant`), in grid order; empty
    /// when no axis key is a list. `model` and `training` then hold the first variant's values.
    public var variants: [SpecVariant]

    public init(name: String, seed: UInt64 = 0, datasets: [DatasetSpec], model: ModelSpec, widths: [Int],
                seeds: [Int], tasks: [TaskSpec], training: TrainingSpec = TrainingSpec(),
                transfer: TransferSection = TransferSection(), metrics: MetricsSection = MetricsSection(),
                atlas: AtlasSection? = nil, report: ReportSection = ReportSection(), variants: [SpecVariant] = []) {
        self.name = name
        self.seed = seed
        self.datasets = datasets
        self.model = model
        self.widths = widths
        self.seeds = seeds
        self.tasks = tasks
        self.training = training
        self.transfer = transfer
        self.metrics = metrics
        self.atlas = atlas
        self.report = report
        self.variants = variants
    }

    /// Whether the cell of `task` and `seed` draws an activation atlas.
    public func drawsAtlas(task: String, seed: Int) -> Bool {
        atlas?.selects(task: task, seed: seed) ?? false
    }

    /// The dataset declared under `name`, if any.
    public func dataset(named name: String) -> DatasetSpec? {
        datasets.first { $0.name == name }
    }

    /// The validation accuracy at which `task` stops training: its own when its spec writes
    /// `target_accuracy` (nil for an explicit `null`: train `max_epochs` epochs), else the sweep's.
    public func targetAccuracy(for task: TaskSpec) -> Double? {
        task.target.resolved(sweepTarget: training.targetAccuracy)
    }

    /// The task declared under `name`, if any.
    public func task(named name: String) -> TaskSpec? {
        tasks.first { $0.name == name }
    }

    /// Every section in YAML spelling, under its top-level key, for cell keys and diffs.
    /// A new `SpecSection` adds one line here.
    var sectionsCanonical: [String: CanonicalJSON] {
        var sections: [String: CanonicalJSON] = [:]
        sections[ModelSpec.key] = model.canonical
        sections[TrainingSpec.key] = training.canonical
        sections[TransferSection.key] = transfer.canonical
        sections[MetricsSection.key] = metrics.canonical
        return sections
    }
}
