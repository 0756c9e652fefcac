@testable import Coordinator
import Testing

/// The headline's words come from the data: "rises" for transfer that increases with width in
/// every seed, "falls" for the mirror image, "no clear trend" when seeds disagree so that the
/// seed-bootstrap interval of ρ includes 0 (DESIGN §7).
struct ReportHeadlineTests {
    private let widths = [16, 32, 64, 128]
    private let seeds = [0, 1, 2]

    private func sentences(_ trained: @escaping (Int, Int) -> Double) throws -> [String] {
        let cells = ReportFixtures.trendCells(widths: widths, seeds: seeds, trained: trained)
        return try #require(ReportFixtures.report(cells, widths: widths, seeds: seeds).headlines.first).sentences
    }

    private func transferSentence(_ sentences: [String]) throws -> String {
        try #require(sentences.first { $0.hasPrefix("Transfer accuracy on fine (10 per class)") })
    }

    @Test func transferThatIncreasesWithWidthInEverySeedRises() throws {
        // 0.50, 0.55, 0.60, 0.65 across widths, shifted by a tenth of a point per seed.
        let sentence = try transferSentence(sentences { index, seed in 0.5 + 0.05 * Double(index) + 0.001 * Double(seed) })
        #expect(sentence.contains("rises with width: Spearman ρ = "))
        #expect(sentence.contains("across widths 16…128 (12 cells)"))
        // Control 0.4 + 0.001 · seed: the gap is 10, 15, 20, 25 points in every seed.
        #expect(sentence.contains("the trained-minus-control gap grows from 10.0 to 25.0 points"))
        #expect(!sentence.contains("falls") && !sentence.contains("no clear trend"))
    }

    @Test func transferThatDecreasesWithWidthInEverySeedFalls() throws {
        let sentence = try transferSentence(sentences { index, seed in 0.65 - 0.05 * Double(index) + 0.001 * Double(seed) })
        #expect(sentence.contains("falls with width: Spearman ρ = −"))
        #expect(sentence.contains("the trained-minus-control gap shrinks from 25.0 to 10.0 points"))
        #expect(!sentence.contains("rises"))
    }

    @Test func seedsThatDisagreeGiveNoClearTrend() throws {
        // Seed 0 rises, seed 1 falls, seed 2 zigzags: resampling seeds puts ρ on both sides of 0.
        let patterns: [[Double]] = [[0.50, 0.55, 0.60, 0.65], [0.66, 0.61, 0.56, 0.51], [0.57, 0.52, 0.64, 0.58]]
        let sentence = try transferSentence(sentences { index, seed in patterns[seed][index] })
        #expect(sentence.contains("shows no clear trend with width: Spearman ρ = "))
        #expect(sentence.contains("an interval that includes 0"))
        #expect(!sentence.contains("rises") && !sentence.contains("falls"))
    }

    @Test func aSingleWidthIsTooFewToJudge() throws {
        let cells = ReportFixtures.trendCells(widths: [16], seeds: seeds) { _, _ in 0.5 }
        let report = ReportFixtures.report(cells, widths: [16], seeds: seeds)
        let sentence = try transferSentence(try #require(report.headlines.first).sentences)
        #expect(sentence == "Transfer accuracy on fine (10 per class): too few results to judge a trend (3 cells at 1 width).")
    }

    @Test func theSourceSentenceGivesTheSpreadOfSourceAccuracyAcrossWidths() throws {
        let cells = seeds.flatMap { seed in
            widths.enumerated().map { index, width in
                var values = ReportFixtures.Values()
                values.sourceTest = [0.850, 0.852, 0.848, 0.854][index]
                return ReportFixtures.finished(width, seed, values)
            }
        }
        let report = ReportFixtures.report(cells, widths: widths, seeds: seeds)
        let sentence = try #require(report.headlines.first?.sentences.first { $0.hasPrefix("Source test accuracy") })
        #expect(sentence.hasPrefix("Source test accuracy varies by 0.6 points across widths (84.8% to 85.4%)"))
    }

    @Test func everyTransferTargetAndBudgetGetsASentence() throws {
        let all = try sentences { index, _ in 0.5 + 0.05 * Double(index) }
        #expect(all.contains { $0.hasPrefix("Transfer accuracy on fine (10 per class)") })
        // The fixture's "all" budget is 0.7 in every cell: ρ is undefined, and the sentence says why.
        #expect(all.contains { $0.hasPrefix("Transfer accuracy on fine (all labels) shows no clear trend with width: "
            + "it is the same at every width (12 cells across 16…128)") })
    }
}
