/// Choosing the L2 strength by stratified K-fold cross-validation on the training examples alone.
///
/// A few-shot readout ("10 labelled examples per class") must be fitted and tuned on its k
/// labels only: choosing its strength on a validation split of thousands of labels would make
/// the number describe far more labelled data than its name says (docs/metrics.md).
extension SoftmaxRegression {
    /// One strength on the cross-validated path.
    public struct CrossValidationPoint: Sendable, Equatable {
        public let l2: Double
        /// Accuracy on each fold's held-out examples of the model fitted on the other folds.
        public let foldAccuracies: [Double]
        /// Unweighted mean of `foldAccuracies`: the score strengths are ranked by.
        public let meanAccuracy: Double
        /// L-BFGS iterations and evaluations summed over the folds.
        public let iterations: Int
        public let evaluations: Int
        /// Whether every fold's fit converged.
        public let converged: Bool
    }

    /// The chosen strength, the model refitted on every example at that strength, and the path.
    public struct CrossValidatedL2: Sendable {
        /// Fitted on all the examples at `l2`, to the solver's full tolerance.
        public let model: SoftmaxRegression
        public let l2: Double
        /// Mean held-out accuracy across the folds at `l2`: what the choice was made on.
        public let meanAccuracy: Double
        /// Folds that held examples out (K, fewer only when no class has K examples).
        public let folds: Int
        /// Every strength in the order fitted (strongest first, then any extension above the grid).
        public let path: [CrossValidationPoint]
        /// The chosen strength is the strongest fitted (after any extension) or the weakest grid
        /// value: the best strength may lie outside what was tried.
        public let atGridEdge: Bool
    }

    /// Fold of each example: the i-th example of each class (in the order given) goes to fold
    /// i mod `folds`, so every fold holds ⌊k/K⌋ or ⌈k/K⌉ examples of a class with k examples.
    ///
    /// Deterministic on purpose: the examples are already a random sample of their class (a
    /// budget's draw), so a second shuffle would only add a seed to keep track of.
    public static func stratifiedFolds(labels: [Int32], classes: Int, folds: Int) -> [Int] {
        precondition(folds >= 1, "need at least one fold")
        var seen = [Int](repeating: 0, count: classes)
        return labels.map { label in
            let c = Int(label)
            defer { seen[c] += 1 }
            return seen[c] % folds
        }
    }

