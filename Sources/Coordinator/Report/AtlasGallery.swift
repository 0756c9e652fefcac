import Shared

/// The sweep's activation atlases arranged for comparison across width (docs/architecture.md §1,
/// claim 3): per task, one row per atlas seed, its widths ascending, so the narrow and the wide
/// network of one seed sit side by side.
///
/// The rows are what the spec's `atlas` section asks for — every width of each selected seed
/// (docs/spec.md §6.3) — plus any other atlas the journal holds. Where a cell has no atlas yet
/// (queued, running, failed, or finished without one) its slot says why rather than closing the
/// gap, so a missing atlas is not mistaken for a narrower sweep. When the spec cannot be read,
/// the rows are the seeds and widths that have atlases.
struct AtlasGallery: Sendable, Equatable {
    enum Slot: Sendable, Equatable {
        case atlas(AtlasEntry)
        case missing(width: Int, reason: String)

        var width: Int {
            switch self {
            case .atlas(let entry): entry.width
            case .missing(let width, _): width
            }
        }

        var entry: AtlasEntry? {
            if case .atlas(let entry) = self { return entry }
            return nil
        }
    }

    struct Row: Sendable, Equatable {
        var seed: Int
        /// One per atlas width of the task, ascending.
        var slots: [Slot]
    }

    /// Mean self-consistency at one width over the atlases the aggregates use.
    struct WidthConsistency: Sendable, Equatable {
        var width: Int
        var atlases: Int
        var directions: Double
        var neurons: Double
    }

    struct Task: Sendable, Equatable {
        var task: String
        /// The model variant; "" when the sweep lists no model axis.
        var variant: String
        /// Class names of the source task, label index → name: the frame colours' legend.
        var classes: [String]
        /// Widths with an atlas in some seed, ascending.
        var widths: [Int]
        /// Seeds ascending.
        var rows: [Row]

        var entries: [AtlasEntry] { rows.flatMap { $0.slots.compactMap(\.entry) } }

        /// Per atlas width, the mean direction and neuron consistency over the included atlases;
        /// widths with none are left out.
        var consistencyByWidth: [WidthConsistency] {
            widths.compactMap { width in
                let mine = entries.filter { $0.width == width && $0.included }
                guard !mine.isEmpty else { return nil }
                let count = Double(mine.count)
                return WidthConsistency(width: width, atlases: mine.count,
                                        directions: mine.map(\.directionConsistency).reduce(0, +) / count,
                                        neurons: mine.map(\.neuronConsistency).reduce(0, +) / count)
            }
        }
    }

    /// Which cells should have atlases.
    enum Selection: Sendable, Equatable {
        /// The spec's `atlas` section; nil when the spec asks for none.
        case spec(AtlasSection?)
        /// The spec is unreadable: only the atlases that exist are known.
        case unknown
    }

    /// Tasks with an atlas selected or present, in layout order.
    var tasks: [Task]

    var isEmpty: Bool { tasks.isEmpty }

    /// Every atlas of the sweep, task by task, seed by seed, widths ascending.
    var entries: [AtlasEntry] { tasks.flatMap(\.entries) }

    func task(_ name: String, variant: String = "") -> Task? {
        tasks.first { $0.task == name && $0.variant == variant }
    }

    /// Reads each atlas's images from `store`; nil (a report built from cells alone) leaves
    /// every image out with that reason.
    init(layout: ReportLayout, cells: [ReportCell], options: ReportOptions, store: ArtifactStore?, selection: Selection) {
        tasks = layout.tasks.compactMap { task in
            var seeds: [Int] = [], widths: [Int] = []
            if case .spec(let section?) = selection {
                seeds = section.seeds.filter { section.selects(task: task.name, seed: $0) }
                widths = seeds.isEmpty ? [] : layout.widths
            }
            return Self.task(task, cells: cells.filter { task.contains($0.cell) }, seeds: seeds, widths: widths,
                             options: options, store: store)
        }
    }

    /// The gallery of one task: the selected `seeds` × `widths` and every atlas it has; nil when
    /// that is nothing.
    private static func task(_ task: ReportLayout.Task, cells: [ReportCell], seeds selectedSeeds: [Int], widths selectedWidths: [Int],
                             options: ReportOptions, store: ArtifactStore?) -> Task? {
        var entries: [CellCoordinate: AtlasEntry] = [:]
        for cell in cells {
            guard let result = cell.result, let atlas = result.atlas else { continue }
            entries[cell.cell] = AtlasEntry(cell: cell, result: result, atlas: atlas, options: options, store: store)
        }
        let widths = Set(selectedWidths + entries.keys.map(\.width)).sorted()
        let seeds = Set(selectedSeeds + entries.keys.map(\.seed)).sorted()
        guard !seeds.isEmpty, !widths.isEmpty else { return nil }
        // Every cell of a task has the same source classes; any result names them.
        let classes = cells.lazy.compactMap(\.result).first { $0.atlas != nil }?.source.classes
            ?? cells.lazy.compactMap(\.result).first?.source.classes ?? []
        var byCoordinate: [CellCoordinate: ReportCell] = [:]
        for cell in cells { byCoordinate[cell.cell] = cell }
        let rows = seeds.map { seed in
            Row(seed: seed, slots: widths.map { width in
                let coordinate = CellCoordinate(width: width, seed: seed, task: task.name, variant: task.variant)
                if let entry = entries[coordinate] { return .atlas(entry) }
                guard let cell = byCoordinate[coordinate] else { return .missing(width: width, reason: "not in the journal") }
                let reason = cell.status == .finished ? "finished without an atlas" : cell.missingReason(under: options)
                return .missing(width: width, reason: reason ?? cell.status.rawValue)
            })
        }
        return Task(task: task.name, variant: task.variant, classes: classes, widths: widths, rows: rows)
    }
}
