import Datasets
import Foundation
import Engine
import Shared

/// Last-layer fine-tuning (docs/metrics.md): for each target of the cell's task and each budget, a
/// fresh softmax readout on the frozen penultimate features of the trained network and of the
/// untrained control, on the same examples (`TargetReadouts`): L2 chosen by cross-validation on
/// a budget's own examples, or on the target's validation split for the `all` budget.
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

    /// Fits every readout; `progress` gets one line per target's features and per target × budget.
    func evaluate(trained: Network, control: Network, sourceShape: ImageShape,
                  progress: (String) -> Void) throws -> [TransferResult] {
        var rows: [TransferResult] = []
        for target in task.targets {
            let dataset = try datasets.dataset(named: target.data.dataset, in: spec)
            guard dataset.shape == sourceShape else {
                throw CellError.incompatibleTarget(target.name, shape: dataset.shape.description, source: sourceShape.description)
            }
            let data = try TaskBuilder.build(
                dataset, labels: TaskLabels(target.data.labels, classCount: dataset.classCount),
                validationFraction: spec.training.validationFraction, trainLimit: nil,
                splitSeed: seeds.derived("target \(target.name)", from: seeds.split))
            rows += try TargetReadouts(target: target.name, section: spec.transfer, seeds: seeds).evaluate(
                train: data.train.set, validation: data.validation.set, test: data.test.set,
                trained: Evaluator(network: trained).featureSet, control: Evaluator(network: control).featureSet,
                progress: progress)
        }
        return rows
    }
}
