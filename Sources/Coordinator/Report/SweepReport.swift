import Foundation
import Shared

/// The sweep report's content (docs/report.md), built from what the journal holds and nothing else,
/// so it can be rebuilt at any time, also mid-sweep. The formats (`HTMLReport`,
/// `MarkdownReport`, `CSVReport`, `JSONReport`) only render it.
struct SweepReport: Sendable {
    /// The sweep's name from its spec, or "sweep" when the spec is unreadable.
    var name: String
    var generatedAt: Date
    var engineVersion: String?
    /// The spec as run, verbatim.
    var specYAML: String?
    /// Why the stored spec could not be read; the layout is then inferred from the cells.
    var specProblem: String?
    /// "MLP, 1 hidden layer" — the network family the widths are of.
    var model: String
    /// "μP (base width 64)" or "standard": a width study means nothing without it (docs/spec.md §4).
    var parameterization: String
    /// Each model variant's name with its model in words; empty when the sweep lists no model axis.
    var variantDescriptions: [(name: String, description: String)]
    /// The optimizer of each variant ("" for a sweep without model axes), from the spec.
    var optimizers: [String: String]
    var options: ReportOptions
    var layout: ReportLayout
    /// Every cell of the journal, in dispatch order.
    var cells: [ReportCell]
    var tasks: [TaskSummary]
    var headlines: [TaskHeadline]
    /// Per task, the first variant's width effects against the second's, when the sweep has
    /// exactly two model variants; empty otherwise.
    var comparisons: [VariantComparison]
    /// The source-accuracy equivalence margin (`report.match_margin`, or its default when the
    /// spec cannot be read).
    var matchMargin: Double
    var accounting: SweepAccounting
    var workers: [WorkerThroughput]
    var determinismWarnings: [DeterminismWarning]
    /// The activation atlases of the cells the spec selects, with their images.
    var atlases: AtlasGallery

    /// `artifacts` is where the atlases' images are read from; without it the report shows the
    /// atlases' numbers and says their images were not read.
    init(specYAML: String?, engineVersion: String?, cells: [ReportCell], events: [Journal.EventRow],
         options: ReportOptions = ReportOptions(), generatedAt: Date, artifacts: ArtifactStore? = nil) {
        var spec: SweepSpec?
        if let specYAML {
            do { spec = try SweepSpec.parse(yaml: specYAML, file: "spec.yaml") } catch { specProblem = "\(error)" }
        } else {
            specProblem = "the journal holds no spec"
        }
        name = spec?.name ?? "sweep"
        self.generatedAt = generatedAt
        self.engineVersion = engineVersion
        self.specYAML = specYAML
        self.options = options
        self.cells = cells
        let summary = cells.lazy.compactMap(\.result).first?.model
        let resolved = spec.map { spec in spec.variantNames.compactMap { spec.resolved(variant: $0) } } ?? []
        optimizers = [:]
        if let spec {
            for name in spec.variantNames { optimizers[name] = spec.resolved(variant: name)?.training.optimizer.name }
        }
        variantDescriptions = spec.map { spec in
            spec.variants.map { ($0.name, Self.describe($0.model.family) + ", " + Self.describe($0.model.parameterization)
                                 + ", optimizer " + $0.optimizer.name) }
        } ?? []
        model = spec.map { _ in Self.distinct(resolved.map { Self.describe($0.model.family) }) } ?? summary.map { "\($0.family.uppercased()), depth \($0.depth)" } ?? "unknown"
        parameterization = spec.map { _ in Self.distinct(resolved.map { Self.describe($0.model.parameterization) }) }
            ?? summary.map { $0.parameterization == "mup" ? "μP (base width \($0.baseWidth))" : $0.parameterization } ?? "unknown"
        layout = spec.map(ReportLayout.init(spec:)) ?? ReportLayout(inferredFrom: cells)
        let layout = layout
        tasks = layout.tasks.map { TaskSummary(task: $0, layout: layout, cells: cells, options: options) }
        matchMargin = spec?.report.matchMargin ?? ReportSection().matchMargin
        let margin = matchMargin
        headlines = tasks.map { TaskHeadline(summary: $0, cells: cells, options: options, matchMargin: margin) }
        let variants = layout.variants
        comparisons = variants.count != 2 ? [] : layout.tasks.map(\.name).reduce(into: [String]()) { names, name in
            if !names.contains(name) { names.append(name) }
        }.compactMap { [tasks] name in
            guard let first = tasks.first(where: { $0.task == name && $0.variant == variants[0] }),
                  let second = tasks.first(where: { $0.task == name && $0.variant == variants[1] }) else { return nil }
            return VariantComparison(first: first, second: second)
        }
        atlases = AtlasGallery(layout: layout, cells: cells, options: options, store: artifacts,
                               selection: spec.map { .spec($0.atlas) } ?? .unknown)
        accounting = SweepAccounting(events: events)
        workers = WorkerThroughput.all(from: events)
        var coordinates: [String: CellCoordinate] = [:]
        for cell in cells { coordinates[cell.key] = cell.cell }
        determinismWarnings = DeterminismWarning.all(from: events, cells: coordinates)
    }

