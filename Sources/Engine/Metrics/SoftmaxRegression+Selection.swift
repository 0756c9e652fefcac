/// Choosing the L2 strength on a validation split (docs/metrics.md, "Transfer: last-layer
/// fine-tuning": the budget `all` chooses on the target's validation split).
extension SoftmaxRegression {
    /// 10⁻⁶, 10⁻⁵, …, 10⁰: one point per decade, from effectively unregularised to nearly constant.
    ///
    /// With standardised features and a mean loss, l2 = 1 keeps the logits small and column c of W
    /// close to (πc/l2)·μc (class frequency times class mean of the standardised features): a
    /// scaled nearest-class-mean rule that ignores feature correlations. At l2 = 10⁻⁶ the penalty's total weight n·l2 is at most 0.054 for n ≤ 54,000 —
    /// as good as unregularised within solver tolerance. What a budget from 10 examples per class
    /// to the full set needs lies between (the benchmark's paths peak anywhere from 1 to 10⁻⁴).
    /// Validation accuracy changes little within a decade, and every extra point is another fit.
    public static let defaultL2Grid: [Double] = (-6...0).map { pow10($0) }

    /// One fit on the regularisation path.
    public struct PathPoint: Sendable, Equatable {
        public let l2: Double
        public let validationAccuracy: Double
        public let iterations: Int
        public let evaluations: Int
        public let converged: Bool
    }

    /// The chosen model and how the choice was made.
    public struct L2Selection: Sendable {
        /// The model fitted on the training split at the chosen `l2`.
        public let model: SoftmaxRegression
        public let l2: Double
        public let validationAccuracy: Double
        /// Every grid point in the order fitted (strongest regularisation first, then any
        /// extension above the grid).
        public let path: [PathPoint]
        /// The chosen strength is the strongest fitted (after any extension) or the weakest grid
        /// value: the best strength may lie outside what was tried.
        public let atGridEdge: Bool
    }

    /// Fits along `grid` from the strongest to the weakest regularisation, each fit warm-started
    /// from the previous one, and keeps the fit with the best validation accuracy; ties go to the
    /// stronger regularisation (the simpler model, and the one less sensitive to validation noise).
    ///
    /// The returned model is the one fitted on `train` at the chosen strength — it is not refitted
    /// on train ∪ validation. Refitting would change n and hence what a given l2 means relative to
    /// the loss, would cost another fit, and would leave the validation accuracy describing a model
    /// that is not the one reported. Warm starts make the path cost little more than its weakest
    /// point: the strongly regularised fits converge in a few iterations from zero, and each later
    /// one starts near its solution (the regularisation-path strategy of glmnet).
    /// The training features are standardised once and shared by every fit on the path.
    ///
    /// With `patience`, the path stops after that many consecutive strengths fail to beat the
    /// best validation accuracy so far. The weakest strengths are the expensive fits (hundreds of
    /// iterations on large, nearly separable feature sets) and, since ties already go to the
    /// stronger penalty, one that merely matches the best could never be chosen; only a late
    /// recovery after `patience` misses is forgone. `nil` fits the whole grid.
    ///
    /// With `screeningTolerance`, the path's fits stop at that looser gradient tolerance, which
    /// is enough to rank strengths by validation accuracy, and only the chosen strength is then
    /// fitted to `options.gradientTolerance`, warm-started from its screening fit. On 54,000
    /// Fashion-MNIST features of width 1024 this cut a full path from ~550 objective evaluations
    /// to about a third with the same choice (docs/metrics.md). The returned validation accuracy
    /// is the converged model's.
    ///
    /// With `strongerExtensions`, a choice of the strongest grid value extends the path upward by
    /// decades (×10 each, warm-started from the strongest fit) while the newest, strongest point
    /// keeps winning, up to that many points; `atGridEdge` says whether the choice still lies on
    /// the strongest point fitted, or on the weakest grid value.
    public static func fitSelectingL2(
        train: (features: [Float], labels: [Int32]), validation: (features: [Float], labels: [Int32]),
        featureCount: Int, classes: Int, grid: [Double] = defaultL2Grid,
        options: LBFGS.Options = defaultSolverOptions, patience: Int? = nil,
        screeningTolerance: Double? = nil, strongerExtensions: Int = 0
    ) -> L2Selection {
        precondition(!grid.isEmpty, "the L2 grid is empty")
        let objective = SoftmaxRegressionObjective(features: train.features, labels: train.labels,
                                                   featureCount: featureCount, classes: classes)
        let preconditioner = preconditioner(for: objective)
        var path: [PathPoint] = []
        var models: [SoftmaxRegression] = []
        let screening = screeningOptions(options, screeningTolerance)
        let walk = RegularisationPath.walk(grid: grid, patience: patience, strongerExtensions: strongerExtensions) { l2, warmStart in
            let model = fit(objective, l2: l2, options: screening, initial: warmStart.map { models[$0] },
                            preconditioner: preconditioner)
            let accuracy = model.accuracy(validation.features, labels: validation.labels)
            models.append(model)
            path.append(PathPoint(l2: l2, validationAccuracy: accuracy, iterations: model.iterations,
                                  evaluations: model.evaluations, converged: model.converged))
            return accuracy
        }
        var chosen = (model: models[walk.chosen], accuracy: walk.scores[walk.chosen])
        if screening.gradientTolerance > options.gradientTolerance {
            let model = fit(objective, l2: chosen.model.l2, options: options, initial: chosen.model,
                            preconditioner: preconditioner)
            chosen = (model, model.accuracy(validation.features, labels: validation.labels))
        }
        return L2Selection(model: chosen.model, l2: chosen.model.l2, validationAccuracy: chosen.accuracy, path: path,
                           atGridEdge: walk.atGridEdge)
    }

    /// `options` with its gradient tolerance loosened to `screeningTolerance` (never tightened).
    static func screeningOptions(_ options: LBFGS.Options, _ screeningTolerance: Double?) -> LBFGS.Options {
        var screening = options
        if let screeningTolerance { screening.gradientTolerance = max(screeningTolerance, options.gradientTolerance) }
        return screening
    }

    /// 10^exponent, exact for the small exponents of the default grid.
    private static func pow10(_ exponent: Int) -> Double {
        exponent >= 0 ? (0..<exponent).reduce(1.0) { r, _ in r * 10 }
                      : 1 / (0..<(-exponent)).reduce(1.0) { r, _ in r * 10 }
    }
}
