import Engine

/// Distances from every point to every point, produced a block of rows at a time by one BLAS
/// product per block, so memory stays at `blockRows` × n floats whatever n is.
///
/// Squared Euclidean distances come from ‖x‖² + ‖y‖² − 2x·y on column-centred coordinates
/// (centring changes no distance and keeps the norms, hence the cancellation, small); cosine
/// distances are 1 − x̂·ŷ on unit rows, with an all-zero row at distance 1 from everything, as
/// sklearn's `cosine_distances` has it. Both are float32: neighbours that differ in distance by
/// less than about 1e-6 of the squared norms may come out in either order.
struct PairwiseDistances {
    enum Kind {
        case squaredEuclidean
        case cosine
    }

    /// Rows per block: 256 × 10,000 floats is 10 MB. The product is still large enough for sgemm
    /// to run at full speed; 1,024-row blocks measured no faster at n = 10,000.
    static let blockRows = 256

    let kind: Kind
    /// The rows the products use: centred (squared Euclidean) or unit length (cosine).
    let points: Matrix
    /// ‖x‖² per row of `points` (squared Euclidean only).
    let squaredNorms: [Float]

    var count: Int { points.rows }

    init(_ source: Matrix, kind: Kind) {
        self.kind = kind
        let n = source.rows, d = source.cols
        let copy = Matrix(rows: n, cols: d)
        copy.copy(from: source)
        switch kind {
        case .squaredEuclidean:
            var mean = [Double](repeating: 0, count: d)
            for r in 0..<n {
                let row = copy.base + r * d
                for j in 0..<d { mean[j] += Double(row[j]) }
            }
            let centre = mean.map { Float($0 / Double(max(n, 1))) }
            var norms = [Float](repeating: 0, count: n)
            for r in 0..<n {
                let row = copy.base + r * d
                var sum = 0.0
                for j in 0..<d {
                    row[j] -= centre[j]
                    sum += Double(row[j]) * Double(row[j])
                }
                norms[r] = Float(sum)
            }
            squaredNorms = norms
        case .cosine:
            for r in 0..<n {
                let row = copy.base + r * d
                var sum = 0.0
                for j in 0..<d { sum += Double(row[j]) * Double(row[j]) }
                guard sum > 0 else { continue }
                let inverse = Float(1 / sum.squareRoot())
                for j in 0..<d { row[j] *= inverse }
            }
            squaredNorms = []
        }
        points = copy
    }

    /// Calls `body(first, rows, distances)` for consecutive blocks of rows; `distances` holds
    /// rows × n values, row-major: entry (r, m) is the distance from point first + r to point m.
    /// The diagonal holds whatever rounding leaves there (about 0; 1 for a zero row under
    /// cosine): callers skip a point's distance to itself.
    func forEachBlock(_ body: (_ first: Int, _ rows: Int, _ distances: UnsafePointer<Float>) -> Void) {
        let n = points.rows, d = points.cols
        guard n > 0 else { return }
        let block = min(Self.blockRows, n)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: block * n)
        defer { scratch.deallocate() }
        var first = 0
        while first < n {
            let rows = min(block, n - first)
            // G = X_block · Xᵀ
            BLAS.gemm(transB: true, m: rows, n: n, k: d, a: points.base + first * d, lda: d,
                      b: points.base, ldb: d, c: scratch, ldc: n)
            switch kind {
            case .squaredEuclidean:
                squaredNorms.withUnsafeBufferPointer { norms in
                    for r in 0..<rows {
                        let out = scratch + r * n, own = norms[first + r]
                        for m in 0..<n { out[m] = max(0, own + norms[m] - 2 * out[m]) }
                    }
                }
            case .cosine:
                for i in 0..<(rows * n) { scratch[i] = min(2, max(0, 1 - scratch[i])) }
            }
            body(first, rows, UnsafePointer(scratch))
            first += rows
        }
    }
}
