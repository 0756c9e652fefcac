import Engine

/// (S + εI)⁻¹ for the uncentred second moment S = HᵀH/n of penultimate activations H.
///
/// Lucid whitens an atlas direction v with the inverse correlation before dotting activations
/// with it, so that the objective is not dominated by the few directions every input excites.
///
/// - **Uncentred**, as Lucid does: ReLU activations share a large mean, and every input moves
///   along it. S carries the mean as its largest eigenvalue, so S⁻¹ suppresses it; the centred
///   covariance would not see the mean at all and could even amplify it (activations vary little
///   along it), rewarding images that merely light up every unit.
/// - **Ridge ε = ridge · tr(S)/width**, i.e. relative to the mean eigenvalue, so the setting does
///   not depend on the activation scale. Dead or duplicated units make S singular; with the
///   default 1e-2 a direction of vanishing variance is amplified at most 100× more than a
///   direction of average variance, enough to favour rare directions without letting noise in
///   the smallest eigenvalues decide the image.
///
/// Built once per atlas: a Double Cholesky solve for the explicit inverse (about 2·width³ flops),
/// after which `apply` is one matrix–vector product per direction.
public struct Whitening: Sendable {
    /// Features per activation.
    public let width: Int
    /// The ε added to the diagonal (absolute, in the units of S).
    public let epsilon: Double
    /// (S + εI)⁻¹, width × width row-major (symmetric).
    private let inverse: [Float]

    /// - Parameters:
    ///   - activations: n × width penultimate activations (rows = examples).
    ///   - ridge: ε relative to the mean eigenvalue tr(S)/width; must be positive.
    /// - Throws: `MetricError.tooFewExamples` below two rows, `.nonFinite` for NaN or infinity,
    ///   `.degenerate` when every activation is zero (S = 0 has no scale to set ε from).
    public init(activations: Matrix, ridge: Double = 1e-2) throws {
        precondition(ridge > 0, "the whitening ridge must be positive, got \(ridge)")
        // The centred Gram in Double (block-centred Float products), then the mean put back:
        // S = (FᵀF + n·μμᵀ)/n. Forcing the units form keeps it width × width whatever n is.
        let centred = try Covariance(activations, form: .units)
        let d = centred.units, n = Double(centred.examples)
        var second = [Double](repeating: 0, count: d * d)
        var trace = 0.0
        for i in 0..<d {
            for j in 0..<d {
                second[i * d + j] = centred.gram[i * d + j] / n + centred.mean[i] * centred.mean[j]
            }
            trace += second[i * d + i]
        }
        guard trace > 0 else { throw MetricError.degenerate("every activation is zero; nothing to whiten against") }
        let epsilon = ridge * trace / Double(d)
        for i in 0..<d { second[i * d + i] += epsilon }
        var identity = [Double](repeating: 0, count: d * d)
        for i in 0..<d { identity[i * d + i] = 1 }
        // S + εI is positive definite by construction (ε > 0), so the solve cannot fail.
        let solved = try LAPACK.choleskySolve(second, order: d, rightHandSides: identity, columns: d)
        width = d
        self.epsilon = epsilon
        inverse = solved.map(Float.init)
    }

    /// (S + εI)⁻¹·v, accumulated in Double.
    public func apply(_ v: [Float]) -> [Float] {
        precondition(v.count == width, "whitening a \(v.count)-vector with a \(width)-wide whitening")
        var result = [Float](repeating: 0, count: width)
        inverse.withUnsafeBufferPointer { m in
            v.withUnsafeBufferPointer { x in
                for i in 0..<width {
                    let row = m.baseAddress! + i * width
                    var sum = 0.0
                    for j in 0..<width { sum += Double(row[j]) * Double(x[j]) }
                    result[i] = Float(sum)
                }
            }
        }
        return result
    }
}
