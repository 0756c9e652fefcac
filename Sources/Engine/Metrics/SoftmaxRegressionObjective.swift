import Glibc

/// The objective `SoftmaxRegression.fit` minimises, over one standardised training set:
///
///     F(W, b) = (1/n) Σᵢ −log softmax(W ᵀxᵢ + b)[yᵢ] + (l2/2)‖W‖²      (bias unpenalised)
///
/// with gradient ∇W = (1/n) Xᵀ(P − Y) + l2·W and ∇b = (1/n) Σᵢ (pᵢ − yᵢ), where P holds the
/// softmax probabilities and Y the one-hot labels. This is scikit-learn's `LogisticRegression`
/// objective C·Σᵢ lossᵢ + ½‖W‖² divided by C·n, so the two share their minimiser when
/// C = 1/(n·l2) (scikit-learn ≥ 1.1 itself minimises the mean-loss form internally).
///
/// Speed: with n = 54,000 examples of d = 1024 features one evaluation is two products with a
/// 221 MB design matrix, and a fit takes tens of evaluations. Both run in Float32 through sgemm
/// over blocks of 2¹⁸ floats (256 rows at d = 1024, 1 MB, so the second product finds the block
/// in cache): X·W for the logits, and the gradient as (P − Y)ᵀ·X, k × d. The gradient is formed
/// transposed on purpose: with only k ≈ 10 columns, OpenBLAS spends much of Xᵀ·(P − Y) packing
/// the transposed design, and (P − Y)ᵀ·X measured 2.3× faster for the same flops (54,000 × 1024,
/// 10 classes, one thread). Only the per-example softmax (n × k work) and the accumulation of the
/// loss and of each block's gradient (in Double, where the sum of 54,000 terms would otherwise
/// lose digits) run as Swift loops. Every buffer is allocated in `init`.
final class SoftmaxRegressionObjective {
    /// Examples n, features d, classes k.
    let count: Int
    let featureCount: Int
    let classes: Int
    /// The standardisation applied to the training features (see `SoftmaxRegression`).
    let featureMean: [Float]
    let featureScale: [Float]
    /// Strength of the L2 penalty on W; changed between fits along a regularisation path.
    var l2: Double = 0
    /// Mean eigenvalue of the per-example class curvature diag(p) − ppᵀ at the last evaluated point,
    /// (1/(n(k−1))) Σᵢ Σ_c p_c(1 − p_c): the β of `SoftmaxRegressionPreconditioner`. 1/k at W = 0.
    private(set) var curvature: Double

    /// Rows per block (2¹⁸ floats of design matrix, at least one row).
    let blockRows: Int
    /// Standardised training features, n × d row-major.
    let design: UnsafeMutablePointer<Float>
    private let labels: UnsafeMutablePointer<Int32>
    /// Float32 copies of W (d × k) and b for sgemm and the softmax loop.
    private let weights: UnsafeMutablePointer<Float>
    private let bias: UnsafeMutablePointer<Float>
    /// Logits of one block, overwritten in place by P − Y (blockRows × k), and Σ(P − Y) over it.
    private let logits: UnsafeMutablePointer<Float>
    private let blockBias: UnsafeMutablePointer<Float>
    /// (P − Y)ᵀX of one block (k × d), and its sum over blocks in Double.
    private let blockGradient: UnsafeMutablePointer<Float>
    private let gradientSum: UnsafeMutablePointer<Double>

    /// Standardises and copies `features` (n × `featureCount`, row-major); labels lie in 0..<classes.
    /// `blockRows` overrides the cache-sized block (tests use it to cross block boundaries).
    /// `standardisation`, if given, must be what `SoftmaxRegression.standardisation(of:)` gives
    /// for these features (an objective rebuilt from the same rows skips recomputing it).
    /// `rows`, if given, selects the examples: row `rows[i]` of `features` has label `labels[i]`
    /// (the objective is then the one of a gathered copy of those rows, without the copy).
    init(features: [Float], rows: [Int]? = nil, labels: [Int32], featureCount: Int, classes: Int,
         blockRows: Int? = nil, standardisation known: (mean: [Float], scale: [Float])? = nil) {
        let n = labels.count
        precondition(featureCount > 0 && classes >= 2, "need features and at least two classes")
        if let rows {
            precondition(n > 0 && rows.count == n && features.count % featureCount == 0
                         && rows.allSatisfy { $0 >= 0 && $0 < features.count / featureCount },
                         "rows do not match \(n) labels or lie outside the features")
        } else {
            precondition(n > 0 && features.count == n * featureCount,
                         "features (\(features.count)) do not match \(n) labels × \(featureCount)")
        }
        precondition(labels.allSatisfy { $0 >= 0 && Int($0) < classes }, "label outside 0..<\(classes)")
        count = n
        self.featureCount = featureCount
        self.classes = classes
        curvature = 1 / Double(classes)
        let standardisation = known ?? SoftmaxRegression.standardisation(of: features, rows: rows,
                                                                         featureCount: featureCount)
        featureMean = standardisation.mean
        featureScale = standardisation.scale
        self.blockRows = min(n, max(1, blockRows ?? (1 << 18) / featureCount))

        let design = UnsafeMutablePointer<Float>.allocate(capacity: n * featureCount)
        features.withUnsafeBufferPointer { source in
            let base = source.baseAddress.unsafelyUnwrapped
            if let rows {
                SoftmaxRegression.standardise(base, rows: rows, featureCount: featureCount,
                                              mean: standardisation.mean, scale: standardisation.scale, into: design)
            } else {
                SoftmaxRegression.standardise(base, rows: n, featureCount: featureCount,
                                              mean: standardisation.mean, scale: standardisation.scale, into: design)
            }
        }
        self.design = design
        let labelCopy = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        labels.withUnsafeBufferPointer { labelCopy.initialize(from: $0.baseAddress.unsafelyUnwrapped, count: n) }
        self.labels = labelCopy
        weights = .allocate(capacity: featureCount * classes)
        weights.initialize(repeating: 0, count: featureCount * classes)
        bias = .allocate(capacity: classes)
        bias.initialize(repeating: 0, count: classes)
        logits = .allocate(capacity: self.blockRows * classes)
        logits.initialize(repeating: 0, count: self.blockRows * classes)
        blockBias = .allocate(capacity: classes)
        blockBias.initialize(repeating: 0, count: classes)
        blockGradient = .allocate(capacity: featureCount * classes)
        blockGradient.initialize(repeating: 0, count: featureCount * classes)
        gradientSum = .allocate(capacity: featureCount * classes)
        gradientSum.initialize(repeating: 0, count: featureCount * classes)
    }

