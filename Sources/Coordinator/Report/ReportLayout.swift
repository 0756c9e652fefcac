import Shared

/// What the sweep asks for — tasks with their targets, widths, seeds and budgets, in the order
/// the spec writes them — so the report can say which seeds are missing, not only which exist.
///
/// Taken from the stored spec; when that does not parse (a journal from another version), it is
/// pieced together from the cells and results the journal holds.
struct ReportLayout: Sendable, Equatable {
    /// One source task under one model variant: the unit every table, plot and headline is per.
    struct Task: Sendable, Equatable {
        var name: String
        /// The model variant (docs/spec.md §4); "" when the sweep lists no model axis.
        var variant: String = ""
        var targets: [String]
        /// The stopping rule's source accuracy for this task; nil trains a fixed number of epochs.
        var targetAccuracy: Double?

        /// Whether `cell` belongs to this task and variant.
        func contains(_ cell: CellCoordinate) -> Bool {
            cell.task == name && cell.variant == variant
        }
    }

    /// Task × variant, tasks in spec order and each task's variants in grid order.
    var tasks: [Task]
    /// Ascending, so plots and tables read from narrow to wide.
    var widths: [Int]
    var seeds: [Int]
    var budgets: [String]

    init(tasks: [Task], widths: [Int], seeds: [Int], budgets: [String]) {
        self.tasks = tasks
        self.widths = widths.sorted()
        self.seeds = seeds.sorted()
        self.budgets = budgets
    }

    init(spec: SweepSpec) {
        self.init(
            tasks: spec.tasks.flatMap { task in
                spec.variantNames.map { variant in
                    Task(name: task.name, variant: variant, targets: task.targets.map(\.name),
                         targetAccuracy: spec.targetAccuracy(for: task))
                }
            },
            widths: spec.widths, seeds: spec.seeds, budgets: spec.transfer.budgets.map(\.description))
    }

    /// The model variants in order of first appearance; `[""]` when the sweep lists no model axis.
    var variants: [String] {
        var names: [String] = []
        for task in tasks where !names.contains(task.variant) { names.append(task.variant) }
        return names
    }

    /// The layout the journal's cells and results imply, in order of first appearance.
    init(inferredFrom cells: [ReportCell]) {
        var tasks: [Task] = [], widths: Set<Int> = [], seeds: Set<Int> = [], budgets: [String] = []
        for cell in cells {
            widths.insert(cell.cell.width)
            seeds.insert(cell.cell.seed)
            var index = tasks.firstIndex { $0.contains(cell.cell) }
            if index == nil {
                tasks.append(Task(name: cell.cell.task, variant: cell.cell.variant, targets: [], targetAccuracy: nil))
                index = tasks.count - 1
            }
            guard let index, let result = cell.result else { continue }
            if tasks[index].targetAccuracy == nil { tasks[index].targetAccuracy = result.source.targetAccuracy }
            for row in result.transfer {
                if !tasks[index].targets.contains(row.target) { tasks[index].targets.append(row.target) }
                if !budgets.contains(row.budget) { budgets.append(row.budget) }
            }
        }
        self.init(tasks: tasks, widths: Array(widths), seeds: Array(seeds), budgets: budgets)
    }

    /// The quantities aggregated for `task`: source accuracies, transfer per target × budget,
    /// then the hidden-state metrics (the fine-label probe only where some result has one).
    func metrics(for task: Task, cells: [ReportCell]) -> [ReportMetric] {
        var metrics: [ReportMetric] = [.sourceTestAccuracy, .sourceValidationAccuracy]
        for target in task.targets {
            for budget in budgets { metrics.append(.transfer(target: target, budget: budget)) }
        }
        // The equal-dimension control, where results carry it (docs/metrics.md).
        for target in task.targets {
            for budget in budgets {
                let dimensions = Set(cells.compactMap { cell -> Int? in
                    guard task.contains(cell.cell) else { return nil }
                    return cell.result?.transfer.first { $0.target == target && $0.budget == budget }?.equalDimension?.dimension
                })
                for dimension in dimensions.sorted() {
                    metrics.append(.transferEqualDimension(target: target, budget: budget, dimension: dimension))
                }
            }
        }
        let hasFineProbe = cells.contains { task.contains($0.cell) && $0.result?.information.trained.fineProbeAccuracy != nil }
        for metric in ReportMetric.InformationMetric.allCases where metric != .fineProbeAccuracy || hasFineProbe {
            metrics.append(.information(metric))
        }
        return metrics
    }
}
