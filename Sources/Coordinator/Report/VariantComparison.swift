/// Does the answer depend on the model variant? For a sweep with exactly two variants (say μP
/// and standard), per task and transfer quantity: the first variant's width effect minus the
/// second's, with a 95% interval and a test (docs/report.md, "Model variants").
///
/// Paired by seed: a seed's cells of both variants share its data order and initialisation seed,
/// so for each seed the slope against log₂ width of (first − second) at the widths where both
/// have a value — which equals the difference of the two per-seed slopes when they share their
/// widths — and then `WidthSlope`'s one-sample t test of those per-seed differences (n − 1
/// degrees of freedom). The verdict names a variant only when the interval excludes 0: a
/// two-sided test at 5%, with the coverage `TrendSimulationTests` measures for every slope.
struct VariantComparison: Sendable, Equatable, Encodable {
    struct Trend: Sendable, Equatable, Encodable {
        var target: String
        var budget: String
        /// K for the equal-dimension readout; nil for the full-width one.
        var equalDimension: Int?
        /// Each variant's own width effect on transfer accuracy (`TaskHeadline`'s test).
        var first: WidthSlope
        var second: WidthSlope
        /// First minus second, per seed, then the slope test.
        var difference: WidthSlope
    }

    var task: String
    var first: String
    var second: String
    var trends: [Trend]
    var sentences: [String]

    /// The comparison of the two summaries of one task; their series are matched by metric.
    init(first a: TaskSummary, second b: TaskSummary) {
        task = a.task
        first = a.variant
        second = b.variant
        var trends: [Trend] = []
        var sentences: [String] = []
        for series in a.series {
            guard let (target, budget, dimension) = series.metric.readout, let other = b.series(series.metric) else { continue }
            let trend = Trend(target: target, budget: budget, equalDimension: dimension,
                              first: WidthSlope(series.samples) { $0.trained },
                              second: WidthSlope(other.samples) { $0.trained },
                              difference: WidthSlope(Self.paired(series.samples, other.samples)) { $0.trained })
            trends.append(trend)
            sentences.append(Self.sentence(trend, first: first, second: second))
        }
        self.trends = trends
        self.sentences = sentences
    }

    /// One sample per (width, seed) both variants have: the first's value minus the second's.
    static func paired(_ a: [MetricSeries.Sample], _ b: [MetricSeries.Sample]) -> [MetricSeries.Sample] {
        var others: [Int: [Int: Double]] = [:]
        for sample in b { others[sample.seed, default: [:]][sample.width] = sample.trained }
        return a.compactMap { sample in
            others[sample.seed]?[sample.width].map {
                MetricSeries.Sample(width: sample.width, seed: sample.seed, trained: sample.trained - $0, control: nil)
            }
        }
    }

    /// "Transfer accuracy on fine (10 per class) rises by +2.0 points per doubling [1.1, 2.9]
    /// under mup and by +0.4 [−0.5, 1.3] under standard; mup minus standard: +1.6 points per
    /// doubling [0.5, 2.7] (8 seeds, paired, p = 0.01), so the width effect differs: it is larger
    /// under mup than under standard."
    static func sentence(_ trend: Trend, first: String, second: String) -> String {
        let quantity = TaskHeadline.transferName(target: trend.target, budget: trend.budget, equalDimension: trend.equalDimension)
        let own = "changes by \(TaskHeadline.perDoubling(trend.first)) under \(first) and by "
            + "\(TaskHeadline.perDoubling(trend.second)) under \(second)"
        let difference = trend.difference
        let label = "\(first) minus \(second)"
        switch difference.direction {
        case .tooFewWidths:
            return "\(quantity) \(own); \(label): too few widths both variants have to compare their width effects."
        case .tooFewSeeds:
            let estimate = difference.perDoubling.map { "\(ReportFormat.change($0)) points per doubling from \(difference.seeds) seed\(difference.seeds == 1 ? "" : "s")" }
                ?? "no seed has both variants at two widths yet"
            return "\(quantity) \(own); \(label): \(estimate), too few seeds to test whether the width effect differs "
                + "(the test needs \(WidthSlope.minimumSeeds))."
        case .rises, .falls:
            let (larger, smaller) = difference.direction == .rises ? (first, second) : (second, first)
            return "\(quantity) \(own); \(label): \(TaskHeadline.effect(difference, seedsNote: ", paired")), so the width effect differs: it is larger "
                + "under \(larger) than under \(smaller)."
        case .noSignificantTrend:
            return "\(quantity) \(own); \(label): \(TaskHeadline.effect(difference, seedsNote: ", paired")), an interval that includes 0: no difference "
                + "between the variants' width effects is shown (none ruled out)."
        }
    }
}
