/// What the report's statistics are and how well they were shown to work: the methods statement
/// that index.html and summary.md print once, so a reader can quote a number knowing what it means.
enum StatisticalMethods {
    /// Error rates measured by the simulations in the test suite (`CoverageSimulationTests`,
    /// `TrendSimulationTests`: 4,000 simulated sweeps per case, 7 widths, normal, skewed,
    /// near-the-bound and multiplicative noise, with and without per-seed offsets and slopes).
    /// Those tests fail if these figures stop matching what they measure.
    struct Simulated: Sendable {
        var seeds: Int
        /// The lowest coverage of any 95% interval the report prints, over every noise model.
        var coverage: Double
        /// The highest rate at which the trend test named a direction with no width effect.
        var falsePositiveRate: Double
        /// The highest rate at which source accuracy was called matched when it really changes
        /// by the margin.
        var falseMatchRate: Double
    }

    static let simulated: [Simulated] = [
        Simulated(seeds: 3, coverage: 0.94375, falsePositiveRate: 0.0575, falseMatchRate: 0.027),
        Simulated(seeds: 5, coverage: 0.94525, falsePositiveRate: 0.057, falseMatchRate: 0.03225),
        Simulated(seeds: 10, coverage: 0.946571, falsePositiveRate: 0.056, falseMatchRate: 0.0345),
    ]

    /// (title, text) pairs: intervals, the trend test, the equivalence test, the seeds this sweep
    /// has, and the simulated error rates.
    static func statements(seedsPerWidth: ClosedRange<Int>?, margin: Double,
                           comparing variants: (first: String, second: String)? = nil) -> [(String, String)] {
        let measured = simulated.map { figure in
            "\(figure.seeds) seeds: coverage ≥ \(floorPercent(figure.coverage)), false trends ≤ "
                + "\(ceilPercent(figure.falsePositiveRate)) (nominal 5%), false matches ≤ \(ceilPercent(figure.falseMatchRate)) "
                + "(nominal 2.5%)"
        }
        let seeds: String
        if let range = seedsPerWidth {
            seeds = range.lowerBound == range.upperBound
                ? "\(range.lowerBound) per width"
                : "\(range.lowerBound) to \(range.upperBound) per width (some cells have no value yet)"
        } else {
            seeds = "none with a value yet"
        }
        var comparison: [(String, String)] = []
        if let variants {
            comparison.append(("Variant comparison", "\(variants.first) minus \(variants.second), paired by seed: per seed, "
                + "the slope against log₂ width of the difference between the two variants at the widths both have, then the "
                + "t test and 95% t interval of those per-seed differences. A variant is named only when the interval "
                + "excludes 0 (5% per sentence). Shown by simulation (4,000 pairs of sweeps per case, 3 to 10 seeds, normal "
                + "and skewed noise, per-seed effects shared by both variants): coverage ≥ 94%, a variant named with no "
                + "difference ≤ \(ceilPercent(TrendLimits.falsePositiveLimit)) (nominal 5%)."))
        }
        return [
            ("Intervals", "95% Student t intervals of the mean over seeds (n − 1 degrees of freedom), for every quantity; "
                + "trained − control differences are taken per seed first (paired). Intervals of bounded quantities are "
                + "clipped to their range for display only."),
            ("Trend test", "per seed, the least-squares slope against log₂ width (change per doubling); the mean slope "
                + "over seeds with its 95% t interval. \"Rises\" or \"falls\" when that interval excludes 0: a two-sided "
                + "test at 5% for each sentence (not corrected across the headline's sentences). It needs at least "
                + "\(WidthSlope.minimumSeeds) seeds."),
            ("Matched source accuracy", "two one-sided t tests, 2.5% each, on the fitted change of source test accuracy "
                + "from the narrowest to the widest width: \"matched\" only when its 95% interval lies inside "
                + "±\(ReportFormat.points(margin)) points (report.match_margin). No significant trend is not a match."),
            ("Seeds", seeds),
            ("Shown by simulation", "worst case over 4,000 simulated sweeps per case of 7 widths with normal, skewed "
                + "(skewness up to 0.6) and near-the-bound noise, with and without per-seed offsets — "
                + measured.joined(separator: "; ") + ". A false trend is a direction named with no width effect; "
                + "a false match is \"matched\" for a change equal to the margin. More strongly skewed seed noise "
                + "covers less (docs/report.md)."),
        ] + comparison
    }

    /// The bounds the simulation tests hold every rate to.
    enum TrendLimits {
        static let sweeps = 4_000
        /// 5% plus 2.58 Monte-Carlo standard errors of a 5% rate over `sweeps` sweeps.
        static let falsePositiveLimit = 0.05 + 2.58 * (0.05 * 0.95 / Double(sweeps)).squareRoot()
    }

    /// "94.3%", rounded down: a coverage is quoted as a lower bound.
    private static func floorPercent(_ value: Double) -> String {
        String(format: "%.1f%%", (1000 * value).rounded(.down) / 10)
    }

    /// "4.8%", rounded up: an error rate is quoted as an upper bound.
    private static func ceilPercent(_ value: Double) -> String {
        String(format: "%.1f%%", (1000 * value).rounded(.up) / 10)
    }
}
