@testable import Coordinator
import Engine
import Foundation

/// Simulated width sweeps with a known truth, for measuring the report's intervals and tests as
/// a user relies on them: how often a "95% interval" covers the true value, and how often a
/// trend or a match is claimed when there is none.
///
/// A sweep has 7 widths (16…1024, so 6 doublings: the default spec's plus 1024) and n seeds. A cell's value
/// is `truth(width) + seed offset + noise`, where the noise model is one of `Noise` — normal,
/// skewed, accuracies near their bound of 1, and a positive quantity with multiplicative noise —
/// and its scale may differ between widths (narrow networks are noisier). Everything is drawn
/// from a seeded SplitMix64, so every run measures the same numbers.
struct SimulatedSweeps {
    enum Noise: String, CaseIterable, CustomStringConvertible {
        /// Normal, standard deviation 2 points at width 16 falling to 0.5 at width 1024.
        case normal
        /// The same scale, shifted-gamma noise of skewness 0.5 (shape 16): a skewed seed spread.
        case skewed
        /// Accuracies near 1: a seed's accuracy is Beta with mean 0.99 and sd 0.002 (skewness
        /// −0.4), plus the binomial noise of a 10,000-example test set; the value may not pass 1.
        case nearBound
        /// A positive quantity (participation ratio, say) with log-normal noise of σ = 0.2
        /// (skewness 0.6) around a level that grows with width.
        case multiplicative

        var description: String { rawValue }
    }

    static let widths = [16, 32, 64, 128, 256, 512, 1024]
    static let doublings = 6.0

    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    // MARK: Draws

    mutating func uniform() -> Double {
        // 53 random bits in (0, 1): never 0, so logarithms are finite.
        (Double(rng.next() >> 11) + 0.5) / 9_007_199_254_740_992
    }

    /// Standard normal by Box–Muller (one of the pair; simplicity over speed).
    mutating func normal() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }

    /// Gamma(shape, 1) for shape ≥ 1 (Marsaglia & Tsang 2000).
    mutating func gamma(shape: Double) -> Double {
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform()
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
    }

    /// Beta(a, b) from two gammas.
    mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a), y = gamma(shape: b)
        return x / (x + y)
    }

    // MARK: Cells

    /// Noise scale at `width`: 2 points at width 16, halving every 2 doublings down to 0.5 at 1024.
    static func scale(_ width: Int) -> Double {
        0.02 * pow(0.5, log2(Double(width) / 16) / 3)
    }

    /// The expected value of a cell whose noise-free level is `level` (what intervals must cover).
    static func mean(level: Double, noise: Noise) -> Double {
        switch noise {
        case .normal, .skewed: level
        case .nearBound: 0.99
        case .multiplicative: level * exp(0.02)   // E[exp(0.2 Z)] = exp(0.2² / 2)
        }
    }

    /// One cell's value around `level` (for `nearBound`, the level is ignored: mean 0.99), with
    /// the normal and skewed noise scaled by `noiseFactor`.
    mutating func value(level: Double, width: Int, noise: Noise, noiseFactor: Double = 1) -> Double {
        switch noise {
        case .normal:
            return level + noiseFactor * Self.scale(width) * normal()
        case .skewed:
            let shape = 16.0
            return level + noiseFactor * Self.scale(width) * (gamma(shape: shape) - shape) / shape.squareRoot()
        case .nearBound:
            // Beta(a, b) with mean 0.99 and sd 0.002: a + b = μ(1 − μ)/σ² − 1.
            let total = 0.99 * 0.01 / (0.002 * 0.002) - 1
            let p = beta(0.99 * total, 0.01 * total)
            return min(1, p + (p * (1 - p) / 10_000).squareRoot() * normal())
        case .multiplicative:
            return level * exp(0.2 * normal())
        }
    }

    /// How far the control's level lies below the trained network's.
    static func controlDeficit(_ noise: Noise) -> Double {
        noise == .multiplicative ? 10 : 0.1
    }

    /// The level of a quantity with `perDoubling` slope at `width` (0.7 at width 16, or 50 for
    /// the multiplicative quantity).
    static func level(_ width: Int, perDoubling: Double, noise: Noise) -> Double {
        (noise == .multiplicative ? 50 : 0.7) + perDoubling * log2(Double(width) / 16)
    }

    /// One sweep's samples: for every width and seed a trained value and a control value. The
    /// control shares the seed's offset (the same initialisation) and has its own noise; its
    /// level is 0.1 below the trained one. `offsetScale` is the sd of the per-seed offset;
    /// `slopeSpread` the sd of a per-seed deviation from the common slope.
    mutating func sweep(seeds: Int, noise: Noise, perDoubling: Double = 0, offsetScale: Double = 0,
                        slopeSpread: Double = 0, noiseFactor: Double = 1) -> [MetricSeries.Sample] {
        var samples: [MetricSeries.Sample] = []
        for seed in 0..<seeds {
            let offset = offsetScale * normal()
            let slope = perDoubling + slopeSpread * normal()
            for width in Self.widths {
                let level = Self.level(width, perDoubling: slope, noise: noise)
                let trained = value(level: level, width: width, noise: noise, noiseFactor: noiseFactor) + offset
                let control = value(level: level - Self.controlDeficit(noise), width: width, noise: noise,
                                    noiseFactor: noiseFactor) + offset
                samples.append(MetricSeries.Sample(width: width, seed: seed, trained: trained, control: control))
            }
        }
        return samples
    }
}
