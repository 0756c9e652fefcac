import Foundation

/// The few statistics a width sweep's report needs, over a handful of seeds: means, standard
/// deviations, 95% intervals (Student t, or a percentile bootstrap for bounded metrics such as
/// accuracies), and Spearman's rank correlation with a bootstrap over seeds. Everything is
/// deterministic: bootstraps draw from a seeded SplitMix64, so a rebuilt report has the same numbers.
enum Statistics {
    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    /// Sample standard deviation (divisor n − 1); nil when n < 2.
    static func standardDeviation(_ values: [Double]) -> Double? {
        guard values.count >= 2 else { return nil }
        let m = mean(values)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
    }

    /// The `probability` quantile of Student's t with `degreesOfFreedom`, by bisection on the CDF
    /// (the regularized incomplete beta function); accurate to ~1e-12.
    static func studentTQuantile(probability: Double, degreesOfFreedom: Int) -> Double {
        precondition(probability > 0 && probability < 1 && degreesOfFreedom >= 1, "quantile of t needs 0 < p < 1 and df ≥ 1")
        if probability == 0.5 { return 0 }
        if probability < 0.5 { return -studentTQuantile(probability: 1 - probability, degreesOfFreedom: degreesOfFreedom) }
        var low = 0.0, high = 1.0
        while studentTCDF(high, degreesOfFreedom: degreesOfFreedom) < probability { high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if studentTCDF(middle, degreesOfFreedom: degreesOfFreedom) < probability { low = middle } else { high = middle }
            if high - low < 1e-13 * max(1, high) { break }
        }
        return (low + high) / 2
    }

    /// P(T ≤ t) for Student's t with `degreesOfFreedom`.
    static func studentTCDF(_ t: Double, degreesOfFreedom: Int) -> Double {
        let v = Double(degreesOfFreedom)
        let tail = 0.5 * regularizedIncompleteBeta(v / (v + t * t), a: v / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// Mean ± t × sd / √n; nil when n < 2.
    static func tInterval(_ values: [Double], confidence: Double = 0.95) -> (low: Double, high: Double)? {
        guard let sd = standardDeviation(values) else { return nil }
        let half = studentTQuantile(probability: 0.5 + confidence / 2, degreesOfFreedom: values.count - 1)
            * sd / Double(values.count).squareRoot()
        let m = mean(values)
        return (m - half, m + half)
    }

    /// Percentile bootstrap interval of the mean; nil when n < 2.
    static func bootstrapInterval(_ values: [Double], confidence: Double = 0.95, resamples: Int = 10_000,
                                  seed: UInt64) -> (low: Double, high: Double)? {
        guard values.count >= 2, resamples >= 1 else { return nil }
        var generator = SplitMix64(seed: seed)
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in values.indices { sum += values[Int(generator.next() % UInt64(values.count))] }
            means.append(sum / Double(values.count))
        }
        means.sort()
        return (percentile(means, (1 - confidence) / 2), percentile(means, 0.5 + confidence / 2))
    }

    /// The summary the report shows: t-interval, or percentile bootstrap clipped to `bounded`
    /// when the metric lives in a bounded range (a t-interval of accuracies near 1 can exceed 1).
    static func estimate(_ values: [Double], bounded: ClosedRange<Double>? = nil, seed: UInt64 = 0) -> Estimate? {
        guard !values.isEmpty else { return nil }
        let m = mean(values)
        guard values.count >= 2 else { return Estimate(n: 1, mean: m, sd: nil, low: nil, high: nil, method: "single") }
        let sd = standardDeviation(values)
        if let bounds = bounded, let interval = bootstrapInterval(values, seed: seed) {
            return Estimate(n: values.count, mean: m, sd: sd, low: max(bounds.lowerBound, interval.low),
                            high: min(bounds.upperBound, interval.high), method: "bootstrap")
        }
        let interval = tInterval(values)
        return Estimate(n: values.count, mean: m, sd: sd, low: interval?.low, high: interval?.high, method: "t")
    }

    /// Spearman's rank correlation (average ranks for ties); nil for fewer than 3 points or a
    /// constant variable.
    static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 3 else { return nil }
        return pearson(ranks(x), ranks(y))
    }

    /// Spearman's ρ over all points with a 95% percentile-bootstrap interval that resamples whole
    /// groups (seeds), so the interval reflects seed-to-seed variation, not point count.
    static func spearmanWithInterval(points: [(group: Int, x: Double, y: Double)], resamples: Int = 2_000,
                                     seed: UInt64 = 0) -> (rho: Double, low: Double, high: Double)? {
        guard let rho = spearman(points.map(\.x), points.map(\.y)) else { return nil }
        let groups = Dictionary(grouping: points, by: \.group).sorted { $0.key < $1.key }.map(\.value)
        var generator = SplitMix64(seed: seed)
        var samples: [Double] = []
        for _ in 0..<resamples {
            var xs: [Double] = [], ys: [Double] = []
            for _ in groups.indices {
                let group = groups[Int(generator.next() % UInt64(groups.count))]
                xs += group.map(\.x)
                ys += group.map(\.y)
            }
            if let value = spearman(xs, ys) { samples.append(value) }
        }
        guard !samples.isEmpty else { return (rho, rho, rho) }
        samples.sort()
        return (rho, percentile(samples, 0.025), percentile(samples, 0.975))
    }

    // MARK: Helpers

    /// Linear interpolation between order statistics (numpy's default "linear" method).
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard sorted.count > 1 else { return sorted.first ?? .nan }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let average = Double(start + end) / 2 + 1
            for index in start...end { ranks[order[index]] = average }
            start = end + 1
        }
        return ranks
    }

    static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        let mx = mean(x), my = mean(y)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// I_x(a, b) by the continued fraction of Numerical Recipes §6.4 (Lentz's method).
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logGammas: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logGammas + logPowers
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(x, a, b) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(1 - x, b, a) / b
    }

    private static func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m)
            let even: Double = (a + 2 * m - 1) * (a + 2 * m)
            var numerator: Double = m * (b - m) * x / even
            d = 1 + numerator * d; if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd: Double = (a + 2 * m) * (a + 2 * m + 1)
            numerator = -(a + m) * (a + b + m) * x / odd
            d = 1 + numerator * d; if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return h
    }
}

/// SplitMix64: a small, fast, seedable generator for the report's bootstraps.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
