/// The computed sentences at the top of the report for one task (DESIGN §7): whether transfer
/// rises with width, what training adds over the random-features control, and whether the
/// source accuracy the comparison is matched on stays flat. Every number and every direction
/// word comes from the data; when the data says nothing, the sentence says so.
struct TaskHeadline: Sendable, Equatable, Encodable {
    /// The trend behind one transfer sentence, for results.json.
    struct TransferTrend: Sendable, Equatable, Encodable {
        var target: String
        var budget: String
        var accuracy: WidthTrend
        var gap: WidthTrend
    }

    var task: String
    var sentences: [String]
    var transfer: [TransferTrend]
    var source: WidthTrend?

    init(summary: TaskSummary, cells: [ReportCell], options: ReportOptions) {
        task = summary.task
        var sentences = [Self.coverage(summary, cells: cells.filter { $0.cell.task == summary.task }, options: options)]
        var transfer: [TransferTrend] = []
        for series in summary.series {
            guard case .transfer(let target, let budget) = series.metric else { continue }
            let seed = TaskSummary.stableSeed("\(summary.task)/\(series.metric.id)")
            let accuracy = WidthTrend(series.samples, seed: seed) { $0.trained }
            let gap = WidthTrend(series.samples, seed: seed &+ 1) { sample in sample.control.map { sample.trained - $0 } }
            transfer.append(TransferTrend(target: target, budget: budget, accuracy: accuracy, gap: gap))
            let name = "Transfer accuracy on \(target) (\(ReportMetric.budgetLabel(budget)))"
            sentences.append(Self.transferSentence(name, series, accuracy: accuracy, gap: gap))
        }
        if let series = summary.series(.sourceTestAccuracy) {
            let trend = WidthTrend(series.samples, seed: TaskSummary.stableSeed("\(summary.task)/source")) { $0.trained }
            source = trend
            if let sentence = Self.sourceSentence(series, trend: trend) { sentences.append(sentence) }
        }
        if let sentence = Self.targetSentence(summary, options: options) { sentences.append(sentence) }
        self.sentences = sentences
        self.transfer = transfer
    }

    /// "All 21 cells have results." / "18 of 21 cells have results (2 queued, 1 failed)."
    private static func coverage(_ summary: TaskSummary, cells: [ReportCell], options: ReportOptions) -> String {
        let expected = summary.expectedCells
        let finished = cells.filter { $0.status == .finished }.count
        var gaps: [String] = []
        for status in [ReportCell.Status.running, .queued, .failed, .unreadable] {
            let count = cells.filter { $0.status == status }.count
            if count > 0 { gaps.append("\(count) \(status == .unreadable ? "unreadable" : status.rawValue)") }
        }
        let excluded = finished - summary.usedCells
        if excluded > 0 { gaps.append("\(excluded) excluded for missing the source target") }
        let cellWord = expected == 1 ? "cell" : "cells"
        if gaps.isEmpty { return "All \(expected) \(cellWord) have results." }
        return "\(summary.usedCells) of \(expected) \(cellWord) count (\(gaps.joined(separator: ", ")))."
    }

    private static func transferSentence(_ name: String, _ series: MetricSeries, accuracy: WidthTrend, gap: WidthTrend) -> String {
        let sampledWidths = Array(Set(series.samples.map(\.width)))
        let across = "across widths \(ReportFormat.widthRange(sampledWidths)) (\(accuracy.cells) cells)"
        var sentence: String
        switch accuracy.direction {
        case .tooFewResults:
            return "\(name): too few results to judge a trend (\(accuracy.cells) cell\(accuracy.cells == 1 ? "" : "s") "
                + "at \(accuracy.widths) width\(accuracy.widths == 1 ? "" : "s"))."
        case .rises, .falls:
            sentence = "\(name) \(accuracy.direction == .rises ? "rises" : "falls") with width: \(rho(accuracy)) \(across)"
        case .noClearTrend:
            sentence = accuracy.rho == nil
                ? "\(name) shows no clear trend with width: the same at every width \(across)"
                : "\(name) shows no clear trend with width: \(rho(accuracy)), an interval that includes 0, \(across)"
        }
        if let clause = gapClause(series, trend: gap) { sentence += "; " + clause }
        return sentence + "."
    }

    /// "the trained-minus-control gap grows from 1.2 to 6.8 points", between the narrowest and
    /// the widest width that have a paired difference.
    private static func gapClause(_ series: MetricSeries, trend: WidthTrend) -> String? {
        let differences = series.widths.compactMap { summary in summary.difference.map { (summary.width, $0.mean) } }
        guard let first = differences.first, let last = differences.last else { return nil }
        let subject = "the trained-minus-control gap"
        guard differences.count > 1 else { return "\(subject) is \(ReportFormat.points(first.1)) points at width \(first.0)" }
        let span = "from \(ReportFormat.points(first.1)) to \(ReportFormat.points(last.1)) points"
        switch trend.direction {
        case .rises: return "\(subject) grows \(span) (\(rho(trend)))"
        case .falls: return "\(subject) shrinks \(span) (\(rho(trend)))"
        case .noClearTrend: return "\(subject) goes \(span) with no clear trend"
        case .tooFewResults: return "\(subject) goes \(span) (too few cells to judge a trend)"
        }
    }

    /// "Source test accuracy varies by 0.4 points across widths (88.1% to 88.5%) and shows no
    /// clear trend (…)": the matched accuracy the transfer comparison rests on.
    private static func sourceSentence(_ series: MetricSeries, trend: WidthTrend) -> String? {
        let means = series.widths.compactMap { $0.trained?.mean }
        guard let low = means.min(), let high = means.max() else { return nil }
        guard means.count > 1 else { return "Source test accuracy is \(ReportFormat.percent(low)) (one width so far)." }
        let spread = "Source test accuracy varies by \(ReportFormat.points(high - low)) points across widths "
            + "(\(ReportFormat.percent(low)) to \(ReportFormat.percent(high)))"
        switch trend.direction {
        case .rises: return spread + " and rises with width (\(rho(trend)))."
        case .falls: return spread + " and falls with width (\(rho(trend)))."
        case .noClearTrend: return spread + (trend.rho == nil ? "." : " and shows no clear trend (\(rho(trend))).")
        case .tooFewResults: return spread + "."
        }
    }

    /// Which cells missed the source target accuracy, and whether the numbers above include them.
    private static func targetSentence(_ summary: TaskSummary, options: ReportOptions) -> String? {
        guard let target = summary.targetAccuracy else { return nil }
        let goal = "the source target accuracy of \(ReportFormat.percent(target))"
        let missed = summary.missedTarget
        guard !missed.isEmpty else { return "Every finished cell reached \(goal)." }
        let names = missed.prefix(5).map { "w\($0.width)/s\($0.seed)" }.joined(separator: ", ") + (missed.count > 5 ? ", …" : "")
        let count = "\(missed.count) cell\(missed.count == 1 ? "" : "s") missed \(goal) (\(names))"
        return options.excludeMissedTarget
            ? count + "; they are excluded from these numbers."
            : count + "; they are included in these numbers (--exclude-missed-target leaves them out)."
    }

    /// "Spearman ρ = 0.93 [0.81, 0.98]".
    private static func rho(_ trend: WidthTrend) -> String {
        guard let rho = trend.rho, let low = trend.low, let high = trend.high else { return "Spearman ρ undefined" }
        return "Spearman ρ = \(ReportFormat.correlation(rho)) [\(ReportFormat.correlation(low)), \(ReportFormat.correlation(high))]"
    }
}
