@testable import Coordinator
import Shared
import Testing

/// The headline's words come from tests with stated error rates (docs/report.md, "Headline"):
/// "rises" when the 95% t interval of the mean per-seed slope against log₂ width lies above 0,
/// "falls" below, "no significant trend" when it includes 0, and the effect is always given in
/// points per doubling with its interval and seed count. Source accuracy is called matched only
/// by the equivalence test.
struct ReportHeadlineTests {
    private let widths = [16, 32, 64, 128]
    private let seeds = [0, 1, 2]

    private func sentences(seeds: [Int]? = nil, _ trained: @escaping (Int, Int) -> Double) throws -> [String] {
        let seeds = seeds ?? self.seeds
        let cells = ReportFixtures.trendCells(widths: widths, seeds: seeds, trained: trained)
        return try #require(ReportFixtures.report(cells, widths: widths, seeds: seeds).headlines.first).sentences
    }

    private func transferSentence(_ sentences: [String]) throws -> String {
        try #require(sentences.first { $0.hasPrefix("Transfer accuracy on fine (10 per class)") })
    }

    @Test func transferThatIncreasesWithWidthInEverySeedRisesWithItsEffectPerDoubling() throws {
        // Slopes of 5.0, 5.5 and 6.0 points per doubling (widths double at each index): mean 5.5,
        // t interval 5.5 ± 4.303 · 0.5/√3 = [4.3, 6.7], p = 0.0027 (scipy.stats.ttest_1samp).
        let sentence = try transferSentence(sentences { index, seed in 0.5 + (0.05 + 0.005 * Double(seed)) * Double(index) })
        #expect(sentence.hasPrefix("Transfer accuracy on fine (10 per class) rises with width: "
            + "+5.5 points per doubling [4.3, 6.7] over widths 16…128 (3 seeds, p = 0.003)"))
        // The control is flat in every seed (0.4 + 0.001 · seed): the gap has the same slopes.
        #expect(sentence.contains("; the trained-minus-control gap grows by +5.5 points per doubling [4.3, 6.7] "
            + "(from 9.9 points at width 16 to 26.4 at width 128)."))
        #expect(!sentence.contains("falls") && !sentence.contains("no significant"))
    }

    @Test func transferThatDecreasesWithWidthInEverySeedFalls() throws {
        let sentence = try transferSentence(sentences { index, seed in 0.65 - (0.05 + 0.005 * Double(seed)) * Double(index) })
        #expect(sentence.contains("falls with width: −5.5 points per doubling [−6.7, −4.3]"))
        #expect(sentence.contains("the trained-minus-control gap shrinks by −5.5 points per doubling [−6.7, −4.3]"))
        #expect(!sentence.contains("rises"))
    }

    @Test func seedsThatDisagreeGiveNoSignificantTrendAndSaySoWithoutClaimingNoEffect() throws {
        // Seed 0 rises, seed 1 falls, seed 2 zigzags: the interval of the mean slope includes 0.
        let patterns: [[Double]] = [[0.50, 0.55, 0.60, 0.65], [0.66, 0.61, 0.56, 0.51], [0.57, 0.52, 0.64, 0.58]]
        let sentence = try transferSentence(sentences { index, seed in patterns[seed][index] })
        #expect(sentence.contains("shows no significant trend with width: +0.5 points per doubling [−12.1, 13.1]"))
        #expect(sentence.contains("an interval that includes 0 (no trend shown, none ruled out)"))
        #expect(!sentence.contains("rises") && !sentence.contains("falls"))
    }

    @Test func twoSeedsAreTooFewToTestAndTheSentenceSaysSo() throws {
        let sentence = try transferSentence(sentences(seeds: [0, 1]) { index, _ in 0.5 + 0.05 * Double(index) })
        #expect(sentence.hasPrefix("Transfer accuracy on fine (10 per class): +5.0 points per doubling over widths "
            + "16…128 from 2 seeds, too few to test a trend (the test needs 3)"))
        #expect(!sentence.contains("rises"))
    }

    @Test func aSingleWidthIsTooFewToJudge() throws {
        let cells = ReportFixtures.trendCells(widths: [16], seeds: seeds) { _, _ in 0.5 }
        let report = ReportFixtures.report(cells, widths: [16], seeds: seeds)
        let sentence = try transferSentence(try #require(report.headlines.first).sentences)
        #expect(sentence == "Transfer accuracy on fine (10 per class): values at one width only (16), too few to judge a trend.")
    }

    private func sourceSentence(_ accuracy: (Int, Int) -> Double) throws -> String {
        let cells = seeds.flatMap { seed in
            widths.enumerated().map { index, width in
                var values = ReportFixtures.Values()
                values.sourceTest = accuracy(index, seed)
                return ReportFixtures.finished(width, seed, values)
            }
        }
        let report = ReportFixtures.report(cells, widths: widths, seeds: seeds)
        return try #require(report.headlines.first?.sentences.first { $0.hasPrefix("Source test accuracy") })
    }

    @Test func aSourceAccuracyShownFlatWithinTheMarginIsCalledMatched() throws {
        let noise: [[Double]] = [[0.850, 0.852, 0.848, 0.851], [0.851, 0.849, 0.852, 0.850], [0.849, 0.851, 0.850, 0.849]]
        let sentence = try sourceSentence { index, seed in noise[seed][index] }
        #expect(sentence.hasPrefix("Source test accuracy is matched within ±0.5 points across widths 16…128: "))
        #expect(sentence.contains("two one-sided t tests at 2.5% each, 3 seeds"))
        #expect(sentence.hasSuffix("per-width means 85.0% to 85.1%."))
    }

    @Test func aSourceAccuracyThatRisesWithWidthIsNotMatchedAndSaysByHowMuch() throws {
        // 0.4 points per doubling in every seed, ± a little: 1.2 points over 3 doublings.
        let sentence = try sourceSentence { index, seed in 0.85 + 0.004 * Double(index) + 0.0002 * Double(seed * index % 2) }
        #expect(sentence.hasPrefix("Source test accuracy is not matched across widths: it rises by +0.4 points per doubling"))
        #expect(sentence.contains("against a margin of ±0.5 points"))
        #expect(sentence.contains("Width trends in transfer may partly reflect it."))
    }

    @Test func aNoisySourceAccuracyIsNotShownMatchedRatherThanCalledFlat() throws {
        let noise: [[Double]] = [[0.85, 0.86, 0.84, 0.87], [0.87, 0.84, 0.86, 0.85], [0.84, 0.85, 0.87, 0.84]]
        let sentence = try sourceSentence { index, seed in noise[seed][index] }
        #expect(sentence.hasPrefix("Source test accuracy is not shown to be matched within ±0.5 points: "))
        #expect(sentence.contains("an interval that reaches past the margin"))
    }

    @Test func everyTransferTargetAndBudgetGetsASentence() throws {
        let all = try sentences { index, seed in 0.5 + (0.05 + 0.005 * Double(seed)) * Double(index) }
        #expect(all.contains { $0.hasPrefix("Transfer accuracy on fine (10 per class)") })
        // The fixture's "all" budget is 0.7 in every cell: every slope is exactly 0.
        #expect(all.contains { $0.hasPrefix("Transfer accuracy on fine (all labels) shows no significant trend with width: "
            + "0.0 points per doubling [0.0, 0.0] over widths 16…128 (3 seeds, p = 1.00)") })
    }

    @Test func readoutsWhoseL2SitsAtTheGridEdgeAreCountedByBudgetInAWarning() throws {
        let cells = ReportFixtures.trendCells(widths: widths, seeds: seeds) { index, _ in 0.5 + 0.05 * Double(index) }
            .map { cell -> ReportCell in
                var cell = cell
                if cell.cell.seed == 0, cell.cell.width <= 32, var result = cell.result {
                    result.transfer[0].trained.l2AtGridEdge = true  // budget 10, trained network
                    cell.result = result
                }
                return cell
            }
        let report = ReportFixtures.report(cells, widths: widths, seeds: seeds)
        let sentences = try #require(report.headlines.first).sentences
        // 12 cells × 2 budgets × (trained, control) = 48 fits; two are at the edge.
        #expect(sentences.contains("The readout's L2 strength sat at the edge of its grid in 2 of 48 fits (10 per class: 2), "
            + "even after extending it three decades upward: those readouts may be mis-regularised and their accuracy "
            + "a little low (results.csv: trained_l2_at_edge, control_l2_at_edge)."))
        let clean = try self.sentences { index, _ in 0.5 + 0.05 * Double(index) }
        #expect(!clean.contains { $0.contains("edge of its grid") })
    }
}

