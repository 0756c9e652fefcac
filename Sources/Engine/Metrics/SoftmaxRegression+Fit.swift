/// Fitting: L-BFGS on mean cross-entropy + (l2/2)·‖W‖² over standardised features.
extension SoftmaxRegression {
    /// Solver settings for the transfer fits.
    ///
    /// - gradientTolerance 1e-4: the objective is a mean loss of order one, so this bounds ‖∇F‖∞
    ///   absolutely — scikit-learn's default `tol=1e-4`, applied by its lbfgs solver to the same
    ///   mean-loss objective. Measured on 20,000 × 1024 ReLU features (10 classes, 7-point path):
    ///   1e-4 took 73 iterations, 1e-5 took 197 and 1e-6 took 419, and all three chose the same
    ///   l2 with the same validation accuracy. Only the weakest, never-chosen grid points moved
    ///   (by up to half a percent), because there the optimum lies far out along a flat valley.
    /// - valueNoise 1e-6: F is summed in Double from Float32 logits, so values closer than about
    ///   a millionth cannot be told apart; below that the line search compares slopes.
    /// - maxIterations 1000: weakly regularised fits on separable features approach an
    ///   infinitely large W slowly; a fit that hits the cap says so (`converged == false`).
    public static let defaultSolverOptions = LBFGS.Options(
        maxIterations: 1000, gradientTolerance: 1e-4, valueNoise: 1e-6)

    /// Fits the model by minimising (1/n) Σ −log softmax(xᵢ)[yᵢ] + (l2/2)·‖W‖² with L-BFGS.
    ///
    /// - Parameters:
    ///   - features: n × `featureCount` row-major; standardised internally with its own statistics.
    ///   - labels: n labels in 0..<classes.
    ///   - l2: penalty strength on W (not on b). Equivalent to scikit-learn's `C = 1/(n·l2)` on
    ///     the standardised features.
    ///   - initial: warm start, e.g. the neighbouring fit on a regularisation path. Its function is
    ///     carried over exactly even if its standardisation differs from this data's.
    public static func fit(features: [Float], labels: [Int32], featureCount: Int, classes: Int, l2: Double,
                           options: LBFGS.Options = defaultSolverOptions,
                           initial: SoftmaxRegression? = nil) -> SoftmaxRegression {
        let objective = SoftmaxRegressionObjective(features: features, labels: labels,
                                                   featureCount: featureCount, classes: classes)
        return fit(objective, l2: l2, options: options, initial: initial, preconditioner: preconditioner(for: objective))
    }

    /// The Hessian model for `objective`, when building it is cheaper than the passes it saves.
    ///
    /// Building costs a covariance of ≤ 4096 rows and an eigendecomposition, ~10·d³ flops in
    /// Double (0.4–0.6 s at d = 1024 on the 2-core development machine); one evaluation costs
    /// 4·n·d·k flops in two passes over the data. Measured at n = 54,000, d = 1024, k = 10, the
    /// default tolerance, the 7-point path: 196 iterations without, 93 with. At d = 16 it changed
    /// little (87 → 84) but costs nothing. So it is built once n·k ≥ d²/32 — always for narrow
    /// features, from about 3,300 examples of 10 classes at d = 1024, and not for a budget of 50
    /// examples per class at that width, where the whole path takes a fraction of a second.
    static func preconditioner(for objective: SoftmaxRegressionObjective) -> SoftmaxRegressionPreconditioner? {
        let d = objective.featureCount
        guard preconditionerPays(rows: objective.count, featureCount: d, classes: objective.classes) else { return nil }
        return SoftmaxRegressionPreconditioner(design: objective.design, rows: objective.count,
                                               featureCount: d, classes: objective.classes)
    }

    /// Whether `preconditioner(for:)` builds a model for `rows` examples of `featureCount`
    /// features and `classes` classes: n·k ≥ d²/32.
    static func preconditionerPays(rows: Int, featureCount d: Int, classes: Int) -> Bool {
        rows * classes * 32 >= d * d
    }

    /// Fits on an already standardised objective (shared along a regularisation path).
    static func fit(_ objective: SoftmaxRegressionObjective, l2: Double, options: LBFGS.Options,
                    initial: SoftmaxRegression?, preconditioner: SoftmaxRegressionPreconditioner?) -> SoftmaxRegression {
        precondition(l2 >= 0 && l2.isFinite, "l2 must be a finite non-negative number")
        objective.l2 = l2
        let start = initial.map { startingPoint(from: $0, for: objective) }
            ?? [Double](repeating: 0, count: objective.parameterCount)
        let apply = preconditioner.map { model in
            { (v: UnsafeMutableBufferPointer<Double>) in model.apply(v, curvature: objective.curvature, l2: l2) }
        }
        let result = LBFGS.minimize(start, options: options, preconditioner: apply, objective: objective.evaluate)

        return model(parameters: result.x, featureCount: objective.featureCount, classes: objective.classes,
                     mean: objective.featureMean, scale: objective.featureScale, l2: l2, result: result)
    }

    /// The model with parameters `parameters` (W row-major d × k, then b) acting on features
    /// standardised by `mean` and `scale`; `result`, if given, is the fit that found them.
    static func model(parameters: [Double], featureCount d: Int, classes k: Int, mean: [Float], scale: [Float],
                      l2: Double, result: LBFGS.Result? = nil) -> SoftmaxRegression {
        let dk = d * k
        let biasValues = parameters[dk...]
        let biasMean = biasValues.reduce(0, +) / Double(k)
        return SoftmaxRegression(
            featureCount: d, classes: k,
            weights: parameters[0..<dk].map { Float($0) },
            bias: biasValues.map { Float($0 - biasMean) },
            featureMean: mean, featureScale: scale,
            l2: l2, objective: result?.f ?? .nan, iterations: result?.iterations ?? 0,
            evaluations: result?.evaluations ?? 0, converged: result?.converged ?? false,
            stopReason: result?.reason ?? .maxIterations)
    }

    /// `model`'s parameters re-expressed in `objective`'s standardisation, so the warm start
    /// computes the same logits on raw features: W′ = W·s′/s and b′ = b − Σⱼ (μⱼ − μ′ⱼ)·Wⱼ/sⱼ.
    static func startingPoint(from model: SoftmaxRegression, for objective: SoftmaxRegressionObjective) -> [Double] {
        let d = objective.featureCount, k = objective.classes
        precondition(model.featureCount == d && model.classes == k,
                     "warm start has \(model.featureCount)×\(model.classes) weights, fit needs \(d)×\(k)")
        var x = [Double](repeating: 0, count: d * k + k)
        if model.featureMean == objective.featureMean && model.featureScale == objective.featureScale {
            for i in 0..<d * k { x[i] = Double(model.weights[i]) }
            for c in 0..<k { x[d * k + c] = Double(model.bias[c]) }
            return x
        }
        for c in 0..<k { x[d * k + c] = Double(model.bias[c]) }
        for j in 0..<d {
            let oldScale = Double(model.featureScale[j]), newScale = Double(objective.featureScale[j])
            let shift = Double(model.featureMean[j]) - Double(objective.featureMean[j])
            for c in 0..<k {
                let raw = Double(model.weights[j * k + c]) / oldScale   // weight on the raw feature
                x[j * k + c] = raw * newScale
                x[d * k + c] -= shift * raw
            }
        }
        return x
    }
}
