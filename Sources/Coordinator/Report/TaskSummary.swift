import Shared

/// Everything the report aggregates for one source task: each quantity per width over seeds
/// (docs/report.md, "What is aggregated"), and which cells missed the source target accuracy.
struct TaskSummary: Sendable, Equatable, Encodable {
    var task: String
    /// The model variant; "" when the sweep lists no model axis.
    var variant: String
    var targets: [String]
    /// The stopping rule's source accuracy; nil when the task trains a fixed number of epochs.
    var targetAccuracy: Double?
    /// Ascending.
    var widths: [Int]
    var seeds: [Int]
    var series: [MetricSeries]
    /// Finished cells whose source accuracy missed the target: flagged always, left out of the
    /// aggregates only when the options say so.
    var missedTarget: [CellCoordinate]
    /// Cells the sweep asks for in this task, and how many of them the aggregates use.
    var expectedCells: Int
    var usedCells: Int

    init(task: ReportLayout.Task, layout: ReportLayout, cells: [ReportCell], options: ReportOptions) {
        let mine = cells.filter { task.contains($0.cell) }
        var byCoordinate: [CellCoordinate: ReportCell] = [:]
        for cell in mine { byCoordinate[cell.cell] = cell }
        self.task = task.name
        variant = task.variant
        targets = task.targets
        targetAccuracy = task.targetAccuracy
        widths = layout.widths
        seeds = layout.seeds
        missedTarget = mine.filter(\.missedTarget).map(\.cell)
        expectedCells = layout.widths.count * layout.seeds.count
        usedCells = mine.filter { $0.counts(under: options) }.count
        series = layout.metrics(for: task, cells: mine).map { metric in
            Self.series(metric, task: task, layout: layout, cells: byCoordinate, options: options)
        }
    }

    /// The series of `metric`, if this task reports it.
    func series(_ metric: ReportMetric) -> MetricSeries? {
        series.first { $0.metric == metric }
    }

    /// K of the equal-dimension control the results of `target` (at `budget`, or any) carry; nil
    /// when the sweep does not run it.
    func equalDimension(target: String, budget: String? = nil) -> Int? {
        series.lazy.compactMap { series -> Int? in
            guard case .transferEqualDimension(target, let b, let k) = series.metric, budget == nil || b == budget else { return nil }
            return k
        }.first
    }

    /// "split", or "split, variant mup": how headings name this summary.
    var title: String { variant.isEmpty ? task : "\(task), variant \(variant)" }

    /// Whether `cell` belongs to this task and variant.
    func contains(_ cell: CellCoordinate) -> Bool {
        cell.task == task && cell.variant == variant
    }

    private static func series(_ metric: ReportMetric, task: ReportLayout.Task, layout: ReportLayout,
                               cells: [CellCoordinate: ReportCell], options: ReportOptions) -> MetricSeries {
        var samples: [MetricSeries.Sample] = []
        var summaries: [WidthSummary] = []
        for width in layout.widths {
            var missing: [WidthSummary.MissingSeed] = []
            var present: [MetricSeries.Sample] = []
            for seed in layout.seeds {
                guard let cell = cells[CellCoordinate(width: width, seed: seed, task: task.name, variant: task.variant)] else {
                    missing.append(.init(seed: seed, reason: "no cell"))
                    continue
                }
                if let reason = cell.missingReason(under: options) {
                    missing.append(.init(seed: seed, reason: reason))
                } else if let result = cell.result, let values = metric.values(in: result) {
                    present.append(.init(width: width, seed: seed, trained: values.trained, control: values.control))
                } else {
                    missing.append(.init(seed: seed, reason: "no value"))
                }
            }
            samples += present
            summaries.append(summary(metric, width: width, expectedSeeds: layout.seeds.count,
                                     present: present, missing: missing))
        }
        return MetricSeries(metric: metric, widths: summaries, samples: samples)
    }

    private static func summary(_ metric: ReportMetric, width: Int, expectedSeeds: Int,
                                present: [MetricSeries.Sample], missing: [WidthSummary.MissingSeed]) -> WidthSummary {
        let trained = present.map(\.trained)
        let controls = present.compactMap(\.control)
        // Paired: each seed's difference first, so variation the two networks share cancels.
        let differences = present.compactMap { sample in sample.control.map { sample.trained - $0 } }
        return WidthSummary(
            width: width, expectedSeeds: expectedSeeds, seeds: present.map(\.seed), missing: missing,
            trained: Statistics.estimate(trained),
            control: metric.hasControl ? Statistics.estimate(controls) : nil,
            difference: metric.hasControl ? Statistics.estimate(differences) : nil)
    }
}