    deinit {
        design.deallocate(); labels.deallocate(); weights.deallocate(); bias.deallocate()
        logits.deallocate(); blockBias.deallocate(); blockGradient.deallocate(); gradientSum.deallocate()
    }

    /// Length of the parameter vector: W row-major (d × k), then b (k).
    var parameterCount: Int { featureCount * classes + classes }

    /// F at `parameters`, with ∇F written to `gradient` (the `LBFGS.minimize` objective).
    func evaluate(_ parameters: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        let n = count, d = featureCount, k = classes, dk = featureCount * classes
        for i in 0..<dk { weights[i] = Float(parameters[i]) }
        for c in 0..<k { bias[c] = Float(parameters[dk + c]) }
        for c in 0..<k { gradient[dk + c] = 0 }
        gradientSum.update(repeating: 0, count: dk)

        var loss = 0.0
        var curvatureSum = 0.0
        var start = 0
        while start < n {
            let rows = min(blockRows, n - start)
            let rowsStart = design + start * d
            BLAS.gemm(m: rows, n: k, k: d, a: rowsStart, lda: d, b: weights, ldb: k, c: logits, ldc: k)
            let block = softmaxResidual(rows: rows, labels: labels + start)
            loss += block.loss
            curvatureSum += block.curvature
            for c in 0..<k { gradient[dk + c] += Double(blockBias[c]) }
            BLAS.gemm(transA: true, m: k, n: d, k: rows, a: logits, lda: k, b: rowsStart, ldb: d,
                      c: blockGradient, ldc: d)
            for i in 0..<dk { gradientSum[i] += Double(blockGradient[i]) }
            start += rows
        }

        let inverseCount = 1 / Double(n)
        curvature = curvatureSum * inverseCount / Double(k - 1)
        var penalty = 0.0
        for j in 0..<d {
            for c in 0..<k {
                let w = parameters[j * k + c]
                penalty += w * w
                gradient[j * k + c] = gradientSum[c * d + j] * inverseCount + l2 * w
            }
        }
        for c in 0..<k { gradient[dk + c] *= inverseCount }
        return loss * inverseCount + 0.5 * l2 * penalty
    }

    /// Turns a block of logits (bias not yet added) into P − Y in place; returns the block's summed
    /// cross-entropy and Σᵢ Σ_c p_c(1 − p_c), and leaves Σᵢ(pᵢ − yᵢ) in `blockBias`.
    ///
    /// Per example the work is Float32, like the logits it starts from: the exponentials are
    /// shifted by the maximum so they cannot overflow, their sum lies in [1, k], and its log is
    /// accurate to 1e-7. The bias gradient sums a block's rows in Float32, as sgemm does for the
    /// weight gradient of the same block; across blocks, and for the loss, sums are in Double.
    private func softmaxResidual(rows: Int, labels: UnsafePointer<Int32>) -> (loss: Double, curvature: Double) {
        blockBias.update(repeating: 0, count: classes)
        var loss = 0.0, curvature = 0.0
        for r in 0..<rows {
            let term = Self.residual(logits + r * classes, bias: bias, label: Int(labels[r]), classes: classes,
                                     sums: blockBias)
            loss += term.loss
            curvature += term.curvature
        }
        return (loss, curvature)
    }

    /// One example's part of `softmaxResidual`: adds `bias` to its k logits `z`, overwrites them
    /// with p − y, adds p − y to `sums`, and returns its cross-entropy and Σ_c p_c(1 − p_c).
    /// (Shared with `SoftmaxRegressionFoldObjective`, so both compute a term the same way.)
    @inline(__always)
    static func residual(_ z: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, label: Int, classes k: Int,
                         sums: UnsafeMutablePointer<Float>) -> (loss: Double, curvature: Double) {
        var largest = -Float.infinity
        for c in 0..<k {
            z[c] += bias[c]
            largest = max(largest, z[c])
        }
        let labelMargin = z[label] - largest
        var sum: Float = 0
        for c in 0..<k {
            let e = expf(z[c] - largest)
            z[c] = e
            sum += e
        }
        let inverseSum = 1 / sum
        var squares: Float = 0
        for c in 0..<k {
            let p = z[c] * inverseSum
            z[c] = p
            sums[c] += p
            squares += p * p
        }
        z[label] -= 1
        sums[label] -= 1
        // Σ_c p_c(1 − p_c) = 1 − Σ_c p_c²
        return (Double(logf(sum) - labelMargin), Double(1 - squares))
    }
}
