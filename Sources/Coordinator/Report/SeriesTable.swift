/// The table of one quantity across widths, shared by the HTML and Markdown reports: seeds with
/// a value out of those asked for, trained, control and their paired difference with 95%
/// intervals, the seed-to-seed standard deviation, and which seeds are missing and why.
struct SeriesTable {
    var title: String
    var header: [String]
    var rows: [[String]]
    /// Every column but the last ("missing") holds numbers.
    var numericColumns: Set<Int> { Set(0..<max(0, header.count - 1)) }

    init(_ series: MetricSeries) {
        let metric = series.metric
        title = metric.label.prefix(1).uppercased() + metric.label.dropFirst()
        var header = ["width", "seeds", metric.hasControl ? "trained [95% interval]" : "mean [95% interval]"]
        if metric.hasControl { header += ["control (untrained)", "trained − control"] }
        self.header = header + [(metric.hasControl ? "trained sd" : "sd") + (metric.isPercentage ? " (points)" : ""), "missing"]
        rows = series.widths.map { summary in
            var row = ["\(summary.width)", "\(summary.seeds.count)/\(summary.expectedSeeds)",
                       ReportFormat.estimate(summary.trained, of: metric)]
            if metric.hasControl {
                row += [ReportFormat.estimate(summary.control, of: metric),
                        ReportFormat.estimate(summary.difference, of: metric, difference: true)]
            }
            row.append(summary.trained?.sd.map { ReportFormat.difference($0, of: metric) } ?? "–")
            row.append(summary.missing.map { "s\($0.seed) (\($0.reason))" }.joined(separator: ", "))
            return row
        }
    }
}
