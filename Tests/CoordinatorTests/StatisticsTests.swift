@testable import Coordinator
import Testing

/// Known answers from SciPy 1.17 (`scipy.stats.t.ppf`, `scipy.stats.spearmanr`) and numpy
/// (`np.std(ddof=1)`), written down with their tolerance.
struct StatisticsTests {
    @Test(arguments: [(1, 12.706204736174694), (2, 4.302652729749462), (4, 2.7764451051977934),
                      (10, 2.228138851986274), (30, 2.0422724563012378), (1000, 1.9623390808264083)])
    func studentTQuantileMatchesSciPy(degreesOfFreedom: Int, expected: Double) {
        let q = Statistics.studentTQuantile(probability: 0.975, degreesOfFreedom: degreesOfFreedom)
        #expect(abs(q - expected) < 1e-9 * expected)
    }

    @Test func studentTQuantileIsSymmetricAndMatchesOtherLevels() {
        #expect(abs(Statistics.studentTQuantile(probability: 0.95, degreesOfFreedom: 5) - 2.0150483733330233) < 1e-9)
        #expect(abs(Statistics.studentTQuantile(probability: 0.005, degreesOfFreedom: 3) - (-5.840909309733357)) < 1e-8)
        #expect(Statistics.studentTQuantile(probability: 0.5, degreesOfFreedom: 7) == 0)
    }

    @Test func meanStandardDeviationAndTIntervalOfThreeSeeds() throws {
        let values = [0.81, 0.84, 0.79]
        #expect(abs(Statistics.mean(values) - 0.8133333333333334) < 1e-15)
        #expect(abs(try #require(Statistics.standardDeviation(values)) - 0.025166114784235794) < 1e-15)
        let interval = try #require(Statistics.tInterval(values))
        #expect(abs(interval.low - 0.7508172385395757) < 1e-12)
        #expect(abs(interval.high - 0.875849428127091) < 1e-12)
        #expect(Statistics.tInterval([0.8]) == nil, "one seed has no interval")
    }

}

/// The slope test and the equivalence test against SciPy 1.17.1
/// (`Tests/CoordinatorTests/Fixtures/statistics_fixtures.py`: `linregress`, `ttest_1samp`, `t.ppf`,
/// `t.sf`/`t.cdf` for the two one-sided tests).
struct SlopeAndMatchKnownAnswerTests {
    static let widths = [16, 32, 64, 128, 256, 512, 1024]

    static func samples(_ values: [Int: [Double]]) -> [MetricSeries.Sample] {
        values.flatMap { seed, ys in
            ys.enumerated().map { MetricSeries.Sample(width: widths[$0.offset], seed: seed, trained: $0.element, control: nil) }
        }
    }

