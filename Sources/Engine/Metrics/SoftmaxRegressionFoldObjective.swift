import Glibc

/// The K fold objectives of a cross-validated readout, evaluated together over one copy of the
/// examples (for `LBFGS.minimizeInLockstep`).
///
/// Fold f's objective is `SoftmaxRegressionObjective` on its training examples (every example not
/// in fold f), standardised with their own mean μ_f and scale s_f. All folds share one design
/// X̂ = (X − μ)/s standardised with every example's statistics, rows grouped by fold, because
///
///     (x − μ_f)/s_f = x̂ ∘ (s/s_f) + (μ − μ_f)/s_f,
///
/// so fold f's logits are x̂·W̃_f + b̃_f with W̃_f = diag(s/s_f)·W_f and b̃_f = b_f + ((μ − μ_f)/s_f)ᵀW_f,
/// and its gradient follows from the same two products: ∇W_f = diag(s/s_f)·X̂ᵀR_f/n_f
/// + ((μ − μ_f)/s_f)·1ᵀR_f/n_f + l2·W_f, with R_f = P − Y on fold f's training rows and 0 on its
/// own (held-out) rows. One evaluation of all K is then X̂·[W̃_1 … W̃_K] and [R_1 … R_K]ᵀX̂: products
/// with K·k columns instead of K products with k, at twice the rate per flop (k = 10, K = 5,
/// d = 1024, one thread; docs/metrics.md) for 1/(K − 1) more flops on the zeroed rows. It also
/// keeps one copy of the examples instead of K − 1 (655 MB for the folds of a 1,000-per-class
/// budget at width 4096).
///
/// Each fold's function is that of its own `SoftmaxRegressionObjective`, rounding aside (tests
/// compare the two).
final class SoftmaxRegressionFoldObjective {
    let count: Int
    let featureCount: Int
    let classes: Int
    /// The standardisation of every example, which `design` uses.
    let featureMean: [Float]
    let featureScale: [Float]
    /// Each fold's training standardisation (what its fitted model applies to raw features).
    let foldMean: [[Float]]
    let foldScale: [[Float]]
    /// Design rows of each fold's held-out examples (rows are grouped by fold).
    let heldOut: [Range<Int>]
    /// Training examples per fold: count − heldOut[f].count.
    let trainingCount: [Int]
    /// Strength of the L2 penalty on every fold's W.
    var l2: Double = 0
    /// Each fold's mean class curvature at its last evaluation (see `SoftmaxRegressionObjective`).
    private(set) var curvature: [Double]

    /// X̂, count × featureCount row-major, rows grouped by fold.
    let design: UnsafeMutablePointer<Float>
    /// Labels of the design rows.
    let labels: [Int32]
    private let foldOfRow: [Int]
    /// Per fold: s/s_f and (μ − μ_f)/s_f, in Double.
    private let ratio: [[Double]]
    private let offset: [[Double]]
    let blockRows: Int
    /// Work buffers of `evaluate`, sized for every fold at once (a batch uses a prefix) and
    /// allocated here: an evaluation runs hundreds of times per readout.
    private let weights: UnsafeMutablePointer<Float>        // d × (K·k)
    private let bias: UnsafeMutablePointer<Float>           // K·k
    private let logits: UnsafeMutablePointer<Float>         // blockRows × (K·k)
    private let blockGradient: UnsafeMutablePointer<Float>  // (K·k) × d
    private let gradientSum: UnsafeMutablePointer<Double>   // (K·k) × d
    private let blockBias: UnsafeMutablePointer<Float>      // K·k

