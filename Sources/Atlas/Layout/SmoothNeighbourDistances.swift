import Glibc

/// Each point's local distance scale: umap-learn's `smooth_knn_dist` with local connectivity 1.
///
/// ρᵢ is the distance to the nearest neighbour that is not a duplicate (so every point is
/// fully connected to at least one other), and σᵢ is found by bisection so that the memberships
/// Σⱼ exp(−max(0, dᵢⱼ − ρᵢ)/σᵢ) over the k − 1 neighbours other than the point itself sum to
/// log₂ k: every point gets the same total membership however dense its neighbourhood.
struct SmoothNeighbourDistances {
    /// σᵢ per point.
    let sigmas: [Float]
    /// ρᵢ per point.
    let rhos: [Float]

    /// Bisection steps; umap-learn's `n_iter`.
    static let iterations = 64
    /// Stop once the membership sum is this close to log₂ k (umap-learn's SMOOTH_K_TOLERANCE).
    static let tolerance = 1e-5
    /// σᵢ is at least this fraction of the mean neighbour distance (umap-learn's
    /// MIN_K_DIST_SCALE), so a point amid duplicates does not get a vanishing scale.
    static let minimumScale = 1e-3

    /// `table` must list each point first at distance 0 (`ExactNeighbours` with `includeSelf`).
    init(_ table: NeighbourTable) {
        let n = table.points, k = table.count
        let target = log2(Double(k))
        var meanAll = 0.0
        for value in table.distances { meanAll += Double(value) }
        meanAll /= Double(max(table.distances.count, 1))
        var sigmas = [Float](repeating: 0, count: n)
        var rhos = [Float](repeating: 0, count: n)
        for i in 0..<n {
            let row = table.distances[(i * k)..<((i + 1) * k)]
            // Local connectivity 1: ρ is the first distance above zero, if any.
            let rho = Double(row.first { $0 > 0 } ?? 0)
            var lo = 0.0, hi = Double.greatestFiniteMagnitude, mid = 1.0
            for _ in 0..<Self.iterations {
                var sum = 0.0
                for value in row.dropFirst() {
                    let excess = Double(value) - rho
                    sum += excess > 0 ? exp(-excess / mid) : 1
                }
                if abs(sum - target) < Self.tolerance { break }
                if sum > target {
                    hi = mid
                    mid = (lo + hi) / 2
                } else {
                    lo = mid
                    mid = hi == .greatestFiniteMagnitude ? mid * 2 : (lo + hi) / 2
                }
            }
            var sigma = mid
            let floor = Self.minimumScale * (rho > 0 ? row.reduce(0.0) { $0 + Double($1) } / Double(k) : meanAll)
            if sigma < floor { sigma = floor }
            sigmas[i] = Float(sigma)
            rhos[i] = Float(rho)
        }
        self.sigmas = sigmas
        self.rhos = rhos
    }
}
