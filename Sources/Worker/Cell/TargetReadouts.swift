import Engine
import Foundation
import Shared

/// The readouts of one target task (docs/metrics.md), on splits that are already built: for each
/// budget, a fresh softmax readout on the frozen features of the trained network and of the
/// untrained control, on the same examples.
///
/// Everything a budget of k per class is fitted or tuned on comes from its k × classes examples:
/// the L2 strength is chosen by stratified cross-validation on them and the readout refitted on
/// all of them. Only the `all` budget chooses its strength on the target's validation split, so
/// when no budget is `all` the validation split is never seen through either network.
struct TargetReadouts {
    /// Cross-validation folds for a budget of k per class: min(5, k). Five is the usual
    /// compromise between the variance of the estimate and the cost (each fold is another path
    /// of fits); a smaller budget cannot fill more folds than it has examples per class.
    static let maximumFolds = 5
    /// Decades the path may climb above the strongest grid value while that value keeps winning
    /// (docs/metrics.md).
    static let strongerExtensions = 3

    let target: String
    let section: TransferSection
    let seeds: CellSeeds

    /// Maps a split to the frozen penultimate features of one network (same labels).
    typealias FeatureMap = (LabeledSet) -> LabeledSet

    /// Fits every budget's readouts; `progress` gets one line for the features and one per budget.
    func evaluate(train: LabeledSet, validation: LabeledSet, test: LabeledSet,
                  trained: @escaping FeatureMap, control: @escaping FeatureMap, progress: (String) -> Void) throws -> [TransferResult] {
        let clock = ContinuousClock()
        var options = SoftmaxRegression.defaultSolverOptions
        options.maxIterations = section.maxIterations
        // Each budget's examples are drawn from the labels alone, before any feature is computed.
        var samples: [TransferSection.Budget: [Int]] = [:]
        for case .perClass(let k) in section.budgets {
            samples[.perClass(k)] = ExampleSampling.perClass(
                k, labels: train.labels, classes: train.classes,
                seed: seeds.derived("budget \(target) \(k)", from: seeds.sampling))
        }
        // Features only of the training rows some fit uses: the union of the budgets' samples, or
        // every row when a budget is `all`. At width 1024 features of all 54,000 rows cost ~2 s of
        // a cell for 11,100 rows used; at width 4096 they were 885 MB per network.
        let rows = FeatureRows(samples: Array(samples.values), total: train.count,
                               everyRow: section.budgets.contains(.all))
        let trainRows = rows.isEveryRow ? train : train.subset(rows.rows)
        // One network at a time, so only one network's features are held: at width 4096 the
        // 10,905 train and 10,000 test rows of the default budgets are 340 MB per network. Both
        // networks are fitted on the same examples by the same calls; the per-budget lines
        // follow once both are done.
        var fits: [[ReadoutFit]] = []           // per network, per budget
        // The same through K principal components, if asked, with the components each network had.
        var equalFits: [[(fit: ReadoutFit, components: Int)?]] = []
        var seconds = [Double](repeating: 0, count: section.budgets.count)
        var featureSeconds = 0.0
        for map in [trained, control] {
            let featureStart = clock.now
            let features = (train: map(trainRows), test: map(test))
            featureSeconds += (clock.now - featureStart).seconds
            var network: [ReadoutFit] = [], equal: [(fit: ReadoutFit, components: Int)?] = []
            for (b, budget) in section.budgets.enumerated() {
                let fitStart = clock.now
                switch budget {
                case .all:
                    // The validation split serves only this budget, so its features are computed
                    // here (budgets are unique: once at most) and never when no budget is `all`.
                    let validationFeatures = map(validation)
                    network.append(fitOnValidationSplit(features.train, validation: validationFeatures,
                                                        test: features.test, options: options))
                    equal.append(try section.equalDimension.map { k in
                        let projection = try PrincipalProjection(features: features.train.features,
                                                                 featureCount: features.train.featureCount, dimension: k,
                                                                 allowingFewer: true)
                        return (fitOnValidationSplit(Self.project(features.train, projection),
                                                     validation: Self.project(validationFeatures, projection),
                                                     test: Self.project(features.test, projection), options: options),
                                projection.dimension)
                    })
                case .perClass(let k):
                    let budgetRows = rows.positions(of: samples[budget] ?? [])
                    let folds = min(Self.maximumFolds, k)
                    network.append(try fitCrossValidated(features.train, rows: budgetRows, folds: folds,
                                                         test: features.test, options: options))
                    // The components come from the budget's own examples, like everything else
                    // its readout is fitted or tuned on.
                    equal.append(try section.equalDimension.map { k in
                        let projection = try PrincipalProjection(features: features.train.features, rows: budgetRows,
                                                                 featureCount: features.train.featureCount, dimension: k,
                                                                 allowingFewer: true)
                        return (try fitCrossValidated(Self.project(features.train, projection, rows: budgetRows),
                                                      rows: Array(budgetRows.indices), folds: folds,
                                                      test: Self.project(features.test, projection), options: options),
                                projection.dimension)
                    })
                }
                seconds[b] += (clock.now - fitStart).seconds
            }
            fits.append(network)
            equalFits.append(equal)
        }
        progress(String(format: "transfer %@: features of %d train + %d test examples in %.1f s", target,
                        trainRows.count, test.count, featureSeconds))
        var results: [TransferResult] = []
        for (b, budget) in section.budgets.enumerated() {
            let examples: Int
            switch budget {
            case .all: examples = train.count
            case .perClass: examples = samples[budget]?.count ?? 0
            }
            let (trainedFit, controlFit) = (fits[0][b], fits[1][b])
            var equal: EqualDimensionReadouts?
            if let k = section.equalDimension, let trained = equalFits[0][b], let control = equalFits[1][b] {
                equal = EqualDimensionReadouts(dimension: k, trainedComponents: trained.components,
                                               controlComponents: control.components, trained: trained.fit, control: control.fit)
            }
            results.append(TransferResult(target: target, budget: budget.description, examples: examples,
                                          trained: trainedFit, control: controlFit, equalDimension: equal))
            progress(String(format: "transfer %@ budget %@: trained %.2f%%, control %.2f%% (%.1f s)",
                            target, budget.description, 100 * trainedFit.accuracy, 100 * controlFit.accuracy,
                            seconds[b]))
        }
        return results
    }