    @Test func theSlopeTestMatchesSciPy() throws {
        // Seed 2 has no width-1024 cell: its slope is fitted over the six widths it has.
        let slope = WidthSlope(Self.samples([
            0: [0.612, 0.641, 0.650, 0.688, 0.702, 0.731, 0.744],
            1: [0.598, 0.622, 0.659, 0.671, 0.695, 0.719, 0.752],
            2: [0.630, 0.633, 0.668, 0.683, 0.720, 0.728],
        ])) { $0.trained }
        let expected = [0.022428571428571423, 0.02471428571428571, 0.02188571428571428]
        for (mine, theirs) in zip(slope.slopes.map(\.perDoubling), expected) { #expect(abs(mine - theirs) < 1e-14) }
        #expect(slope.seeds == 3 && slope.widths == Self.widths && slope.direction == .rises)
        #expect(abs(try #require(slope.perDoubling) - 0.023009523809523803) < 1e-14)
        #expect(abs(try #require(slope.low) - 0.0192805581104076) < 1e-12)
        #expect(abs(try #require(slope.high) - 0.026738489508640006) < 1e-12)
        #expect(abs(try #require(slope.pValue) - 0.0014156827087626435) < 1e-10)
    }

    static let source: [[Double]] = [
        [0.8812, 0.8820, 0.8809, 0.8825, 0.8815, 0.8822, 0.8818],
        [0.8801, 0.8815, 0.8819, 0.8810, 0.8824, 0.8812, 0.8820],
        [0.8830, 0.8818, 0.8826, 0.8821, 0.8816, 0.8829, 0.8823],
        [0.8808, 0.8811, 0.8803, 0.8819, 0.8812, 0.8807, 0.8815],
    ]

    static func match(perDoubling: Double) -> SourceMatch {
        var values: [Int: [Double]] = [:]
        for (seed, row) in source.enumerated() {
            values[seed] = row.enumerated().map { $0.element + perDoubling * Double($0.offset) }
        }
        return SourceMatch(WidthSlope(samples(values)) { $0.trained }, margin: 0.005)
    }

    @Test func aFlatSourceAccuracyIsMatchedWithTheTOSTPValueOfSciPy() throws {
        let match = Self.match(perDoubling: 0)
        #expect(match.verdict == .matched)
        #expect(abs(try #require(match.change) - 0.0005196428571428474) < 1e-14)
        #expect(abs(try #require(match.low) - (-0.0003895031929873697)) < 1e-12)
        #expect(abs(try #require(match.high) - 0.0014287889072730647) < 1e-12)
        #expect(abs(try #require(match.pValue) - 0.00028170884922870134) < 1e-10)
    }

    @Test func aSourceAccuracyRisingPastTheMarginIsNotMatched() throws {
        let match = Self.match(perDoubling: 0.001)
        #expect(match.verdict == .changes && match.slope.direction == .rises)
        #expect(abs(try #require(match.change) - 0.006519642857142852) < 1e-14)
        #expect(abs(try #require(match.low) - 0.005610496807012635) < 1e-12)
        #expect(abs(try #require(match.high) - 0.00742878890727307) < 1e-12)
        #expect(abs(try #require(match.pValue) - 0.9935111566595057) < 1e-10)
    }

    @Test func aNoisyFlatSourceAccuracyIsNotShownMatchedNorCalledChanging() {
        // Three seeds whose slopes disagree widely: the interval includes 0 and passes the margin.
        let slope = WidthSlope(Self.samples([
            0: [0.88, 0.882, 0.884, 0.886, 0.888, 0.890, 0.892],
            1: [0.89, 0.888, 0.886, 0.884, 0.882, 0.880, 0.878],
            2: [0.88, 0.881, 0.880, 0.881, 0.880, 0.881, 0.880],
        ])) { $0.trained }
        let match = SourceMatch(slope, margin: 0.005)
        #expect(slope.direction == .noSignificantTrend)
        #expect(match.verdict == .notShownMatched)
    }

    @Test func fewerThanThreeSeedsGiveNoTestButStillAnEstimate() throws {
        let slope = WidthSlope(Self.samples([0: [0.5, 0.6], 1: [0.5, 0.7]])) { $0.trained }
        #expect(slope.direction == .tooFewSeeds && slope.seeds == 2)
        #expect(abs(try #require(slope.perDoubling) - 0.15) < 1e-12)
        #expect(slope.low == nil && slope.pValue == nil)
        #expect(SourceMatch(slope, margin: 0.005).verdict == .tooFewResults)
        #expect(WidthSlope(Self.samples([0: [0.5], 1: [0.6], 2: [0.7]])) { $0.trained }.direction == .tooFewWidths)
    }

    @Test func theTwoSidedPValueOfTMatchesSciPy() {
        // scipy.stats.t.sf(2.5, 4) * 2 and t.sf(1.0, 2) * 2.
        #expect(abs(Statistics.studentTTwoSidedP(2.5, degreesOfFreedom: 4) - 0.06676654481198814) < 1e-12)
        #expect(abs(Statistics.studentTTwoSidedP(-1.0, degreesOfFreedom: 2) - 0.4226497308103742) < 1e-12)
    }
}