    /// `examples[f]` lists, in order, the examples (indices into `labels`) held out by fold f;
    /// example i is row `rows?[i] ?? i` of `features`. `foldStandardisation[f]` is that of fold
    /// f's training examples (computed by the caller in the order it fits them, so the models it
    /// reports standardise exactly as a separately fitted fold would).
    init(features: [Float], rows: [Int]?, labels: [Int32], featureCount d: Int, classes k: Int,
         heldOutExamples examples: [[Int]], foldStandardisation: [(mean: [Float], scale: [Float])],
         blockRows: Int? = nil) {
        precondition(examples.count >= 2 && foldStandardisation.count == examples.count, "need two or more folds")
        let order = examples.flatMap { $0 }
        precondition(order.count == labels.count, "every example must be held out by exactly one fold")
        let n = order.count
        count = n
        featureCount = d
        classes = k
        var ranges: [Range<Int>] = [], start = 0
        var foldOfRow = [Int](repeating: 0, count: n)
        for (f, held) in examples.enumerated() {
            ranges.append(start ..< start + held.count)
            for r in start ..< start + held.count { foldOfRow[r] = f }
            start += held.count
        }
        heldOut = ranges
        trainingCount = ranges.map { n - $0.count }
        self.foldOfRow = foldOfRow
        self.labels = order.map { labels[$0] }
        let featureRows = order.map { rows?[$0] ?? $0 }
        let all = SoftmaxRegression.standardisation(of: features, rows: featureRows, featureCount: d)
        featureMean = all.mean
        featureScale = all.scale
        foldMean = foldStandardisation.map(\.mean)
        foldScale = foldStandardisation.map(\.scale)
        ratio = foldStandardisation.map { fold in (0..<d).map { Double(all.scale[$0]) / Double(fold.scale[$0]) } }
        offset = foldStandardisation.map { fold in
            (0..<d).map { (Double(all.mean[$0]) - Double(fold.mean[$0])) / Double(fold.scale[$0]) }
        }
        curvature = [Double](repeating: 1 / Double(k), count: examples.count)
        self.blockRows = min(n, max(1, blockRows ?? (1 << 18) / d))
        let widest = examples.count * k
        weights = .allocate(capacity: d * widest)
        bias = .allocate(capacity: widest)
        logits = .allocate(capacity: self.blockRows * widest)
        blockGradient = .allocate(capacity: widest * d)
        gradientSum = .allocate(capacity: widest * d)
        blockBias = .allocate(capacity: widest)
        design = .allocate(capacity: n * d)
        features.withUnsafeBufferPointer { source in
            SoftmaxRegression.standardise(source.baseAddress.unsafelyUnwrapped, rows: featureRows, featureCount: d,
                                          mean: all.mean, scale: all.scale, into: design)
        }
    }

    deinit {
        design.deallocate(); weights.deallocate(); bias.deallocate(); logits.deallocate()
        blockGradient.deallocate(); gradientSum.deallocate(); blockBias.deallocate()
    }

    var folds: Int { heldOut.count }
    /// Parameters per fold: W row-major (d × k), then b (k), in the fold's own standardisation.
    var parameterCount: Int { featureCount * classes + classes }

    /// Fold f's W̃ into columns `column ..< column + k` of `weights` (d rows of `stride`) and b̃ into
    /// `bias[column...]`.
    private func effective(_ f: Int, _ p: UnsafeBufferPointer<Double>, weights: UnsafeMutablePointer<Float>,
                           stride: Int, column: Int, bias: UnsafeMutablePointer<Float>) {
        let d = featureCount, k = classes
        var shift = (0..<k).map { p[d * k + $0] }
        for j in 0..<d {
            let rj = ratio[f][j], oj = offset[f][j]
            for c in 0..<k {
                let w = p[j * k + c]
                weights[j * stride + column + c] = Float(w * rj)
                shift[c] += oj * w
            }
        }
        for c in 0..<k { bias[column + c] = Float(shift[c]) }
    }

