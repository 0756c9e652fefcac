import Shared

/// One quantity the report aggregates over seeds: a source accuracy, a transfer accuracy at one
/// target and budget, or a hidden-state metric (docs/metrics.md). Each is read from a cell's
/// result for the trained network and, where one exists, for the random-features control.
enum ReportMetric: Hashable, Sendable {
    case sourceTestAccuracy
    case sourceValidationAccuracy
    case transfer(target: String, budget: String)
    /// The same readout through `dimension` principal components (`transfer.equal_dimension`).
    case transferEqualDimension(target: String, budget: String, dimension: Int)
    case information(InformationMetric)

    /// The hidden-state metrics of `HiddenStateMetrics`, in report order.
    enum InformationMetric: String, CaseIterable, Sendable {
        case reconstructionR2, fineProbeAccuracy, participationRatio, collapseRatio
        case neuronSelectivity, directionSelectivity
    }

    /// The readout a transfer quantity is of: its target, budget and, for the equal-dimension
    /// control, K; nil for every other quantity.
    var readout: (target: String, budget: String, equalDimension: Int?)? {
        switch self {
        case .transfer(let target, let budget): (target, budget, nil)
        case .transferEqualDimension(let target, let budget, let dimension): (target, budget, dimension)
        default: nil
        }
    }

    /// A stable name for files, JSON and the `data-metric` attribute: `source.testAccuracy`,
    /// `transfer.fine.100`, `information.participationRatio`.
    var id: String {
        switch self {
        case .sourceTestAccuracy: "source.testAccuracy"
        case .sourceValidationAccuracy: "source.validationAccuracy"
        case .transfer(let target, let budget): "transfer.\(target).\(budget)"
        case .transferEqualDimension(let target, let budget, _): "transfer.\(target).\(budget).equalDimension"
        case .information(let metric): "information.\(metric.rawValue)"
        }
    }

    /// What a reader sees as the quantity's name.
    var label: String {
        switch self {
        case .sourceTestAccuracy: "source test accuracy"
        case .sourceValidationAccuracy: "source validation accuracy at stop"
        case .transfer(let target, let budget): "transfer accuracy on \(target) (\(Self.budgetLabel(budget)))"
        case .transferEqualDimension(let target, let budget, let dimension):
            "transfer accuracy on \(target) (\(Self.budgetLabel(budget))) through \(dimension) principal components"
        case .information(let metric):
            switch metric {
            case .reconstructionR2: "input reconstruction R²"
            case .fineProbeAccuracy: "fine-label probe accuracy"
            case .participationRatio: "participation ratio"
            case .collapseRatio: "collapse ratio (within / between)"
            case .neuronSelectivity: "single-unit class selectivity"
            case .directionSelectivity: "principal-direction class selectivity"
            }
        }
    }

    /// "100 per class" or "all labels", for budgets as the spec writes them.
    static func budgetLabel(_ budget: String) -> String {
        budget == "all" ? "all labels" : "\(budget) per class"
    }

    /// Accuracies and selectivities are shown in percent; the rest as plain numbers.
    var isPercentage: Bool {
        switch self {
        case .sourceTestAccuracy, .sourceValidationAccuracy, .transfer, .transferEqualDimension: true
        case .information(let metric): metric == .fineProbeAccuracy
        }
    }

    /// Source accuracy has no control: the untrained network is not trained on the source task.
    var hasControl: Bool {
        switch self {
        case .sourceTestAccuracy, .sourceValidationAccuracy: false
        case .transfer, .transferEqualDimension, .information: true
        }
    }

    /// The range the quantity cannot leave; intervals are computed without it (Student t) and
    /// clipped to it for display only. Nil for an unbounded quantity. R² is at most 1 and has no
    /// lower bound on held-out data.
    var bounds: ClosedRange<Double>? {
        switch self {
        case .sourceTestAccuracy, .sourceValidationAccuracy, .transfer, .transferEqualDimension: 0...1
        case .information(let metric):
            switch metric {
            case .fineProbeAccuracy, .neuronSelectivity, .directionSelectivity: 0...1
            case .reconstructionR2: -Double.infinity...1
            case .participationRatio, .collapseRatio: nil
            }
        }
    }

    /// The trained-minus-control difference of a bounded quantity is bounded by its width.
    var differenceBounds: ClosedRange<Double>? {
        guard let range = bounds else { return nil }
        let span = range.upperBound - range.lowerBound
        return -span...span
    }

    /// The value for the trained network and for its control in `result`; nil when the result
    /// does not hold this quantity (another target, no fine labels).
    func values(in result: CellResult) -> (trained: Double, control: Double?)? {
        switch self {
        case .sourceTestAccuracy:
            return (result.source.testAccuracy, nil)
        case .sourceValidationAccuracy:
            return (result.source.validationAccuracy, nil)
        case .transfer(let target, let budget):
            guard let row = result.transfer.first(where: { $0.target == target && $0.budget == budget }) else { return nil }
            return (row.trained.accuracy, row.control.accuracy)
        case .transferEqualDimension(let target, let budget, let dimension):
            guard let row = result.transfer.first(where: { $0.target == target && $0.budget == budget }),
                  let equal = row.equalDimension, equal.dimension == dimension else { return nil }
            return (equal.trained.accuracy, equal.control.accuracy)
        case .information(let metric):
            let trained = result.information.trained, control = result.information.control
            switch metric {
            case .reconstructionR2: return (trained.reconstructionR2, control.reconstructionR2)
            case .fineProbeAccuracy:
                guard let value = trained.fineProbeAccuracy else { return nil }
                return (value, control.fineProbeAccuracy)
            case .participationRatio: return (trained.participationRatio, control.participationRatio)
            case .collapseRatio: return (trained.collapseRatio, control.collapseRatio)
            case .neuronSelectivity: return (trained.neuronSelectivity, control.neuronSelectivity)
            case .directionSelectivity: return (trained.directionSelectivity, control.directionSelectivity)
            }
        }
    }
}
