import Engine

/// Maps a layout onto the unit square the atlas grid is laid over.
public enum LayoutNormalisation {
    /// Clips each axis of an n × 2 layout to its [lower, upper] percentiles and rescales to [0, 1].
    ///
    /// UMAP layouts often fling a few points far from the rest; gridding the full extent would
    /// waste most cells on empty space, so the outer percentiles are clipped onto the border.
    /// Percentiles interpolate linearly between order statistics (numpy's default). An axis
    /// whose clipped range is empty (every value equal) maps to 0.5. Works for any number of
    /// columns; `lowerPercentile` must not exceed `upperPercentile`, both within [0, 100].
    public static func unitSquare(_ layout: Matrix, lowerPercentile: Double = 1,
                                  upperPercentile: Double = 99) -> Matrix {
        precondition(0 <= lowerPercentile && lowerPercentile <= upperPercentile && upperPercentile <= 100,
                     "percentiles \(lowerPercentile), \(upperPercentile) are not an interval within [0, 100]")
        let n = layout.rows, dims = layout.cols
        let result = Matrix(rows: n, cols: dims)
        guard n > 0 else { return result }
        for c in 0..<dims {
            let sorted = (0..<n).map { Double(layout[$0, c]) }.sorted()
            let low = percentile(sorted, lowerPercentile), high = percentile(sorted, upperPercentile)
            for r in 0..<n {
                let value = min(high, max(low, Double(layout[r, c])))
                result[r, c] = high > low ? Float((value - low) / (high - low)) : 0.5
            }
        }
        return result
    }

    /// The `p`-th percentile of ascending `sorted` values, linear between neighbours.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p / 100 * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] + fraction * (sorted[above] - sorted[below])
    }
}
