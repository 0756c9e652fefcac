import Glibc

/// A fitted L2-regularised multinomial logistic regression: the fresh softmax layer the transfer
/// metric fits on frozen penultimate features (docs/metrics.md, "Transfer: last-layer fine-tuning").
///
/// The model standardises each feature with the mean and population standard deviation of its
/// training data, then applies a linear softmax layer: logits = ((x − mean) / scale)·W + b.
/// Standardising first makes one L2 strength mean the same thing for every network: the hidden
/// units of a width-64 and a width-1024 network, or of trained and untrained ones, live on very
/// different scales, and an unstandardised penalty would regularise them differently. It also
/// conditions the problem, which is what lets L-BFGS converge in few passes.
///
/// `fit` (in SoftmaxRegression+Fit.swift) minimises mean cross-entropy + (l2/2)·‖W‖², the bias
/// unpenalised — scikit-learn's `LogisticRegression(C: 1/(n·l2))` on the standardised features.
public struct SoftmaxRegression: Sendable {
    /// Features per example (d).
    public let featureCount: Int
    /// Classes (k); labels lie in 0..<classes.
    public let classes: Int
    /// W, featureCount × classes row-major, acting on standardised features.
    public let weights: [Float]
    /// b, one per class. The unpenalised bias is only defined up to a common shift (softmax
    /// ignores it); the stored representative sums to zero, as scikit-learn's does when it starts
    /// from zero.
    public let bias: [Float]
    /// Per-feature training mean subtracted before W applies.
    public let featureMean: [Float]
    /// Per-feature training standard deviation (population, like scikit-learn's StandardScaler)
    /// divided out before W applies; 1 for features constant on the training set.
    public let featureScale: [Float]
    /// The L2 strength this model was fitted with.
    public let l2: Double
    /// Final value of the training objective.
    public let objective: Double
    /// L-BFGS iterations and objective evaluations this fit took (warm-started fits count their own).
    public let iterations: Int
    public let evaluations: Int
    /// Whether L-BFGS met its convergence test, and why it stopped.
    public let converged: Bool
    public let stopReason: LBFGS.StopReason

    /// Predicted class (argmax of the logits; ties go to the lowest index) of each of `count` examples.
    public func predict(_ features: [Float], count: Int) -> [Int32] {
        var predictions = [Int32](repeating: 0, count: count)
        forEachLogitBlock(features, count: count) { start, rows, logits in
            for r in 0..<rows {
                let z = logits + r * classes
                var best = 0
                for c in 1..<classes where z[c] > z[best] { best = c }
                predictions[start + r] = Int32(best)
            }
        }
        return predictions
    }

    /// Fraction of examples whose predicted class is their label (features row-major, one row a label).
    public func accuracy(_ features: [Float], labels: [Int32]) -> Double {
        guard !labels.isEmpty else { return 0 }
        let predictions = predict(features, count: labels.count)
        var correct = 0
        for (p, y) in zip(predictions, labels) where p == y { correct += 1 }
        return Double(correct) / Double(labels.count)
    }

    /// Softmax probabilities, count × classes row-major (Float32; for tests and reports).
    public func probabilities(_ features: [Float], count: Int) -> [Float] {
        var result = [Float](repeating: 0, count: count * classes)
        forEachLogitBlock(features, count: count) { start, rows, logits in
            for r in 0..<rows {
                let z = logits + r * classes
                var largest = -Float.infinity
                for c in 0..<classes { largest = max(largest, z[c]) }
                var sum = 0.0
                for c in 0..<classes { sum += Double(expf(z[c] - largest)) }
                for c in 0..<classes { result[(start + r) * classes + c] = Float(Double(expf(z[c] - largest)) / sum) }
            }
        }
        return result
    }

