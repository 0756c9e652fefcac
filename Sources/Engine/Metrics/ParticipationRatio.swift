/// Effective dimensionality of hidden activations: PR = (Σλ)² / Σλ² over the eigenvalues λ of
/// their covariance.
///
/// PR is d for variance spread evenly over d orthogonal directions and 1 when all variance lies
/// on one line; in between it counts directions weighted by their share of the variance. It is
/// scale-free and needs no eigendecomposition: Σλ = tr C and Σλ² = ‖C‖²_F exactly.
///
/// With n examples the centred covariance has rank ≤ n − 1, so PR ≤ n − 1 however wide the
/// layer: compare widths on the same probe set, and keep n well above the PRs being compared.
/// - Throws: `MetricError.degenerate` when every unit is constant (zero variance),
///   `.tooFewExamples` below two examples, `.nonFinite` for NaN or infinity.
public func participationRatio(_ hidden: Matrix) throws -> Double {
    try participationRatio(of: Covariance(hidden))
}

/// The participation ratio of an already computed covariance (either Gram form).
public func participationRatio(of covariance: Covariance) throws -> Double {
    let trace = covariance.trace
    let squares = covariance.squaredFrobeniusNorm
    guard trace > 0, squares > 0 else {
        throw MetricError.degenerate("every unit is constant on the probe set (zero total variance)")
    }
    return trace * trace / squares
}
