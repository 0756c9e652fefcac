/// The leading principal directions of hidden activations: the unit vectors in activation space
/// along which the centred activations vary most, largest variance first.
///
/// Computed from the eigendecomposition of whichever Gram form `Covariance` chose: directly in
/// the units form (h×h), and as vᵢ = Fᵀuᵢ/√sᵢ from the eigenpairs (sᵢ, uᵢ) of FFᵀ in the
/// examples form (n < h). Up to order 1,024 a dense LAPACK solver (dsyevr) gives exact pairs;
/// above, where a dense solve costs seconds to tens of seconds (it is memory-bound: 30–40 s at
/// order 4,096 on two cores), block subspace iteration with Rayleigh–Ritz converges the leading
/// pairs to a residual of 1e-6 of the largest eigenvalue in a fraction of that.
///
/// Each vector's sign is fixed so that its largest-magnitude component is positive, making the
/// result reproducible. Directions with variance below 1e-6 of the largest are dropped: the
/// float32 Gram cannot tell them from zero, and a projection onto rounding noise means nothing.
public struct PrincipalDirections: Sendable {
    /// Largest Gram order solved densely; larger ones use subspace iteration.
    static let denseOrderLimit = 1024

    /// Units (h): the dimension of every direction.
    public let units: Int
    /// Per-unit mean activation μ, the origin the directions pass through.
    public let mean: [Double]
    /// The directions, `count` × `units` row-major, each of unit length, mutually orthogonal.
    public let vectors: [Double]
    /// Variance of the activations along each direction (eigenvalue of the covariance, 1/n
    /// normalisation), descending.
    public let variances: [Double]
    /// Total variance tr C over all units; `variances[i] / totalVariance` is the share explained.
    public let totalVariance: Double

    /// Directions found (≤ the count asked for; see the type's notes).
    public var count: Int { variances.count }

    /// Direction `i` (a copy).
    public func vector(_ i: Int) -> [Double] { Array(vectors[i * units ..< (i + 1) * units]) }

    /// The `count` leading principal directions of `hidden` (n×h).
    public init(_ hidden: Matrix, count: Int) throws {
        try self.init(hidden, covariance: Covariance(hidden), count: count)
    }

    /// The leading directions from a covariance already computed from the same `hidden`.
    /// - Throws: `MetricError.degenerate` when the activations have no variance,
    ///   `.shapeMismatch` if `covariance` is of another matrix, `LAPACKError` if a solver fails.
    public init(_ hidden: Matrix, covariance: Covariance, count: Int) throws {
        precondition(count >= 1, "ask for at least one direction")
        guard covariance.examples == hidden.rows, covariance.units == hidden.cols else {
            throw MetricError.shapeMismatch("covariance of \(covariance.examples)×\(covariance.units) "
                                            + "for activations of \(hidden.rows)×\(hidden.cols)")
        }
        let order = covariance.order, h = hidden.cols, n = Double(hidden.rows)
        let wanted = min(count, order, hidden.rows - 1)
        let eigen = try Self.leadingEigenpairs(covariance.gram, order: order, count: wanted)
        guard let largest = eigen.values.first, largest > 0 else {
            throw MetricError.degenerate("every unit is constant on the probe set (zero total variance)")
        }
        let kept = eigen.values.prefix { $0 > 1e-6 * largest }.count
        var vectors = [Double](repeating: 0, count: kept * h)
        switch covariance.form {
        case .units:
            vectors.replaceSubrange(0..<(kept * h), with: eigen.vectors[0..<(kept * h)])
        case .examples:
            // vᵢ = Fᵀuᵢ / √sᵢ: gather the uᵢ as the columns of an n×kept matrix, multiply by Fᵀ.
            let rows = hidden.rows
            var u = [Double](repeating: 0, count: rows * kept)
            for i in 0..<kept { for r in 0..<rows { u[r * kept + i] = eigen.vectors[i * rows + r] } }
            let fu = CentredProducts.centredTransposeTimes(hidden, mean: covariance.mean, u, columns: kept)
            for i in 0..<kept {
                var norm = 0.0
                for j in 0..<h { norm += fu[j * kept + i] * fu[j * kept + i] }
                let scale = 1 / norm.squareRoot()  // = 1/√sᵢ up to rounding; renormalise exactly
                for j in 0..<h { vectors[i * h + j] = fu[j * kept + i] * scale }
            }
        }
        for i in 0..<kept {
            let v = i * h
            var pivot = v
            for j in v..<(v + h) where abs(vectors[j]) > abs(vectors[pivot]) { pivot = j }
            if vectors[pivot] < 0 { for j in v..<(v + h) { vectors[j] = -vectors[j] } }
        }
        units = h
        mean = covariance.mean
        self.vectors = vectors
        variances = eigen.values.prefix(kept).map { $0 / n }
        totalVariance = covariance.trace / n
    }

    /// The `count` largest eigenpairs of a symmetric matrix: dense up to `denseOrderLimit`,
    /// subspace iteration above.
    static func leadingEigenpairs(_ matrix: [Double], order: Int, count: Int) throws -> LAPACK.SymmetricEigen {
        if order > denseOrderLimit,
           let iterated = try SubspaceIteration.leadingEigenpairs(matrix, order: order, count: count) {
            return iterated
        }
        return try LAPACK.symmetricEigen(matrix, order: order, largest: count)
    }
}
