import Engine

/// How far a low-dimensional layout can be trusted: do the points that look like neighbours in
/// the layout really neighbour one another in the original space?
public enum Trustworthiness {
    /// Venna & Kaski trustworthiness (same definition as sklearn.manifold.trustworthiness), in [0, 1].
    /// `high` n × d original points under `metric`, `low` n × 2 (or any dim) embedding, euclidean.
    /// Requires neighbours < n / 2.
    ///
    /// T(k) = 1 − 2 / (n·k·(2n − 3k − 1)) · Σᵢ Σ_{j ∈ Uₖ(i)} max(0, r(i, j) − k), where Uₖ(i) are
    /// the k nearest neighbours of i in the layout and r(i, j) is j's rank among i's neighbours
    /// in the original space (1 = nearest). 1 means every layout neighbour is a true one; a
    /// random layout scores about 0.5. Ties in distance are ranked by index (sklearn leaves them
    /// to its sort). Cost: one n × n × d product in blocks of rows and O(n² log k) comparisons.
    public static func score(high: Matrix, low: Matrix, neighbours k: Int, metric: NeighbourMetric) -> Double {
        let n = high.rows
        precondition(low.rows == n, "\(n) original points but \(low.rows) embedded ones")
        precondition(k >= 1 && 2 * k < n, "trustworthiness needs 1 ≤ neighbours < n / 2 (neighbours \(k), n \(n))")
        let layoutNeighbours = ExactNeighbours.search(low, count: k, includeSelf: false)
        let pairwise = PairwiseDistances(high, kind: metric == .cosine ? .cosine : .squaredEuclidean)
        var penalty = 0.0
        pairwise.forEachBlock { first, rows, block in
            // Per point: its layout neighbours as (original distance, index) thresholds, sorted;
            // then one pass over the other points counts, for each threshold, the points ranked
            // before it.
            var thresholds = [(distance: Float, index: Int32)](repeating: (0, 0), count: k)
            var before = [Int](repeating: 0, count: k)
            for r in 0..<rows {
                let i = first + r, row = block + r * n
                for q in 0..<k {
                    let j = layoutNeighbours.indices[i * k + q]
                    thresholds[q] = (row[Int(j)], j)
                }
                thresholds.sort { $0.distance < $1.distance || ($0.distance == $1.distance && $0.index < $1.index) }
                for q in 0..<k { before[q] = 0 }
                let farthest = thresholds[k - 1].distance
                for range in [0..<i, (i + 1)..<n] {
                    // Most points lie beyond every threshold and rank before none of them.
                    for m in range where row[m] <= farthest {
                        let value = row[m], index = Int32(m)
                        // The first threshold that point m ranks before, if any; m counts for
                        // it and every later one.
                        var lo = 0, hi = k
                        while lo < hi {
                            let mid = (lo + hi) / 2
                            let t = thresholds[mid]
                            if value < t.distance || (value == t.distance && index < t.index) { hi = mid } else { lo = mid + 1 }
                        }
                        if lo < k { before[lo] += 1 }
                    }
                }
                var ranked = 0
                for q in 0..<k {
                    ranked += before[q]
                    let rank = ranked + 1
                    if rank > k { penalty += Double(rank - k) }
                }
            }
        }
        let nd = Double(n), kd = Double(k)
        return 1 - penalty * 2 / (nd * kd * (2 * nd - 3 * kd - 1))
    }
}
