import Foundation

/// Whether a quantity rises or falls with width, decided by a test with a stated error rate.
///
/// Per seed, the least-squares slope of the quantity against log₂ width: its change per doubling
/// of width. Seeds are the independent units (the cells of one seed share its initialisation and
/// data order), so the test is a one-sample Student t test of the per-seed slopes against 0 with
/// n − 1 degrees of freedom, and the effect is their mean with a 95% t interval. A per-seed
/// offset (one seed better at every width) cancels inside each slope. The verdict is **rises**
/// or **falls** when the interval excludes 0 — a two-sided test at 5%, so with no width effect
/// it names a direction in at most 5% of sweeps (measured by `TrendSimulationTests`); an interval
/// that includes 0 is not evidence that there is no effect, and the sentences never say so.
///
/// The slope summarises a monotone trend; a quantity that rises and then falls can have a slope
/// near 0 (the per-width tables show the shape).
struct WidthSlope: Sendable, Equatable, Encodable {
    enum Direction: String, Sendable, Encodable {
        /// The 95% interval of the mean slope lies above 0.
        case rises
        /// It lies below 0.
        case falls
        /// It includes 0: the data do not show a trend either way.
        case noSignificantTrend
        /// Fewer than `minimumSeeds` seeds have values at two or more widths.
        case tooFewSeeds
        /// Fewer than two widths have values.
        case tooFewWidths
    }

    /// One seed's slope, for results.json.
    struct SeedSlope: Sendable, Equatable, Encodable {
        var seed: Int
        var perDoubling: Double
        /// Widths the slope is fitted over.
        var widths: Int
    }

    /// With two seeds the t test has one degree of freedom and a 95% interval 12.7 standard errors
    /// wide: valid, but never informative. Three is the fewest that can show a trend.
    static let minimumSeeds = 3
    static let confidence = 0.95

    var direction: Direction
    /// Mean over seeds of the per-seed slope, in the quantity's units per doubling of width.
    var perDoubling: Double?
    /// 95% t interval of `perDoubling`; nil below `minimumSeeds` seeds.
    var low: Double?
    var high: Double?
    /// Standard error of `perDoubling` (sd of the per-seed slopes / √seeds).
    var standardError: Double?
    /// Two-sided p-value of the t test against a slope of 0.
    var pValue: Double?
    /// Seeds with a slope.
    var seeds: Int
    /// Distinct widths with a value, ascending.
    var widths: [Int]
    var slopes: [SeedSlope]

    /// The test of `value` over `samples` (nil values are left out).
    init(_ samples: [MetricSeries.Sample], value: (MetricSeries.Sample) -> Double?) {
        var bySeed: [Int: [(x: Double, y: Double)]] = [:]
        var widthSet = Set<Int>()
        for sample in samples {
            guard let y = value(sample) else { continue }
            bySeed[sample.seed, default: []].append((log2(Double(sample.width)), y))
            widthSet.insert(sample.width)
        }
        widths = widthSet.sorted()
        slopes = bySeed.keys.sorted().compactMap { seed in
            let points = bySeed[seed] ?? []
            return Statistics.slope(x: points.map(\.x), y: points.map(\.y))
                .map { SeedSlope(seed: seed, perDoubling: $0, widths: points.count) }
        }
        seeds = slopes.count
        guard widths.count >= 2 else {
            direction = .tooFewWidths
            return
        }
        let values = slopes.map(\.perDoubling)
        if !values.isEmpty { perDoubling = Statistics.mean(values) }
        guard values.count >= Self.minimumSeeds, let mean = perDoubling,
              let sd = Statistics.standardDeviation(values) else {
            direction = .tooFewSeeds
            return
        }
        let standardError = sd / Double(values.count).squareRoot()
        self.standardError = standardError
        let half = Statistics.studentTQuantile(probability: 0.5 + Self.confidence / 2,
                                               degreesOfFreedom: values.count - 1) * standardError
        low = mean - half
        high = mean + half
        // Every seed has the same slope: the t statistic is ±∞ (or 0/0 for a flat quantity).
        pValue = standardError > 0 ? Statistics.studentTTwoSidedP(mean / standardError, degreesOfFreedom: values.count - 1)
                                   : (mean == 0 ? 1 : 0)
        direction = mean - half > 0 ? .rises : mean + half < 0 ? .falls : .noSignificantTrend
    }

    /// log₂(widest / narrowest): the doublings the slope spans.
    var doublings: Double {
        guard let first = widths.first, let last = widths.last else { return 0 }
        return log2(Double(last) / Double(first))
    }
}
