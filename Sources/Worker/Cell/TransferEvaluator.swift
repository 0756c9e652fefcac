import Datasets
import Foundation
import Engine
import Shared

/// Last-layer fine-tuning (DESIGN §6): for each target of the cell's task and each budget, a
/// fresh softmax readout on the frozen penultimate features of the trained network and of the
/// untrained control, on the same examples, L2 chosen on the target's validation split.
struct TransferEvaluator {
    /// Strengths past the best that may fail to improve before the L2 path stops: the weakest
    /// penalties are the slowest fits and, on large budgets, rarely the best (docs/metrics.md).
    static let patience = 2
    /// Gradient tolerance of the fits that only rank L2 strengths; the chosen one is then fitted
    /// to the solver's full tolerance (docs/metrics.md).
    static let screeningTolerance = 1e-3

    let spec: SweepSpec
    let task: TaskSpec
    let seeds: CellSeeds
    let datasets: DatasetCache

    /// Fits every readout; `progress` gets one line per target × budget.
    func evaluate(trained: Network, control: Network, sourceShape: ImageShape,
                  progress: (String) -> Void) throws -> [TransferResult] {
        let clock = ContinuousClock()
        var rows: [TransferResult] = []
        var options = SoftmaxRegression.defaultSolverOptions
        options.maxIterations = spec.transfer.maxIterations
        for target in task.targets {
            let dataset = try datasets.dataset(named: target.data.dataset, in: spec)
            guard dataset.shape == sourceShape else {
                throw CellError.incompatibleTarget(target.name, shape: dataset.shape.description, source: sourceShape.description)
            }
            let data = try TaskBuilder.build(
                dataset, labels: SpecTranslation.labels(target.data.labels, classCount: dataset.classCount),
                validationFraction: spec.training.validationFraction, trainLimit: nil,
                splitSeed: seeds.derived("target \(target.name)", from: seeds.split))
            let featureStart = clock.now
            let nets = [trained, control].map { net in
                let frozen = Evaluator(network: net)
                return (train: frozen.featureSet(data.train.set), validation: frozen.featureSet(data.validation.set),
                        test: frozen.featureSet(data.test.set))
            }
            progress(String(format: "transfer %@: features of %d+%d+%d examples in %.1f s", target.name,
                            data.train.count, data.validation.count, data.test.count, (clock.now - featureStart).seconds))
            for budget in spec.transfer.budgets {
                let fitStart = clock.now
                let indices: [Int]
                switch budget {
                case .all: indices = Array(0..<data.train.count)
                case .perClass(let n):
                    indices = ExampleSampling.perClass(
                        n, labels: data.train.set.labels, classes: data.classCount,
                        seed: seeds.derived("budget \(target.name) \(n)", from: seeds.sampling))
                }
                let fits = nets.map { features in
                    fit(budget == .all ? features.train : features.train.subset(indices),
                        validation: features.validation, test: features.test, options: options)
                }
                rows.append(TransferResult(target: target.name, budget: budget.description, examples: indices.count,
                                           trained: fits[0], control: fits[1]))
                progress(String(format: "transfer %@ budget %@: trained %.2f%%, control %.2f%% (%.1f s)",
                                target.name, budget.description, 100 * fits[0].accuracy, 100 * fits[1].accuracy,
                                (clock.now - fitStart).seconds))
            }
        }
        return rows
    }

    private func fit(_ train: LabeledSet, validation: LabeledSet, test: LabeledSet,
                     options: LBFGS.Options) -> ReadoutFit {
        let selection = SoftmaxRegression.fitSelectingL2(
            train: (train.features, train.labels), validation: (validation.features, validation.labels),
            featureCount: train.featureCount, classes: train.classes,
            grid: spec.transfer.l2Grid, options: options, patience: Self.patience,
            screeningTolerance: Self.screeningTolerance)
        return ReadoutFit(accuracy: selection.model.accuracy(test.features, labels: test.labels),
                          l2: selection.l2, validationAccuracy: selection.validationAccuracy,
                          converged: selection.model.converged)
    }
}