    /// Chooses the L2 strength by stratified `folds`-fold cross-validation over `grid`, then
    /// refits on every example at the chosen strength.
    ///
    /// The folds are fitted in lockstep along the path from the strongest to the weakest
    /// strength, each fold warm-started from its own fit at the previous strength (as
    /// `fitSelectingL2` does with one split); each fold standardises with its own training
    /// examples, so held-out examples never inform the fit that scores them. Strengths are ranked
    /// by the mean held-out accuracy across folds, ties going to the stronger penalty; `patience`
    /// counts strengths whose mean fails to win, and `screeningTolerance` loosens the path's fits
    /// as in `fitSelectingL2`. The refit on all examples runs to `options.gradientTolerance`,
    /// warm-started from the first fold's fit at the chosen strength. `strongerExtensions`
    /// extends the path upward by decades while the strongest strength keeps winning.
    ///
    /// With `rows`, example i is row `rows[i]` of `features` (labels stay one per example): a
    /// budget drawn from a larger feature matrix is fitted without first copying its rows out
    /// (164 MB for 1,000 per class of 10 classes at width 4096); the results are those of the copy.
    ///
    /// - Throws: `MetricError.tooFewExamples` if `folds` < 2 or no class has two examples (no
    ///   fold would have both examples to fit on and examples to hold out), `.shapeMismatch` or
    ///   `.labelOutOfRange` for inconsistent inputs.
    public static func fitCrossValidatingL2(
        features: [Float], rows: [Int]? = nil, labels: [Int32], featureCount: Int, classes: Int, folds: Int,
        grid: [Double] = defaultL2Grid, options: LBFGS.Options = defaultSolverOptions, patience: Int? = nil,
        screeningTolerance: Double? = nil, strongerExtensions: Int = 0
    ) throws -> CrossValidatedL2 {
        // A budget of 1 per class reaches here only from a spec that bypassed the parser's check.
        guard folds >= 2 else {
            throw MetricError.tooFewExamples("cross-validation needs at least 2 folds, got \(folds)")
        }
        if let rows {
            let available = features.count / featureCount
            guard features.count % featureCount == 0, rows.count == labels.count,
                  rows.allSatisfy({ $0 >= 0 && $0 < available }) else {
                throw MetricError.shapeMismatch("\(rows.count) rows of \(features.count) features × \(featureCount) for \(labels.count) labels")
            }
        } else {
            guard features.count == labels.count * featureCount else {
                throw MetricError.shapeMismatch("\(features.count) features for \(labels.count) examples × \(featureCount)")
            }
        }
        // Feature row of example i.
        func row(_ i: Int) -> Int { rows?[i] ?? i }
        if let bad = labels.first(where: { $0 < 0 || Int($0) >= classes }) {
            throw MetricError.labelOutOfRange(label: bad, classes: classes)
        }
        let assignment = stratifiedFolds(labels: labels, classes: classes, folds: folds)
        // Folds beyond the largest class's size hold nothing out; they are not folds.
        let used = (0..<folds).filter { f in assignment.contains(f) }
        guard used.count >= 2 else {
            throw MetricError.tooFewExamples("cross-validation needs a class with at least 2 examples")
        }
        // Every fold standardises with its own training examples, taken in example order, so its
        // model is the one a fit on a gathered copy of them gives; held-out examples never inform
        // the fit that scores them. The K fits run in lockstep over one shared copy of the
        // examples (SoftmaxRegressionFoldObjective): one product with K·k columns per evaluation.
        let heldOutExamples = used.map { f in assignment.indices.filter { assignment[$0] == f } }
        let standardisations = used.map { f in
            standardisation(of: features, rows: assignment.indices.filter { assignment[$0] != f }.map(row),
                            featureCount: featureCount)
        }
        var foldObjective: SoftmaxRegressionFoldObjective? = SoftmaxRegressionFoldObjective(
            features: features, rows: rows, labels: labels, featureCount: featureCount, classes: classes,
            heldOutExamples: heldOutExamples, foldStandardisation: standardisations)
        // One Hessian model serves every fold and the refit: it only steers the solver (the
        // stopping test is on each fold's own gradient), and every fold's standardised covariance
        // is close to that of all the examples, which the shared design holds. One
        // eigendecomposition per fold (~0.5 s at d = 1024) took a 1,000-per-class Fashion-MNIST
        // budget at width 1024 from 12.0–12.3 s to 14.5–16.3 s (trained + control), with the
        // same l2 chosen.
        let shared = preconditionerPaysAcrossFolds(rows: labels.count, featureCount: featureCount, classes: classes)
            ? foldObjective.flatMap { SoftmaxRegressionPreconditioner(design: $0.design, rows: $0.count,
                                                              featureCount: featureCount, classes: classes) }
            : nil
        let screening = screeningOptions(options, screeningTolerance)

        var solutions: [[[Double]]] = []   // per path point, per fold: parameters in the fold's standardisation
        var path: [CrossValidationPoint] = []
        let walk = RegularisationPath.walk(grid: grid, patience: patience, strongerExtensions: strongerExtensions) { l2, warmStart in
            let objective = foldObjective.unsafelyUnwrapped
            objective.l2 = l2
            let starts = used.indices.map { f in
                warmStart.map { solutions[$0][f] } ?? [Double](repeating: 0, count: objective.parameterCount)
            }
            let preconditioners = used.indices.map { f in
                shared.map { model in
                    { (v: UnsafeMutableBufferPointer<Double>) in model.apply(v, curvature: objective.curvature[f], l2: l2) }
                }
            }
            let results = LBFGS.minimizeInLockstep(starts, options: screening, preconditioners: preconditioners,
                                                   evaluate: objective.evaluate)
            let accuracies = used.indices.map { f in objective.heldOutAccuracy(f, results[f].x) }
            let mean = accuracies.reduce(0, +) / Double(accuracies.count)
            solutions.append(results.map(\.x))
            path.append(CrossValidationPoint(
                l2: l2, foldAccuracies: accuracies, meanAccuracy: mean,
                iterations: results.reduce(0) { $0 + $1.iterations }, evaluations: results.reduce(0) { $0 + $1.evaluations },
                converged: results.allSatisfy(\.converged)))
            return mean
        }
        let l2 = walk.strengths[walk.chosen]
        foldObjective = nil   // its copy of the examples goes before the refit makes its own
        // The refit starts from the first fold's fit at the chosen strength, carried over to the
        // standardisation of all the examples.
        let first = model(parameters: solutions[walk.chosen][0], featureCount: featureCount, classes: classes,
                          mean: standardisations[0].mean, scale: standardisations[0].scale, l2: l2)
        let all = SoftmaxRegressionObjective(features: features, rows: rows, labels: labels, featureCount: featureCount,
                                             classes: classes)
        let model = fit(all, l2: l2, options: options, initial: first, preconditioner: shared)
        return CrossValidatedL2(model: model, l2: l2, meanAccuracy: walk.scores[walk.chosen], folds: used.count,
                                path: path, atGridEdge: walk.atGridEdge)
    }

    /// Whether cross-validation builds the shared Hessian model for `rows` examples: n·k ≥ d²/64,
    /// twice as readily as one fit (`preconditionerPays`), because its one eigendecomposition
    /// serves every fold at every strength and the refit. Measured with ReadoutBenchmark and cells
    /// (1,000 per class, 10 classes): at d = 2048 the 5-fold selection took 21.6 s without the
    /// model and 13.1 s with it, the same l2 chosen; at d = 1024 with 100 per class the model made
    /// it slower (1.5 → 1.9 s for both networks), and at d = 4096 building it for every budget
    /// took a cell's transfer phase from 99 s to 172 s and its peak memory past 2 GB, so both
    /// stay without.
    static func preconditionerPaysAcrossFolds(rows: Int, featureCount d: Int, classes: Int) -> Bool {
        rows * classes * 64 >= d * d
    }
}
