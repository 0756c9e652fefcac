/// Features read through their `dimension` leading principal components, fitted on given rows:
/// the building block of an equal-dimension readout, which reads every width through the same
/// number of dimensions, so that a width effect that survives it is not the effect of a wider
/// readout alone (the bottleneck explanation; docs/metrics.md).
///
/// The components are `PrincipalDirections` of the fitting rows (each sign fixed, so the
/// projection is reproducible); a readout fitted on the projection standardises each component,
/// so it is the pipeline PCA → StandardScaler → logistic regression (a known-answer test compares
/// it with scikit-learn's).
public struct PrincipalProjection: Sendable {
    /// Components kept (K).
    public let dimension: Int
    /// Features per input row (d).
    public let featureCount: Int
    /// Mean of the fitting rows, subtracted before projecting.
    let mean: [Double]
    /// The components, K × d row-major, orthonormal.
    let components: [Double]

    /// Fits the projection on rows `rows` of row-major `features` (every row when nil).
    ///
    /// With `allowingFewer`, rows that vary along fewer than K directions (dead or duplicated
    /// units: a trained width-16 layer can have rank 14) give a projection onto all the r < K
    /// directions they have, and `dimension` says r: reading them through "K" dimensions is
    /// reading them through all they have. Without it, that is an error.
    /// - Throws: `MetricError.tooFewExamples` for fewer than K + 1 rows, `.degenerate` when the
    ///   rows vary along fewer than K directions (rank below K) and `allowingFewer` is false, or
    ///   a `LAPACKError`.
    public init(features: [Float], rows: [Int]? = nil, featureCount d: Int, dimension: Int,
                allowingFewer: Bool = false) throws {
        precondition(d > 0 && dimension >= 1 && features.count % d == 0, "need features and a positive dimension")
        let selected = rows ?? Array(0..<(features.count / d))
        guard selected.count > dimension else {
            throw MetricError.tooFewExamples("\(dimension) principal components need more than \(dimension) rows, got \(selected.count)")
        }
        let matrix = Matrix(rows: selected.count, cols: d)
        features.withUnsafeBufferPointer { source in
            for (r, row) in selected.enumerated() {
                (matrix.base + r * d).update(from: source.baseAddress.unsafelyUnwrapped + row * d, count: d)
            }
        }
        let directions = try PrincipalDirections(matrix, count: dimension)
        guard directions.count == dimension || (allowingFewer && directions.count >= 1) else {
            throw MetricError.degenerate("the features vary along only \(directions.count) directions; "
                                        + "\(dimension) principal components were asked for")
        }
        self.dimension = directions.count
        featureCount = d
        mean = directions.mean
        components = directions.vectors
    }

    /// (x − μ)·Vᵀ for rows `rows` of `features` (every row when nil), in that order: n × K row-major.
    public func project(_ features: [Float], rows: [Int]? = nil) -> [Float] {
        let d = featureCount, k = dimension
        precondition(features.count % d == 0, "features are not rows of \(d)")
        let selected = rows ?? Array(0..<(features.count / d))
        var out = [Float](repeating: 0, count: selected.count * k)
        var centred = [Double](repeating: 0, count: d)
        features.withUnsafeBufferPointer { x in
            for (r, row) in selected.enumerated() {
                for j in 0..<d { centred[j] = Double(x[row * d + j]) - mean[j] }
                for c in 0..<k {
                    var sum = 0.0
                    for j in 0..<d { sum += centred[j] * components[c * d + j] }
                    out[r * k + c] = Float(sum)
                }
            }
        }
        return out
    }
}