    /// Values of the folds `folds` (ascending) at `points`, with their gradients written to `gradients`.
    func evaluate(_ folds: [Int], _ points: [UnsafeBufferPointer<Double>],
                  _ gradients: [UnsafeMutableBufferPointer<Double>]) -> [Double] {
        let n = count, d = featureCount, k = classes, dk = d * k
        let a = folds.count, width = a * k
        gradientSum.update(repeating: 0, count: width * d)
        for (slot, f) in folds.enumerated() {
            effective(f, points[slot], weights: weights, stride: width, column: slot * k, bias: bias)
        }
        // Slot of each fold in this batch, −1 when it is not in it.
        var slotOfFold = [Int](repeating: -1, count: self.folds)
        for (slot, f) in folds.enumerated() { slotOfFold[f] = slot }
        var biasSum = [Double](repeating: 0, count: width)
        var loss = [Double](repeating: 0, count: a), curvatureSum = [Double](repeating: 0, count: a)

        var start = 0
        while start < n {
            let rows = min(blockRows, n - start)
            let block = design + start * d
            BLAS.gemm(m: rows, n: width, k: d, a: block, lda: d, b: weights, ldb: width, c: logits, ldc: width)
            blockBias.update(repeating: 0, count: width)
            for r in 0..<rows {
                let ownSlot = slotOfFold[foldOfRow[start + r]]
                let label = Int(labels[start + r])
                for slot in 0..<a {
                    let z = logits + r * width + slot * k
                    if slot == ownSlot {
                        // A fold's own rows are held out: no loss, no gradient.
                        z.update(repeating: 0, count: k)
                        continue
                    }
                    let b = bias + slot * k, sums = blockBias + slot * k
                    let term = SoftmaxRegressionObjective.residual(z, bias: b, label: label, classes: k, sums: sums)
                    loss[slot] += term.loss
                    curvatureSum[slot] += term.curvature
                }
            }
            BLAS.gemm(transA: true, m: width, n: d, k: rows, a: logits, lda: width, b: block, ldb: d,
                      c: blockGradient, ldc: d)
            for i in 0 ..< width * d { gradientSum[i] += Double(blockGradient[i]) }
            for i in 0..<width { biasSum[i] += Double(blockBias[i]) }
            start += rows
        }

        var values: [Double] = []
        for (slot, f) in folds.enumerated() {
            let p = points[slot], g = gradients[slot]
            let inverseCount = 1 / Double(trainingCount[f])
            curvature[f] = curvatureSum[slot] * inverseCount / Double(k - 1)
            var penalty = 0.0
            for j in 0..<d {
                let rj = ratio[f][j], oj = offset[f][j]
                for c in 0..<k {
                    let column = slot * k + c, w = p[j * k + c]
                    penalty += w * w
                    g[j * k + c] = (rj * gradientSum[column * d + j] + oj * biasSum[column]) * inverseCount + l2 * w
                }
            }
            for c in 0..<k { g[dk + c] = biasSum[slot * k + c] * inverseCount }
            values.append(loss[slot] * inverseCount + 0.5 * l2 * penalty)
        }
        return values
    }

    /// Fraction of fold f's held-out examples that its parameters `p` classify correctly.
    func heldOutAccuracy(_ f: Int, _ p: [Double]) -> Double {
        let d = featureCount, k = classes, range = heldOut[f]
        guard !range.isEmpty else { return 0 }
        // The evaluation buffers hold one fold's W̃ and b̃ as a batch of one.
        let logits = UnsafeMutablePointer<Float>.allocate(capacity: range.count * k)
        defer { logits.deallocate() }
        p.withUnsafeBufferPointer { effective(f, $0, weights: weights, stride: k, column: 0, bias: bias) }
        BLAS.gemm(m: range.count, n: k, k: d, a: design + range.lowerBound * d, lda: d, b: weights, ldb: k,
                  c: logits, ldc: k)
        var correct = 0
        for r in 0..<range.count {
            let z = logits + r * k
            var best = 0
            for c in 1..<k where z[c] + bias[c] > z[best] + bias[best] { best = c }
            if best == Int(labels[range.lowerBound + r]) { correct += 1 }
        }
        return Double(correct) / Double(range.count)
    }
}