    /// Runs `body(firstRow, rows, logits)` over blocks of examples; `logits` (rows × classes,
    /// bias included) is valid only during the call. Features are standardised block by block
    /// into scratch space, so predicting never copies the whole input.
    func forEachLogitBlock(_ features: [Float], count: Int,
                           _ body: (Int, Int, UnsafeMutablePointer<Float>) -> Void) {
        precondition(features.count == count * featureCount,
                     "features (\(features.count)) do not match \(count) examples × \(featureCount)")
        guard count > 0 else { return }
        let blockRows = min(count, max(64, (1 << 18) / featureCount))
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: blockRows * featureCount)
        let logits = UnsafeMutablePointer<Float>.allocate(capacity: blockRows * classes)
        defer { scratch.deallocate(); logits.deallocate() }
        features.withUnsafeBufferPointer { source in
            weights.withUnsafeBufferPointer { w in
                let base = source.baseAddress.unsafelyUnwrapped, weightBase = w.baseAddress.unsafelyUnwrapped
                var start = 0
                while start < count {
                    let rows = min(blockRows, count - start)
                    Self.standardise(base + start * featureCount, rows: rows, featureCount: featureCount,
                                     mean: featureMean, scale: featureScale, into: scratch)
                    BLAS.gemm(m: rows, n: classes, k: featureCount, a: scratch, lda: featureCount,
                              b: weightBase, ldb: classes, c: logits, ldc: classes)
                    for r in 0..<rows {
                        for c in 0..<classes { logits[r * classes + c] += bias[c] }
                    }
                    body(start, rows, logits)
                    start += rows
                }
            }
        }
    }

    // MARK: Standardisation

    /// Per-feature mean and population standard deviation of row-major `features`, in Double.
    ///
    /// A feature is constant — scale 1, so standardising only centres it — when its standard
    /// deviation is zero or below 1e-6 of its mean's magnitude: a spread that small is Float32
    /// rounding (relative precision 6e-8), not signal, and dividing by it would blow rounding up
    /// into huge standardised values. Dead ReLU units are the common case.
    ///
    /// With `rows`, only those rows of `features` count, in that order (the same sums, term for
    /// term, as over a gathered copy of them).
    static func standardisation(of features: [Float], rows: [Int]? = nil,
                                featureCount d: Int) -> (mean: [Float], scale: [Float]) {
        let n = rows?.count ?? features.count / d
        var sum = [Double](repeating: 0, count: d)
        var squares = [Double](repeating: 0, count: d)
        features.withUnsafeBufferPointer { x in
            for r in 0..<n {
                let row = x.baseAddress.unsafelyUnwrapped + (rows?[r] ?? r) * d
                for j in 0..<d { sum[j] += Double(row[j]) }
            }
            // Second pass about the mean: the one-pass formula cancels badly for offset features.
            for j in 0..<d { sum[j] /= Double(n) }
            for r in 0..<n {
                let row = x.baseAddress.unsafelyUnwrapped + (rows?[r] ?? r) * d
                for j in 0..<d {
                    let deviation = Double(row[j]) - sum[j]
                    squares[j] += deviation * deviation
                }
            }
        }
        var scale = [Float](repeating: 1, count: d)
        for j in 0..<d {
            let deviation = (squares[j] / Double(n)).squareRoot()
            if deviation > 0 && deviation > 1e-6 * abs(sum[j]) { scale[j] = Float(deviation) }
        }
        return (sum.map { Float($0) }, scale)
    }

    /// Writes (x − mean) / scale for rows `rows` of `source`, in that order, into consecutive
    /// rows of `destination`.
    static func standardise(_ source: UnsafePointer<Float>, rows: [Int], featureCount d: Int,
                            mean: [Float], scale: [Float], into destination: UnsafeMutablePointer<Float>) {
        let inverseScale = scale.map { 1 / $0 }
        mean.withUnsafeBufferPointer { m in
            inverseScale.withUnsafeBufferPointer { s in
                for (r, row) in rows.enumerated() {
                    let from = source + row * d, to = destination + r * d
                    for j in 0..<d { to[j] = (from[j] - m[j]) * s[j] }
                }
            }
        }
    }

    /// Writes (x − mean) / scale for `rows` rows of `source` into `destination`.
    static func standardise(_ source: UnsafePointer<Float>, rows: Int, featureCount d: Int,
                            mean: [Float], scale: [Float], into destination: UnsafeMutablePointer<Float>) {
        let inverseScale = scale.map { 1 / $0 }
        mean.withUnsafeBufferPointer { m in
            inverseScale.withUnsafeBufferPointer { s in
                for r in 0..<rows {
                    let from = source + r * d, to = destination + r * d
                    for j in 0..<d { to[j] = (from[j] - m[j]) * s[j] }
                }
            }
        }
    }
}
