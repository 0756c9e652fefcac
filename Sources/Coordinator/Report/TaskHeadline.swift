/// The computed sentences at the top of the report for one task (docs/report.md): whether transfer
/// rises with width, what training adds over the random-features control, and whether the
/// source accuracy the comparison rests on is matched across widths. Every number and every
/// direction word comes from a test with a stated error rate (`WidthSlope`, `SourceMatch`);
/// when the data cannot decide, the sentence says so.
struct TaskHeadline: Sendable, Equatable, Encodable {
    /// The tests behind one transfer sentence, for results.json.
    struct TransferTrend: Sendable, Equatable, Encodable {
        var target: String
        var budget: String
        /// K for the equal-dimension control's trend; nil for the full-width readout.
        var equalDimension: Int?
        var accuracy: WidthSlope
        /// Trained − control, per seed and width, then the same slope test.
        var gap: WidthSlope
    }

    var task: String
    /// The model variant; "" when the sweep lists no model axis.
    var variant: String
    var sentences: [String]
    var transfer: [TransferTrend]
    var source: SourceMatch?

    init(summary: TaskSummary, cells: [ReportCell], options: ReportOptions, matchMargin: Double) {
        task = summary.task
        variant = summary.variant
        let mine = cells.filter { summary.contains($0.cell) }
        var sentences = [Self.coverage(summary, cells: mine, options: options)]
        var transfer: [TransferTrend] = []
        for series in summary.series {
            guard let (target, budget, dimension) = series.metric.readout else { continue }
            let name = Self.transferName(target: target, budget: budget, equalDimension: dimension)
            let accuracy = WidthSlope(series.samples) { $0.trained }
            let gap = WidthSlope(series.samples) { sample in sample.control.map { sample.trained - $0 } }
            transfer.append(TransferTrend(target: target, budget: budget, equalDimension: dimension, accuracy: accuracy, gap: gap))
            sentences.append(Self.transferSentence(name, series, accuracy: accuracy, gap: gap))
        }
        if let sentence = Self.gridEdgeSentence(mine.filter { $0.counts(under: options) }) {
            sentences.append(sentence)
        }
        if let series = summary.series(.sourceTestAccuracy) {
            let match = SourceMatch(WidthSlope(series.samples) { $0.trained }, margin: matchMargin)
            source = match
            if let sentence = Self.sourceSentence(series, match: match) { sentences.append(sentence) }
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

    /// "Transfer accuracy on fine (10 per class)", or — does the width effect survive when every
    /// width is read through K dimensions? — "At equal dimension (16 principal components),
    /// transfer accuracy on fine (10 per class)".
    static func transferName(target: String, budget: String, equalDimension: Int?) -> String {
        let readout = "accuracy on \(target) (\(ReportMetric.budgetLabel(budget)))"
        return equalDimension.map { "At equal dimension (\($0) principal components), transfer \(readout)" } ?? "Transfer \(readout)"
    }

    /// "Transfer accuracy on fine (10 per class) rises with width: +2.1 points per doubling
    /// [1.4, 2.8] over widths 16…1024 (3 seeds, p = 0.004); the trained-minus-control gap …".
    private static func transferSentence(_ name: String, _ series: MetricSeries, accuracy: WidthSlope,
                                         gap: WidthSlope) -> String {
        var sentence: String
        switch accuracy.direction {
        case .tooFewWidths:
            return accuracy.widths.isEmpty ? "\(name): no values yet."
                : "\(name): values at one width only (\(accuracy.widths[0])), too few to judge a trend."
        case .tooFewSeeds:
            sentence = "\(name): " + tooFewSeeds(accuracy)
        case .rises, .falls:
            sentence = "\(name) \(accuracy.direction == .rises ? "rises" : "falls") with width: \(effect(accuracy))"
        case .noSignificantTrend:
            sentence = "\(name) shows no significant trend with width: \(effect(accuracy)), an interval that "
                + "includes 0 (no trend shown, none ruled out)"
        }
        if let clause = gapClause(series, slope: gap) { sentence += "; " + clause }
        return sentence + "."
    }

    /// "the trained-minus-control gap shrinks by −1.9 points per doubling [−2.5, −1.2] (from
    /// 14.0 points at width 16 to 0.8 at width 1024)".
    private static func gapClause(_ series: MetricSeries, slope: WidthSlope) -> String? {
        let differences = series.widths.compactMap { summary in summary.difference.map { (summary.width, $0.mean) } }
        guard let first = differences.first, let last = differences.last else { return nil }
        let subject = "the trained-minus-control gap"
        guard differences.count > 1 else { return "\(subject) is \(ReportFormat.points(first.1)) points at width \(first.0)" }
        let span = "from \(ReportFormat.points(first.1)) points at width \(first.0) to \(ReportFormat.points(last.1)) at width \(last.0)"
        switch slope.direction {
        case .rises: return "\(subject) grows by \(perDoubling(slope)) (\(span))"
        case .falls: return "\(subject) shrinks by \(perDoubling(slope)) (\(span))"
        case .noSignificantTrend: return "\(subject) shows no significant trend, \(perDoubling(slope)) (\(span))"
        case .tooFewSeeds, .tooFewWidths: return "\(subject) goes \(span) (too few seeds to test a trend)"
        }
    }

    /// Readouts whose chosen L2 strength is still the strongest tried (after extending the grid up
    /// to three decades) or the weakest grid value: the best strength may lie beyond, so their
    /// accuracy may be a little low. Nil when no fit is at the edge.
    private static func gridEdgeSentence(_ cells: [ReportCell]) -> String? {
        var total = 0
        var byBudget: [(budget: String, count: Int)] = []
        for cell in cells {
            for row in cell.result?.transfer ?? [] {
                for fit in [row.trained, row.control] {
                    total += 1
                    guard fit.l2AtGridEdge else { continue }
                    if let index = byBudget.firstIndex(where: { $0.budget == row.budget }) {
                        byBudget[index].count += 1
                    } else {
                        byBudget.append((row.budget, 1))
                    }
                }
            }
        }
        let atEdge = byBudget.reduce(0) { $0 + $1.count }
        guard atEdge > 0 else { return nil }
        let parts = byBudget.map { "\(ReportMetric.budgetLabel($0.budget)): \($0.count)" }.joined(separator: ", ")
        return "The readout's L2 strength sat at the edge of its grid in \(atEdge) of \(total) fits (\(parts)), "
            + "even after extending it three decades upward: those readouts may be mis-regularised and their accuracy "
            + "a little low (results.csv: trained_l2_at_edge, control_l2_at_edge)."
    }

    /// The matched-accuracy sentence the transfer comparison rests on (`SourceMatch`).
    private static func sourceSentence(_ series: MetricSeries, match: SourceMatch) -> String? {
        let means = series.widths.compactMap { $0.trained?.mean }
        guard let lowest = means.min(), let highest = means.max() else { return nil }
        guard means.count > 1 else { return "Source test accuracy is \(ReportFormat.percent(lowest)) (one width so far)." }
        let slope = match.slope
        let range = ReportFormat.widthRange(slope.widths)
        let spread = "per-width means \(ReportFormat.percent(lowest)) to \(ReportFormat.percent(highest))"
        let margin = "±\(ReportFormat.points(match.margin)) points"
        guard let change = match.change, let low = match.low, let high = match.high else {
            return "Source test accuracy: \(spread); " + tooFewSeeds(slope, test: "whether it is matched") + "."
        }
        let interval = "\(ReportFormat.change(change)) points [\(ReportFormat.points(low)), \(ReportFormat.points(high))]"
        let seeds = "\(slope.seeds) seeds"
        switch match.verdict {
        case .matched:
            return "Source test accuracy is matched within \(margin) across widths \(range): its fitted change over that "
                + "range is \(interval), inside the margin (two one-sided t tests at 2.5% each, \(seeds)); \(spread)."
        case .changes:
            return "Source test accuracy is not matched across widths: it \(slope.direction == .rises ? "rises" : "falls") by "
                + "\(perDoubling(slope)) (\(seeds)), a fitted change of \(interval) over widths \(range), against a "
                + "margin of \(margin); \(spread). Width trends in transfer may partly reflect it."
        case .notShownMatched:
            return "Source test accuracy is not shown to be matched within \(margin): its fitted change over widths "
                + "\(range) is \(interval) (\(seeds)), an interval that reaches past the margin; \(spread)."
        case .tooFewResults:
            return "Source test accuracy: \(spread); " + tooFewSeeds(slope, test: "whether it is matched") + "."
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

    /// "+2.1 points per doubling [1.4, 2.8] over widths 16…1024 (3 seeds, p = 0.004)".
    /// `seedsNote` qualifies the seed count ("8 seeds, paired"); shared with `VariantComparison`.
    static func effect(_ slope: WidthSlope, seedsNote: String = "") -> String {
        "\(perDoubling(slope)) over widths \(ReportFormat.widthRange(slope.widths)) (\(slope.seeds) seeds\(seedsNote)"
            + (slope.pValue.map { ", \(ReportFormat.pValue($0))" } ?? "") + ")"
    }

    /// "+2.1 points per doubling [1.4, 2.8]", without the interval when there is none.
    static func perDoubling(_ slope: WidthSlope) -> String {
        guard let mean = slope.perDoubling else { return "an undefined change per doubling" }
        let interval = slope.low.flatMap { low in slope.high.map { " [\(ReportFormat.points(low)), \(ReportFormat.points($0))]" } }
        return "\(ReportFormat.change(mean)) points per doubling" + (interval ?? "")
    }

    /// Says how many seeds there are and how many the test needs, with the estimate if any.
    private static func tooFewSeeds(_ slope: WidthSlope, test: String = "a trend") -> String {
        let needs = "the test needs \(WidthSlope.minimumSeeds)"
        guard slope.perDoubling != nil else {
            return "no seed has values at two widths yet, too few to test \(test) (\(needs))"
        }
        return "\(perDoubling(slope)) over widths \(ReportFormat.widthRange(slope.widths)) from \(slope.seeds) "
            + "seed\(slope.seeds == 1 ? "" : "s"), too few to test \(test) (\(needs))"
    }
}
