@testable import Coordinator
import Foundation
import Testing

/// The comparison of two model variants' width effects (`VariantComparison`) prints a 95%
/// interval and names a variant when it excludes 0; these simulations measure both on pairs of
/// simulated sweeps (`SimulatedSweeps`): each variant with its own slope, per-seed slope spread
/// and noise, and a per-seed offset and slope the two variants share (one seed's data order
/// helps both, more at some widths), which pairing by seed cancels. 4,000 pairs per case, at 3,
/// 5, 8 and 10 seeds.
struct VariantComparisonSimulationTests {
    static let sweeps = 4_000

    /// Two variants' samples for one sweep: slopes `first` and `second` per doubling.
    static func pair(_ simulator: inout SimulatedSweeps, seeds: Int, noise: SimulatedSweeps.Noise,
                     first: Double, second: Double) -> (first: [MetricSeries.Sample], second: [MetricSeries.Sample]) {
        let shared = (0..<seeds).map { _ in (offset: 0.03 * simulator.normal(), slope: 0.01 * simulator.normal()) }
        func withShared(_ samples: [MetricSeries.Sample]) -> [MetricSeries.Sample] {
            samples.map { sample in
                var sample = sample
                let seed = shared[sample.seed]
                sample.trained += seed.offset + seed.slope * log2(Double(sample.width) / 16)
                return sample
            }
        }
        let a = simulator.sweep(seeds: seeds, noise: noise, perDoubling: first, offsetScale: 0.01, slopeSpread: 0.005)
        let b = simulator.sweep(seeds: seeds, noise: noise, perDoubling: second, offsetScale: 0.01, slopeSpread: 0.003)
        return (withShared(a), withShared(b))
    }

    @Test(arguments: [3, 5, 8, 10])
    func theIntervalOfTheDifferenceCoversAtLeast94PercentAndTheTestIsRightAtMost5PercentWrong(seeds: Int) {
        for (index, noise) in [SimulatedSweeps.Noise.normal, .skewed].enumerated() {
            var simulator = SimulatedSweeps(seed: UInt64(9000 + 10 * seeds + index))
            var covered = 0, printed = 0, named = 0
            for _ in 0..<Self.sweeps {
                // A real difference for coverage; none for the error rate.
                let real = Self.pair(&simulator, seeds: seeds, noise: noise, first: 0.02, second: 0.005)
                let difference = WidthSlope(VariantComparison.paired(real.first, real.second)) { $0.trained }
                if let low = difference.low, let high = difference.high {
                    printed += 1
                    if low <= 0.015 && 0.015 <= high { covered += 1 }
                }
                let null = Self.pair(&simulator, seeds: seeds, noise: noise, first: 0.01, second: 0.01)
                let none = WidthSlope(VariantComparison.paired(null.first, null.second)) { $0.trained }
                if [.rises, .falls].contains(none.direction) { named += 1 }
            }
            let coverage = Double(covered) / Double(printed)
            let falseRate = Double(named) / Double(Self.sweeps)
            #expect(printed == Self.sweeps)
            #expect(coverage >= 0.94, "\(noise), \(seeds) seeds: coverage \(coverage)")
            #expect(falseRate <= StatisticalMethods.TrendLimits.falsePositiveLimit, "\(noise), \(seeds) seeds: \(falseRate)")
        }
    }

    @Test func pairingBySeedCancelsTheSharedSeedEffect() {
        // The shared per-seed slope (sd 0.01) widens each variant's own interval; the paired
        // difference does not see it, so its interval is narrower than the two single-variant
        // intervals combined in quadrature, which an unpaired comparison would print.
        var simulator = SimulatedSweeps(seed: 4242)
        var paired = 0.0, unpaired = 0.0
        for _ in 0..<500 {
            let (a, b) = Self.pair(&simulator, seeds: 8, noise: .normal, first: 0.02, second: 0.005)
            let difference = WidthSlope(VariantComparison.paired(a, b)) { $0.trained }
            let first = WidthSlope(a) { $0.trained }, second = WidthSlope(b) { $0.trained }
            paired += (difference.high ?? 0) - (difference.low ?? 0)
            unpaired += (pow((first.high ?? 0) - (first.low ?? 0), 2) + pow((second.high ?? 0) - (second.low ?? 0), 2)).squareRoot()
        }
        #expect(paired < 0.6 * unpaired, "paired \(paired / 500), unpaired \(unpaired / 500)")
    }
}
