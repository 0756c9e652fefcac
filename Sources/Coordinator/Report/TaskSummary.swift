import Shared

/// Everything the report aggregates for one source task: each quantity per width over seeds
/// (DESIGN §7), and which cells missed the source target accuracy.
struct TaskSummary: Sendable, Equatable, Encodable {
    var task: String
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
        let mine = cells.filter { $0.cell.task == task.name }
        var byCoordinate: [CellCoordinate: ReportCell] = [:]
        for cell in mine { byCoordinate[cell.cell] = cell }
        self.task = task.name
        targets = task.targets
        targetAccuracy = task.targetAccuracy
        widths = layout.widths
        seeds = layout.seeds
        missedTarget = mine.filter(\.missedTarget).map(\.cell)
        expectedCells = layout.widths.count * layout.seeds.count
        usedCells = mine.filter { $0.counts(under: options) }.count
        series = layout.metrics(for: task, cells: mine).map { metric in
            Self.series(metric, task: task.name, layout: layout, cells: byCoordinate, options: options)
        }
    }

    /// The series of `metric`, if this task reports it.
    func series(_ metric: ReportMetric) -> MetricSeries? {
        series.first { $0.metric == metric }
    }

    private static func series(_ metric: ReportMetric, task: String, layout: ReportLayout,
                               cells: [CellCoordinate: ReportCell], options: ReportOptions) -> MetricSeries {
        var samples: [MetricSeries.Sample] = []
        var summaries: [WidthSummary] = []
        for width in layout.widths {
            var missing: [WidthSummary.MissingSeed] = []
            var present: [MetricSeries.Sample] = []
            for seed in layout.seeds {
                guard let cell = cells[CellCoordinate(width: width, seed: seed, task: task)] else {
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
            summaries.append(summary(metric, task: task, width: width, expectedSeeds: layout.seeds.count,
                                     present: present, missing: missing))
        }
        return MetricSeries(metric: metric, widths: summaries, samples: samples)
    }

    private static func summary(_ metric: ReportMetric, task: String, width: Int, expectedSeeds: Int,
                                present: [MetricSeries.Sample], missing: [WidthSummary.MissingSeed]) -> WidthSummary {
        let label = "\(task)/\(metric.id)/w\(width)"
        let trained = present.map(\.trained)
        let controls = present.compactMap(\.control)
        let differences = present.compactMap { sample in sample.control.map { sample.trained - $0 } }
        return WidthSummary(
            width: width, expectedSeeds: expectedSeeds, seeds: present.map(\.seed), missing: missing,
            trained: Statistics.estimate(trained, bounded: metric.bounds(for: trained), seed: stableSeed(label + "/trained")),
            control: metric.hasControl
                ? Statistics.estimate(controls, bounded: metric.bounds(for: controls), seed: stableSeed(label + "/control")) : nil,
            difference: metric.hasControl
                ? Statistics.estimate(differences, bounded: metric.differenceBounds(for: trained + controls),
                                      seed: stableSeed(label + "/difference")) : nil)
    }

    /// FNV-1a of `text`: bootstrap seeds that depend on what is estimated, not on the run, so the
    /// same journal always gives the same report.
    static func stableSeed(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }
}
