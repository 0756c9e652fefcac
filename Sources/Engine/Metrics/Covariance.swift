/// The centred second moments of hidden activations, accumulated in Double, in whichever of the
/// two Gram forms is smaller.
///
/// With F = H − 1μᵀ the column-centred activations (n examples × h units), the covariance is
/// C = FᵀF / n. Its non-zero eigenvalues are those of FᵀF (h×h, "units" form) and of FFᵀ
/// (n×n, "examples" form) alike, so every spectral quantity can be read from the smaller one:
/// a width-4096 layer probed on 2,000 examples costs a 2,000², not a 4,096², matrix.
/// Computed once, it serves the participation ratio and the principal directions.
///
/// The Gram is unnormalised (a sum over examples); divide by `examples` for covariance units.
/// Scale-free metrics (participation ratio) do not care.
public struct Covariance: Sendable {
    public enum Form: Sendable, Equatable {
        /// FᵀF, h×h: chosen when units ≤ examples.
        case units
        /// FFᵀ, n×n: chosen when examples < units.
        case examples
    }

    public let form: Form
    /// Rows of H (n).
    public let examples: Int
    /// Columns of H (h).
    public let units: Int
    /// Per-unit mean activation μ (h values).
    public let mean: [Double]
    /// The centred Gram matrix, `order`×`order` row-major, symmetric: FᵀF or FFᵀ.
    public let gram: [Double]

    /// Side of the Gram matrix: h in the units form, n in the examples form.
    public var order: Int { form == .units ? units : examples }

    /// tr(FᵀF) = tr(FFᵀ) = n · total variance.
    public var trace: Double {
        var sum = 0.0
        for i in 0..<order { sum += gram[i * order + i] }
        return sum
    }

    /// ‖FᵀF‖²_F = ‖FFᵀ‖²_F = Σ of the squared eigenvalues of the Gram.
    public var squaredFrobeniusNorm: Double {
        gram.reduce(0) { $0 + $1 * $1 }
    }

    /// The centred Gram of `hidden` (n×h, row-major), in the smaller form unless `form` says.
    /// - Throws: `MetricError.tooFewExamples` below two examples, `.nonFinite` for NaN or infinity.
    public init(_ hidden: Matrix, form: Form? = nil) throws {
        guard hidden.rows >= 2 else {
            throw MetricError.tooFewExamples("a covariance needs at least 2 examples, got \(hidden.rows)")
        }
        guard hidden.cols >= 1 else { throw MetricError.shapeMismatch("hidden activations have no units") }
        examples = hidden.rows
        units = hidden.cols
        mean = try CentredProducts.columnMeans(hidden, name: "hidden activations")
        self.form = form ?? (hidden.cols <= hidden.rows ? .units : .examples)
        gram = self.form == .units
            ? CentredProducts.gramOfUnits(hidden, mean: mean)
            : CentredProducts.gramOfExamples(hidden, mean: mean)
    }
}
