import Engine

/// Puts points where Euclidean distance does the work of cosine distance: each row scaled to
/// unit length, then optionally projected onto its leading principal components.
///
/// Between unit vectors ‖x − y‖² = 2(1 − cos θ), so Euclidean neighbours of the normalised rows
/// are exactly the cosine neighbours and the neighbour search can run on BLAS. A row that is all
/// zero (every unit silent, common after ReLU) has no direction; it is left at the origin, where
/// it lies at distance 1 from every other point (cosine distance 1, the sklearn and umap-learn
/// convention) and at distance 0 from the other silent rows, so silent inputs gather in one clump.
///
/// The principal projection (centred, so it is a rotation plus a dropped remainder) preserves
/// distances within the kept subspace; it is a speed device: at width 1,024 it makes the exact
/// neighbour search twenty times cheaper while keeping the directions that carry the variance.
enum CosinePreparation {
    /// Widest rows reduced by an exact eigendecomposition of their covariance (the Engine's
    /// `PrincipalDirections`, dense below this order); wider ones use randomized subspace
    /// iteration, which at width 4,096 takes about a second instead of fifteen.
    static let exactWidthLimit = 1024

    /// The rows of `points` normalised and, if `dimensions` > 0 and below the width, reduced to
    /// that many principal components (fewer if the data has fewer directions of variance).
    /// `points` must be finite (the caller checks).
    static func prepare(_ points: Matrix, dimensions: Int) throws -> Matrix {
        let n = points.rows, d = points.cols
        let unit = Matrix(rows: n, cols: d)
        unit.copy(from: points)
        for r in 0..<n {
            let row = unit.base + r * d
            var squares = 0.0
            for j in 0..<d { squares += Double(row[j]) * Double(row[j]) }
            guard squares > 0 else { continue }
            let inverse = Float(1 / squares.squareRoot())
            for j in 0..<d { row[j] *= inverse }
        }
        guard dimensions > 0, dimensions < d else { return unit }
        if d > exactWidthLimit {
            // Centring changes no distance, so the centred rows stand in for the unit ones if
            // there is no variance to project.
            centre(unit)
            let scores = try RandomizedPrincipalProjection.scores(unit, dimensions: dimensions)
            return scores.cols > 0 ? scores : unit
        }
        let directions: PrincipalDirections
        do {
            directions = try PrincipalDirections(unit, count: dimensions)
        } catch MetricError.degenerate {
            // Every row points the same way (or none has a direction): there is no variance to
            // keep, and the unreduced rows, all at distance 0, say so just as well.
            return unit
        }
        let p = directions.count
        // Centre in place, then project: Y = (X − 1μᵀ)·Vᵀ with V the p × d directions.
        centre(unit)
        let v = directions.vectors.map(Float.init)
        let projected = Matrix(rows: n, cols: p)
        v.withUnsafeBufferPointer { vp in
            BLAS.gemm(transB: true, m: n, n: p, k: d, a: unit.base, lda: d,
                      b: vp.baseAddress!, ldb: d, c: projected.base, ldc: p)
        }
        return projected
    }

    /// Subtracts the column means (accumulated in Double) from every row, in place.
    static func centre(_ m: Matrix) {
        let n = m.rows, d = m.cols
        var sums = [Double](repeating: 0, count: d)
        for r in 0..<n {
            let row = m.base + r * d
            for j in 0..<d { sums[j] += Double(row[j]) }
        }
        let mean = sums.map { Float($0 / Double(max(n, 1))) }
        for r in 0..<n {
            let row = m.base + r * d
            for j in 0..<d { row[j] -= mean[j] }
        }
    }
}
