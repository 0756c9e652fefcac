/// Linear reconstruction of the input from the hidden state: ridge regression of X (n×p) on H
/// (n×h) with an unpenalised intercept, the penalty chosen on held-out training rows.
///
/// The model is x̂ = x̄ + Wᵀ(h − h̄), W = (FᵀF + λI)⁻¹FᵀX_c with F, X_c the centred training
/// activations and inputs (centring is what leaves the intercept unpenalised). It is solved in
/// the primal form (h×h system) when h ≤ n and in the dual form (n×n: W = Fᵀ(FFᵀ + λI)⁻¹X_c)
/// when n < h — the same W, whichever is smaller — by Cholesky factorisation in Double.
///
/// Penalty: λ = α · tr(FᵀF)/h, α from `relativeGrid`, so the grid means the same for every width
/// and activation scale (tr(FᵀF)/h is the mean per-unit sum of squares). Every `validationStride`
/// -th training row (rows s−1, 2s−1, …; interleaved, so class-sorted data splits evenly) is held
/// out; α is fitted on the rest and scored by validation R²; the best α's absolute λ is then
/// refitted on all training rows (the absolute penalty, as a prior's strength, does not scale
/// with n).
///
/// Cost. Each α is one Cholesky solve with p right-hand sides, ~5·10¹⁰ flops at h = 4,096
/// (1–3 s on two cores). Generalised cross-validation would serve every α from one
/// eigendecomposition, but at h = 4,096 that one is memory-bound and takes 30–40 s here; at
/// h ≤ 1,024 both ways cost well under a second. So the grid is not scanned exhaustively: the
/// search starts in its middle, steps towards the better neighbour and stops at the first point
/// that is no better — 3–6 solves instead of 8. This assumes validation R² is unimodal in
/// log λ, which is the usual shape for ridge (bias grows, variance shrinks with λ) but is not
/// guaranteed; `validationR2` shows the points visited.
public struct RidgeReconstruction: Sendable {
    /// α grid: decades covering near-interpolation (1e-5) to near-constant prediction (100).
    /// A decade is coarse, but R² is flat near its optimum in log λ (within a factor √10 of the
    /// best λ it typically loses well under 1% of R²), and each point costs a Cholesky solve.
    public static let defaultRelativeGrid: [Double] = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100]
    /// Hold out every 5th training row (20%) to choose λ.
    public static let defaultValidationStride = 5

    /// W, units × inputs row-major, applied to centred hidden activations.
    public let weights: [Double]
    /// h̄, the training mean of each unit.
    public let hiddenMean: [Double]
    /// x̄, the training mean of each input feature.
    public let inputMean: [Double]
    /// The penalty of the final fit, λ (absolute: squared activation units, summed over examples).
    public let lambda: Double
    /// The chosen α = λ / (tr(FᵀF)/h) of the fitting rows.
    public let relativeLambda: Double
    /// Validation R² at each α of the grid, in grid order; nil where the search did not go.
    public let validationR2: [Double?]
    /// True when the best α is the first or last of the grid: the optimum may lie outside it.
    public let lambdaAtGridEdge: Bool
    /// Which system was solved for the final fit.
    public let form: Covariance.Form

    /// Units (h).
    public var units: Int { hiddenMean.count }
    /// Input features (p).
    public var inputs: Int { inputMean.count }

    /// Fits the reconstruction of `trainInputs` (n×p) from `trainHidden` (n×h).
    /// - Throws: `MetricError.shapeMismatch` if the row counts differ, `.tooFewExamples` below
    ///   2 fitting and 1 validation row, `.degenerate` if the validation inputs are constant,
    ///   `.nonFinite`, or a `LAPACKError` if a system is not positive definite (it always is
    ///   for α > 0 unless the activations are all zero).
    public init(trainHidden: Matrix, trainInputs: Matrix, relativeGrid: [Double] = defaultRelativeGrid,
                validationStride: Int = defaultValidationStride) throws {
        precondition(!relativeGrid.isEmpty && relativeGrid.allSatisfy { $0 > 0 && $0.isFinite }
                     && zip(relativeGrid, relativeGrid.dropFirst()).allSatisfy { $0 < $1 },
                     "the ridge grid needs positive, finite, increasing multipliers")
        precondition(validationStride >= 2, "validationStride must be at least 2")
        guard trainHidden.rows == trainInputs.rows else {
            throw MetricError.shapeMismatch("\(trainHidden.rows) rows of activations but \(trainInputs.rows) of inputs")
        }
        let n = trainHidden.rows
        let validationRows = (0..<n).filter { $0 % validationStride == validationStride - 1 }
        let fitRows = (0..<n).filter { $0 % validationStride != validationStride - 1 }
        guard fitRows.count >= 2, !validationRows.isEmpty else {
            throw MetricError.tooFewExamples("ridge needs ≥ 2 fitting and 1 validation row, got \(n) training rows")
        }
        let fitH = Self.gather(trainHidden, fitRows), fitX = Self.gather(trainInputs, fitRows)
        let validationH = Self.gather(trainHidden, validationRows), validationX = Self.gather(trainInputs, validationRows)

        // Optional so that it can go before the final system is built: at h = 4,096 each system
        // holds a Gram of 128–134 MB, and the cell's peak memory was here (docs/benchmarks.md).
        var fit: RidgeSystem? = try RidgeSystem(hidden: fitH, inputs: fitX)
        let scale = fit.unsafelyUnwrapped.scale
        guard scale > 0 else { throw MetricError.degenerate("every unit is constant on the training rows") }
        // Walk the grid from its middle towards higher validation R², stopping at the first point
        // that is no better (see the type's notes on why not scan it all).
        var scores = [Double?](repeating: nil, count: relativeGrid.count)
        func score(_ i: Int) throws -> Double {
            if let known = scores[i] { return known }
            let system = fit.unsafelyUnwrapped
            let w = try system.solve(lambda: relativeGrid[i] * scale)
            let r2 = try Self.r2(weights: w, hiddenMean: system.hiddenMean, inputMean: system.inputMean,
                                 hidden: validationH, inputs: validationX)
            scores[i] = r2
            return r2
        }
        var best = relativeGrid.count / 2
        var step = 0
        if best + 1 < relativeGrid.count, try score(best + 1) > score(best) {
            step = 1
        } else if best > 0, try score(best - 1) > score(best) {
            step = -1
        }
        if step != 0 {
            best += step
            while relativeGrid.indices.contains(best + step), try score(best + step) > score(best) { best += step }
        }
        let lambda = relativeGrid[best] * scale

        // Refit on every training row with the chosen absolute penalty.
        // Each system is released as soon as the next no longer needs it, and the last solve
        // factorises the final Gram in place instead of a copy.
        var full: RidgeSystem
        if fit.unsafelyUnwrapped.form == .units {
            full = try fit.unsafelyUnwrapped.merged(withRows: validationH, validationX)
            fit = nil
        } else {
            fit = nil
            full = try RidgeSystem(hidden: trainHidden, inputs: trainInputs)
        }
        weights = try full.solveReleasingGram(lambda: lambda)
        hiddenMean = full.hiddenMean
        inputMean = full.inputMean
        self.lambda = lambda
        relativeLambda = relativeGrid[best]
        validationR2 = scores
        lambdaAtGridEdge = relativeGrid.count > 1 && (best == 0 || best == relativeGrid.count - 1)
        form = full.form
    }

    /// x̂ for every row of `hidden` (n×h): n×p row-major.
    public func reconstruct(_ hidden: Matrix) throws -> [Double] {
        guard hidden.cols == units else {
            throw MetricError.shapeMismatch("model reads \(units) units, activations have \(hidden.cols)")
        }
        var x = CentredProducts.centredTimes(hidden, mean: hiddenMean, weights, columns: inputs)
        for r in 0..<hidden.rows { for c in 0..<inputs { x[r * inputs + c] += inputMean[c] } }
        return x
    }

    /// Held-out R² = 1 − Σ‖x − x̂‖² / Σ‖x − x̄_train‖² over the rows of the test set.
    ///
    /// 1 for a perfect reconstruction, 0 for predicting the training mean; negative when worse
    /// than that (e.g. hidden states unrelated to the input, plus a train/test mean shift).
    public func r2(testHidden: Matrix, testInputs: Matrix) throws -> Double {
        guard testHidden.rows == testInputs.rows, testInputs.cols == inputs, testHidden.cols == units else {
            throw MetricError.shapeMismatch("test set \(testHidden.rows)×\(testHidden.cols) activations, "
                + "\(testInputs.rows)×\(testInputs.cols) inputs; model maps \(units) units to \(inputs) inputs")
        }
        return try Self.r2(weights: weights, hiddenMean: hiddenMean, inputMean: inputMean,
                           hidden: testHidden, inputs: testInputs)
    }

    static func r2(weights: [Double], hiddenMean: [Double], inputMean: [Double], hidden: Matrix, inputs: Matrix) throws -> Double {
        let p = inputs.cols
        let prediction = CentredProducts.centredTimes(hidden, mean: hiddenMean, weights, columns: p)
        var residual = 0.0, total = 0.0
        for r in 0..<inputs.rows {
            let x = inputs.base + r * p
            for c in 0..<p {
                let truth = Double(x[c])
                let e = truth - (prediction[r * p + c] + inputMean[c])
                let d = truth - inputMean[c]
                residual += e * e
                total += d * d
            }
        }
        guard residual.isFinite, total.isFinite else { throw MetricError.nonFinite("test activations or inputs") }
        guard total > 0 else { throw MetricError.degenerate("the inputs equal their training mean on every row") }
        return 1 - residual / total
    }

    static func gather(_ m: Matrix, _ rows: [Int]) -> Matrix {
        let out = Matrix(rows: rows.count, cols: m.cols)
        for (i, r) in rows.enumerated() { (out.base + i * m.cols).update(from: m.base + r * m.cols, count: m.cols) }
        return out
    }
}