    /// `set` (or its rows `rows`, in that order) read through `projection`: same labels.
    static func project(_ set: LabeledSet, _ projection: PrincipalProjection, rows: [Int]? = nil) -> LabeledSet {
        LabeledSet(features: projection.project(set.features, rows: rows), labels: rows.map { $0.map { set.labels[$0] } } ?? set.labels,
                   featureCount: projection.dimension, classes: set.classes)
    }

    /// Fits on rows `rows` of `train` (read in place: no copy of the budget's features).
    private func fitCrossValidated(_ train: LabeledSet, rows: [Int], folds: Int, test: LabeledSet,
                                   options: LBFGS.Options) throws -> ReadoutFit {
        let selection = try SoftmaxRegression.fitCrossValidatingL2(
            features: train.features, rows: rows, labels: rows.map { train.labels[$0] },
            featureCount: train.featureCount, classes: train.classes,
            folds: folds, grid: section.l2Grid, options: options, patience: TransferEvaluator.patience,
            screeningTolerance: TransferEvaluator.screeningTolerance, strongerExtensions: Self.strongerExtensions)
        return ReadoutFit(accuracy: selection.model.accuracy(test.features, labels: test.labels), l2: selection.l2,
                          selection: ReadoutFit.crossValidation, selectionAccuracy: selection.meanAccuracy,
                          folds: selection.folds, l2AtGridEdge: selection.atGridEdge,
                          converged: selection.model.converged)
    }

    private func fitOnValidationSplit(_ train: LabeledSet, validation: LabeledSet, test: LabeledSet,
                                      options: LBFGS.Options) -> ReadoutFit {
        let selection = SoftmaxRegression.fitSelectingL2(
            train: (train.features, train.labels), validation: (validation.features, validation.labels),
            featureCount: train.featureCount, classes: train.classes, grid: section.l2Grid, options: options,
            patience: TransferEvaluator.patience, screeningTolerance: TransferEvaluator.screeningTolerance,
            strongerExtensions: Self.strongerExtensions)
        return ReadoutFit(accuracy: selection.model.accuracy(test.features, labels: test.labels), l2: selection.l2,
                          selection: ReadoutFit.validationSplit, selectionAccuracy: selection.validationAccuracy,
                          folds: nil, l2AtGridEdge: selection.atGridEdge, converged: selection.model.converged)
    }
}