    /// The methods statement (`StatisticalMethods`) for this sweep: its seeds per width (of
    /// source test accuracy, which every finished cell has) and its equivalence margin.
    var methods: [(String, String)] {
        let counts = tasks.flatMap { task in task.series(.sourceTestAccuracy)?.widths.map(\.seeds.count) ?? [] }
        let range = counts.min().flatMap { low in counts.max().map { low...$0 } }
        return StatisticalMethods.statements(seedsPerWidth: range, margin: matchMargin,
                                             comparing: comparisons.first.map { ($0.first, $0.second) })
    }

    /// Cells per status, for the summary line.
    func count(_ status: ReportCell.Status) -> Int {
        cells.filter { $0.status == status }.count
    }

    /// "42 cells: 40 finished, 1 failed, 1 queued."
    var statusLine: String {
        var parts = ["\(count(.finished)) finished"]
        for status in [ReportCell.Status.running, .queued, .failed, .unreadable] where count(status) > 0 {
            parts.append("\(count(status)) \(status == .unreadable ? "with an unreadable result" : status.rawValue)")
        }
        return "\(cells.count) cell\(cells.count == 1 ? "" : "s"): " + parts.joined(separator: ", ") + "."
    }

    /// The task summaries grouped by task, in layout order: one group per task, its variants in
    /// grid order (one summary when the sweep lists no model axis).
    var taskGroups: [[TaskSummary]] {
        var groups: [[TaskSummary]] = []
        for summary in tasks {
            if let index = groups.firstIndex(where: { $0.first?.task == summary.task }) {
                groups[index].append(summary)
            } else {
                groups.append([summary])
            }
        }
        return groups
    }

    /// The comparison of `task`'s two variants, if the sweep has two.
    func comparison(of task: String) -> VariantComparison? {
        comparisons.first { $0.task == task }
    }

    /// The distinct descriptions in order, joined: "μP (base width 64); standard".
    static func distinct(_ descriptions: [String]) -> String {
        var seen: [String] = []
        for description in descriptions where !seen.contains(description) { seen.append(description) }
        return seen.joined(separator: "; ")
    }

    static func describe(_ family: ModelSpec.Family) -> String {
        switch family {
        case .mlp(let depth): "MLP, \(depth) hidden layer\(depth == 1 ? "" : "s")"
        case .cnn: "CNN, three convolution stages"
        }
    }

    static func describe(_ parameterization: ModelSpec.Parameterization) -> String {
        switch parameterization {
        case .standard: "standard"
        case .mup(let baseWidth): "μP (base width \(baseWidth))"
        }
    }
}
