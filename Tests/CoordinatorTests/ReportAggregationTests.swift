@testable import Coordinator
import Shared
import Testing

/// Aggregation over seeds against values worked out by hand (ReportFixtures.aggregationCells:
/// widths 16 and 64 × seeds 0–2, seed 1 at width 16 missed the source target, seed 2 at width 64
/// still queued).
struct ReportAggregationTests {
    /// Student t quantiles t(0.975; ν), from scipy.stats.t.ppf(0.975, ν).
    static let t975 = [1: 12.706204736174705, 2: 4.302652729911275]

    private func summary(_ options: ReportOptions = ReportOptions()) throws -> TaskSummary {
        let report = ReportFixtures.report(ReportFixtures.aggregationCells(), widths: [16, 64], seeds: [0, 1, 2], options: options)
        return try #require(report.tasks.first)
    }

    private func near(_ value: Double?, _ expected: Double, tolerance: Double = 1e-9) -> Bool {
        guard let value else { return false }
        return abs(value - expected) <= tolerance * max(1, abs(expected))
    }

    @Test func anUnboundedMetricGetsMeanStandardDeviationAndTIntervalPerWidth() throws {
        let series = try #require(try summary().series(.information(.participationRatio)))
        let w16 = try #require(series.summary(at: 16))
        let trained = try #require(w16.trained)
        #expect(trained.n == 3 && trained.method == "t")
        #expect(near(trained.mean, 4) && near(trained.sd, 2))
        let half = Self.t975[2]! * 2 / 3.0.squareRoot()
        #expect(near(trained.low, 4 - half, tolerance: 1e-6) && near(trained.high, 4 + half, tolerance: 1e-6))
        #expect(near(w16.control?.mean, 2) && near(w16.control?.sd, 1))
        // Paired per seed: 2−1, 4−2, 6−3.
        #expect(w16.difference?.n == 3 && near(w16.difference?.mean, 2) && near(w16.difference?.sd, 1))
    }

    @Test func aMissingSeedIsListedWithItsReasonAndLeftOutOfTheEstimate() throws {
        let series = try #require(try summary().series(.information(.participationRatio)))
        let w64 = try #require(series.summary(at: 64))
        #expect(w64.expectedSeeds == 3 && w64.seeds == [0, 1])
        #expect(w64.missing == [.init(seed: 2, reason: "queued")])
        let trained = try #require(w64.trained)
        #expect(trained.n == 2 && near(trained.mean, 12) && near(trained.sd, 8.0.squareRoot()))
        let half = Self.t975[1]! * 8.0.squareRoot() / 2.0.squareRoot()
        #expect(near(trained.low, 12 - half, tolerance: 1e-6) && near(trained.high, 12 + half, tolerance: 1e-6))
        #expect(near(w64.difference?.mean, 6.5))  // (10−5 + 14−6) / 2
    }

    @Test func aBoundedMetricGetsATIntervalClippedToItsBoundsOnlyForDisplay() throws {
        let series = try #require(try summary().series(.transfer(target: "fine", budget: "10")))
        let w16 = try #require(series.summary(at: 16))
        let trained = try #require(w16.trained)
        #expect(trained.n == 3 && trained.method == "t")
        #expect(near(trained.mean, 0.6) && near(trained.sd, 0.1))
        // 0.6 ± 4.303 · 0.1/√3: the raw interval reaches past neither bound here.
        let half = Self.t975[2]! * 0.1 / 3.0.squareRoot()
        #expect(near(trained.low, 0.6 - half, tolerance: 1e-9) && near(trained.high, 0.6 + half, tolerance: 1e-9))
        #expect(near(w16.difference?.mean, 0.2))  // 0.1, 0.2, 0.3, paired
        #expect(w16.difference?.method == "t")
        // Near 1 the raw interval passes 100%; the table shows it clipped, results.json keeps it raw.
        let nearOne = try #require(Statistics.estimate([0.99, 1.0, 0.97]))
        #expect(try #require(nearOne.high) > 1)
        let metric = ReportMetric.transfer(target: "fine", budget: "10")
        #expect(ReportFormat.estimate(nearOne, of: metric).hasSuffix(", 100.0%]"))
    }

    @Test func sourceAccuracyHasNoControlAndNoDifference() throws {
        let w16 = try #require(try summary().series(.sourceTestAccuracy)?.summary(at: 16))
        #expect(w16.trained?.n == 3 && w16.control == nil && w16.difference == nil)
    }

    @Test func aCellThatMissedTheTargetIsFlaggedAndCountedByDefault() throws {
        let summary = try summary()
        #expect(summary.missedTarget == [CellCoordinate(width: 16, seed: 1, task: "coarse")])
        #expect(summary.usedCells == 5 && summary.expectedCells == 6)
        #expect(summary.series(.information(.participationRatio))?.summary(at: 16)?.seeds == [0, 1, 2])
    }

    @Test func aCellThatMissedTheTargetIsExcludedWhenAskedAndStillFlagged() throws {
        let summary = try summary(ReportOptions(excludeMissedTarget: true))
        #expect(summary.missedTarget == [CellCoordinate(width: 16, seed: 1, task: "coarse")])
        #expect(summary.usedCells == 4)
        let w16 = try #require(summary.series(.information(.participationRatio))?.summary(at: 16))
        #expect(w16.seeds == [0, 2])
        #expect(w16.missing == [.init(seed: 1, reason: "missed target, excluded")])
        #expect(w16.trained?.n == 2 && near(w16.trained?.mean, 4) && near(w16.trained?.sd, 8.0.squareRoot()))
    }

    @Test func theHeadlineCountsMissingCellsAndSaysWhetherMissedTargetsAreIncluded() throws {
        let included = ReportFixtures.report(ReportFixtures.aggregationCells(), widths: [16, 64], seeds: [0, 1, 2])
        let sentences = try #require(included.headlines.first).sentences
        #expect(sentences.first == "5 of 6 cells count (1 queued).")
        #expect(sentences.contains { $0.hasPrefix("1 cell missed the source target accuracy of 80.0% (w16/s1); they are included") })

        let excluded = ReportFixtures.report(ReportFixtures.aggregationCells(), widths: [16, 64], seeds: [0, 1, 2],
                                             options: ReportOptions(excludeMissedTarget: true))
        let excludedSentences = try #require(excluded.headlines.first).sentences
        #expect(excludedSentences.first == "4 of 6 cells count (1 queued, 1 excluded for missing the source target).")
        #expect(excludedSentences.contains { $0.contains("they are excluded from these numbers") })
    }

    @Test func theFineProbeIsAggregatedOnlyWhereResultsHaveOne() throws {
        #expect(try summary().series(.information(.fineProbeAccuracy)) != nil)
        var values = ReportFixtures.Values()
        values.fineProbe = (0.5, 0.5)
        var cell = ReportFixtures.finished(16, 0, values)
        cell.result?.information.trained.fineProbeAccuracy = nil
        cell.result?.information.control.fineProbeAccuracy = nil
        let report = ReportFixtures.report([cell], widths: [16], seeds: [0])
        #expect(report.tasks.first?.series(.information(.fineProbeAccuracy)) == nil)
    }
}
