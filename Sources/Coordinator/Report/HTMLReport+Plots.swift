/// Which plots a task gets (DESIGN §7): transfer accuracy per target with a band per budget
/// and the control dashed, source accuracy, then each hidden-state metric.
extension HTMLReport {
    /// One colour per budget, trained solid and control dashed, for the metric `metric(budget)`.
    private static func budgetSeries(_ task: TaskSummary, _ layout: ReportLayout,
                                     _ metric: (String) -> ReportMetric) -> [SVGPlot.Series] {
        var series: [SVGPlot.Series] = []
        for (index, budget) in layout.budgets.enumerated() {
            guard let metricSeries = task.series(metric(budget)) else { continue }
            let label = ReportMetric.budgetLabel(budget)
            series.append(.init(kind: "trained", group: budget, label: "\(label), trained", colour: index, dashed: false,
                                points: points(metricSeries, within: 0...1) { $0.trained }))
            series.append(.init(kind: "control", group: budget, label: "\(label), control", colour: index, dashed: true,
                                points: points(metricSeries, within: 0...1) { $0.control }))
        }
        return series
    }

    static func plots(for task: TaskSummary, layout: ReportLayout) -> [SVGPlot] {
        var plots: [SVGPlot] = []
        for target in task.targets {
            plots.append(SVGPlot(title: "\(task.task): transfer to \(target)", metric: "transfer.\(target)",
                                 yLabel: "target test accuracy", widths: task.widths,
                                 series: budgetSeries(task, layout) { .transfer(target: target, budget: $0) },
                                 percent: true))
            // The equal-dimension control beside it, the same budgets and colours.
            let dimension = task.series.lazy.compactMap { series -> Int? in
                if case .transferEqualDimension(target, _, let k) = series.metric { return k }
                return nil
            }.first
            if let dimension {
                plots.append(SVGPlot(title: "\(task.task): transfer to \(target) through \(dimension) principal components",
                                     metric: "transfer.\(target).equalDimension", yLabel: "target test accuracy",
                                     widths: task.widths,
                                     series: budgetSeries(task, layout) {
                                         .transferEqualDimension(target: target, budget: $0, dimension: dimension)
                                     },
                                     percent: true))
            }
        }
        if let source = task.series(.sourceTestAccuracy) {
            plots.append(SVGPlot(
                title: "\(task.task): source test accuracy", metric: source.metric.id, yLabel: "test accuracy",
                widths: task.widths,
                series: [.init(kind: "trained", group: nil, label: "trained", colour: 0, dashed: false,
                               points: points(source, within: 0...1) { $0.trained })],
                reference: task.targetAccuracy.map { ($0, "target (validation)") }, percent: true))
        }
        for series in task.series {
            guard case .information = series.metric else { continue }
            let metric = series.metric
            plots.append(SVGPlot(
                title: "\(task.task): \(metric.label)", metric: metric.id, yLabel: metric.label, widths: task.widths,
                series: [.init(kind: "trained", group: nil, label: "trained", colour: 0, dashed: false, points: points(series, within: metric.bounds) { $0.trained }),
                         .init(kind: "control", group: nil, label: "control (untrained)", colour: 1, dashed: true,
                               points: points(series, within: metric.bounds) { $0.control })],
                percent: metric.isPercentage))
        }
        return plots
    }

    /// The per-width estimates of one part of a series, skipping widths without a value; interval
    /// bands clipped to what the quantity can be.
    private static func points(_ series: MetricSeries, within bounds: ClosedRange<Double>?,
                               _ part: (WidthSummary) -> Estimate?) -> [SVGPlot.Point] {
        series.widths.compactMap { summary in
            part(summary).map { estimate in
                let band = ReportFormat.displayed(estimate, within: bounds)
                return SVGPlot.Point(width: summary.width, mean: estimate.mean, low: band?.low, high: band?.high)
            }
        }
    }
}
