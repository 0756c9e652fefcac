/// Which plots a task gets (docs/report.md, "index.html"): transfer accuracy per target with a
/// band per budget and the control dashed, source accuracy, then each hidden-state metric.
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
            if let dimension = task.equalDimension(target: target) {
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
    static func points(_ series: MetricSeries, within bounds: ClosedRange<Double>?,
                               _ part: (WidthSummary) -> Estimate?) -> [SVGPlot.Point] {
        series.widths.compactMap { summary in
            part(summary).map { estimate in
                let band = ReportFormat.displayed(estimate, within: bounds)
                return SVGPlot.Point(width: summary.width, mean: estimate.mean, low: band?.low, high: band?.high)
            }
        }
    }
}

/// The plots of a task with several model variants: each quantity once, every variant in it in
/// its own colour (legend and `data-group` name the variant), the control dashed. Transfer gets
/// one plot per target × budget, so a plot holds two lines per variant, not per budget too.
extension HTMLReport {
    static func variantPlots(for group: [TaskSummary], layout: ReportLayout) -> [SVGPlot] {
        guard let first = group.first else { return [] }
        let task = first.task
        func series(_ metric: ReportMetric, bounds: ClosedRange<Double>?, control: Bool) -> [SVGPlot.Series] {
            var out: [SVGPlot.Series] = []
            for (index, summary) in group.enumerated() {
                guard let values = summary.series(metric) else { continue }
                out.append(.init(kind: "trained", group: summary.variant, label: "\(summary.variant), trained", colour: index,
                                 dashed: false, points: points(values, within: bounds) { $0.trained }))
                if control {
                    out.append(.init(kind: "control", group: summary.variant, label: "\(summary.variant), control", colour: index,
                                     dashed: true, points: points(values, within: bounds) { $0.control }))
                }
            }
            return out
        }
        var plots: [SVGPlot] = []
        for target in first.targets {
            for budget in layout.budgets {
                let label = ReportMetric.budgetLabel(budget)
                plots.append(SVGPlot(title: "\(task): transfer to \(target), \(label)", metric: "transfer.\(target).\(budget)",
                                     yLabel: "target test accuracy", widths: first.widths,
                                     series: series(.transfer(target: target, budget: budget), bounds: 0...1, control: true),
                                     percent: true))
                if let dimension = first.equalDimension(target: target, budget: budget) {
                    plots.append(SVGPlot(
                        title: "\(task): transfer to \(target), \(label), through \(dimension) principal components",
                        metric: "transfer.\(target).\(budget).equalDimension", yLabel: "target test accuracy",
                        widths: first.widths,
                        series: series(.transferEqualDimension(target: target, budget: budget, dimension: dimension),
                                       bounds: 0...1, control: true),
                        percent: true))
                }
            }
        }
        plots.append(SVGPlot(title: "\(task): source test accuracy", metric: ReportMetric.sourceTestAccuracy.id,
                             yLabel: "test accuracy", widths: first.widths,
                             series: series(.sourceTestAccuracy, bounds: 0...1, control: false),
                             reference: first.targetAccuracy.map { ($0, "target (validation)") }, percent: true))
        for metricSeries in first.series {
            guard case .information = metricSeries.metric else { continue }
            let metric = metricSeries.metric
            plots.append(SVGPlot(title: "\(task): \(metric.label)", metric: metric.id, yLabel: metric.label, widths: first.widths,
                                 series: series(metric, bounds: metric.bounds, control: true),
                                 percent: metric.isPercentage))
        }
        return plots
    }
}
