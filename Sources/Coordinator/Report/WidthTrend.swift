/// Whether a quantity rises or falls with width: Spearman's ρ over every cell (log₂ width
/// against the value) with a 95% bootstrap interval that resamples whole seeds, since the cells
/// of one seed share its initialisation noise and are not independent points.
struct WidthTrend: Sendable, Equatable, Encodable {
    enum Direction: String, Sendable, Encodable {
        /// The interval lies above 0.
        case rises
        /// The interval lies below 0.
        case falls
        /// The interval includes 0, or the values are the same at every width.
        case noClearTrend
        /// Fewer than three cells or fewer than two widths: nothing to rank yet.
        case tooFewResults
    }

    var direction: Direction
    var rho: Double?
    var low: Double?
    var high: Double?
    /// Cells and distinct widths the correlation is over.
    var cells: Int
    var widths: Int

    /// The trend of `value` over `samples` (nil values are left out).
    init(_ samples: [MetricSeries.Sample], seed: UInt64, value: (MetricSeries.Sample) -> Double?) {
        let points = samples.compactMap { sample in
            value(sample).map { (group: sample.seed, x: Double(sample.width), y: $0) }
        }
        cells = points.count
        widths = Set(points.map(\.x)).count
        guard points.count >= 3, widths >= 2 else {
            direction = .tooFewResults
            return
        }
        guard let fit = Statistics.spearmanWithInterval(points: points, seed: seed) else {
            direction = .noClearTrend  // constant values: ρ is undefined, and there is no trend to state
            return
        }
        rho = fit.rho
        low = fit.low
        high = fit.high
        direction = fit.low > 0 ? .rises : fit.high < 0 ? .falls : .noClearTrend
    }
}
