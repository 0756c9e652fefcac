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

    @Test func spearmanMatchesSciPyWithTies() throws {
        #expect(abs(try #require(Statistics.spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])) - 0.8207826816681233) < 1e-12)
        #expect(abs(try #require(Statistics.spearman([16, 32, 64, 128], [0.5, 0.6, 0.6, 0.9])) - 0.9486832980505139) < 1e-12)
        #expect(Statistics.spearman([1, 2, 3], [4, 4, 4]) == nil, "a constant variable has no rank correlation")
    }

    @Test func boundedEstimatesUseABootstrapClippedToTheBounds() throws {
        let nearOne = [0.99, 1.0, 0.97]
        let estimate = try #require(Statistics.estimate(nearOne, bounded: 0...1, seed: 7))
        #expect(estimate.method == "bootstrap")
        #expect(try #require(estimate.high) <= 1)
        #expect(try #require(estimate.low) >= 0.97 && estimate.low! <= estimate.mean)
        #expect(Statistics.estimate(nearOne, bounded: 0...1, seed: 7) == estimate, "same seed, same interval")
        // The t-interval of the same values reaches past 1, which an accuracy cannot.
        #expect(try #require(Statistics.tInterval(nearOne)).high > 1)
        #expect(Statistics.estimate([0.5])?.method == "single")
        #expect(Statistics.estimate([]) == nil)
    }

    @Test func bootstrapIntervalOfAKnownSampleCoversItsMean() throws {
        let values = (0..<50).map { Double($0 % 10) }                 // mean 4.5, sd ≈ 2.9
        let interval = try #require(Statistics.bootstrapInterval(values, seed: 1))
        // Normal theory: 4.5 ± 1.96 × 2.9 / √50 ≈ 4.5 ± 0.80; the percentile bootstrap agrees to ~0.1.
        #expect(abs(interval.low - 3.70) < 0.15 && abs(interval.high - 5.30) < 0.15)
    }

    @Test func spearmanIntervalResamplesSeedsAndBracketsRho() throws {
        // Three seeds, four widths each, increasing with width plus seed noise.
        var points: [(group: Int, x: Double, y: Double)] = []
        for seed in 0..<3 {
            for (i, width) in [16.0, 64, 256, 1024].enumerated() {
                points.append((seed, width.squareRoot(), 0.6 + 0.05 * Double(i) + 0.01 * Double(seed)))
            }
        }
        let result = try #require(Statistics.spearmanWithInterval(points: points, seed: 3))
        #expect(result.rho > 0.9)
        #expect(result.low <= result.rho && result.rho <= result.high && result.low > 0)
        let flat = points.map { (group: $0.group, x: $0.x, y: 0.7 + 0.01 * Double(($0.group * 7 + Int($0.x)) % 3)) }
        let none = try #require(Statistics.spearmanWithInterval(points: flat, seed: 3))
        #expect(none.low < 0 && none.high > 0, "no trend: the interval includes 0")
    }
}