/// Score of `reconstructionR2`: held-out R² and the penalty that produced it.
public struct ReconstructionScore: Sendable, Equatable {
    /// Held-out R² of the input reconstruction (see `RidgeReconstruction.r2`).
    public let r2: Double
    /// The ridge penalty λ of the final fit (absolute).
    public let lambda: Double
    /// λ as a multiple of the mean per-unit sum of squares of the fitting rows.
    public let relativeLambda: Double
    /// The best λ was at an end of the grid (the true optimum may be outside).
    public let lambdaAtGridEdge: Bool
}

/// How much of the input a linear readout of the hidden state recovers on held-out examples:
/// ridge fitted on the training pair (λ chosen inside it), R² measured on the test pair.
public func reconstructionR2(trainHidden: Matrix, trainInputs: Matrix, testHidden: Matrix, testInputs: Matrix,
                             relativeGrid: [Double] = RidgeReconstruction.defaultRelativeGrid) throws -> ReconstructionScore {
    let model = try RidgeReconstruction(trainHidden: trainHidden, trainInputs: trainInputs, relativeGrid: relativeGrid)
    return ReconstructionScore(r2: try model.r2(testHidden: testHidden, testInputs: testInputs), lambda: model.lambda,
                               relativeLambda: model.relativeLambda, lambdaAtGridEdge: model.lambdaAtGridEdge)
}