/// The equal-dimension control (docs/metrics.md): where results carry it, the headline tests its
/// width trend with the same slope test and says so in its own sentence, and the report has its
/// table and plot beside full-width transfer.
struct ReportEqualDimensionTests {
    private let widths = [16, 32, 64, 128]
    private let seeds = [0, 1, 2]

    /// Full-width transfer rises as in `transferThatIncreasesWithWidthInEverySeedRises…`; through
    /// 4 components it is flat in every seed (0.45 + 0.01 · seed): the width effect does not survive.
    private func report() -> SweepReport {
        var cells = ReportFixtures.trendCells(widths: widths, seeds: seeds) { index, seed in
            0.5 + (0.05 + 0.005 * Double(seed)) * Double(index)
        }
        for index in cells.indices {
            guard var result = cells[index].result else { continue }
            for row in result.transfer.indices {
                var trained = result.transfer[row].trained, control = result.transfer[row].control
                trained.accuracy = 0.45 + 0.01 * Double(cells[index].cell.seed)
                control.accuracy = 0.40
                result.transfer[row].equalDimension = EqualDimensionReadouts(
                    dimension: 4, trainedComponents: 4, controlComponents: 4, trained: trained, control: control)
            }
            cells[index].result = result
        }
        return ReportFixtures.report(cells, widths: widths, seeds: seeds)
    }

    @Test func theHeadlineSaysWhetherTheWidthEffectSurvivesAtEqualDimension() throws {
        let sentences = try #require(report().headlines.first).sentences
        let full = try #require(sentences.first { $0.hasPrefix("Transfer accuracy on fine (10 per class)") })
        #expect(full.contains("rises with width: +5.5 points per doubling [4.3, 6.7]"))
        let equal = try #require(sentences.first {
            $0.hasPrefix("At equal dimension (4 principal components), transfer accuracy on fine (10 per class)")
        })
        // Each seed is flat, so every per-seed slope is 0: the interval is [0, 0] and no trend is shown.
        #expect(equal.contains("shows no significant trend with width") || equal.contains("+0.0 points per doubling"),
                "\(equal)")
        #expect(!equal.contains("rises"))
        // The equal-dimension sentence follows the full-width ones.
        let order = sentences.firstIndex(of: equal)! > sentences.firstIndex(of: full)!
        #expect(order)
    }

    @Test func theHTMLHasTheEqualDimensionTableAndPlotAndTheCSVItsColumns() throws {
        let report = report()
        let html = HTMLReport(report: report).render()
        #expect(html.contains("<h3>Transfer accuracy on fine (10 per class) through 4 principal components"))
        #expect(html.contains("coarse: transfer to fine through 4 principal components"))
        let csv = CSVReport(report: report).render()
        let header = csv.split(separator: "\n")[0].split(separator: ",").map(String.init)
        let index = try #require(header.firstIndex(of: "trained_accuracy_equal_dimension"))
        let row = csv.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(Double(row[index]).map { (0.45...0.48).contains($0) } == true, "\(row[index])")
        #expect(row[try #require(header.firstIndex(of: "equal_dimension"))] == "4")
    }
}
