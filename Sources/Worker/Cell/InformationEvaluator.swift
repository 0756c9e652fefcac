import Datasets
import Engine
import Shared

/// Information in the penultimate hidden state (docs/metrics.md) on a fixed probe set of held-out
/// source-task examples, for the trained network and for the untrained control.
///
/// The probe set (test rows) and the fitting set (train rows) are subsampled with the cell's
/// sampling seed, which does not depend on width, so every width is measured on the same
/// examples.
struct InformationEvaluator {
    let spec: SweepSpec
    let task: TaskSpec
    let seeds: CellSeeds

    /// - Parameter datasetClasses: classes of the source dataset, the label range of the fine labels.
    func evaluate(trained: Network, control: Network, data: TaskData, datasetClasses: Int) throws -> InformationResult {
        let metrics = spec.metrics
        let fitRows = ExampleSampling.uniform(metrics.fitExamples, of: data.train.count,
                                              seed: seeds.derived("fit set", from: seeds.split))
        let probeRows = ExampleSampling.uniform(metrics.probeExamples, of: data.test.count,
                                                seed: seeds.derived("probe set", from: seeds.split))
        let fitSet = data.train.set.subset(fitRows), probeSet = data.test.set.subset(probeRows)
        // Fine labels exist only when the source task groups classes.
        var fine: (fit: [Int32], probe: [Int32], validation: [Int32], classes: Int)?
        if case .groups = task.source.labels {
            fine = (fitRows.map { data.train.originalLabels[$0] }, probeRows.map { data.test.originalLabels[$0] },
                    data.validation.originalLabels, datasetClasses)
        }
        let fitInputs = fitSet.matrix, probeInputs = probeSet.matrix
        func measure(_ network: Network) throws -> HiddenStateMetrics {
            let frozen = Evaluator(network: network)
            let fitHidden = frozen.featureSet(fitSet), probeHidden = frozen.featureSet(probeSet)
            let probeMatrix = probeHidden.matrix
            let ridge = try RidgeReconstruction(trainHidden: fitHidden.matrix, trainInputs: fitInputs)
            let r2 = try ridge.r2(testHidden: probeMatrix, testInputs: probeInputs)
            var fineAccuracy: Double?
            if let fine {
                let validation = frozen.featureSet(data.validation.set)
                let selection = SoftmaxRegression.fitSelectingL2(
                    train: (fitHidden.features, fine.fit), validation: (validation.features, fine.validation),
                    featureCount: fitHidden.featureCount, classes: fine.classes, grid: spec.transfer.l2Grid,
                    patience: TransferEvaluator.patience, screeningTolerance: TransferEvaluator.screeningTolerance)
                fineAccuracy = selection.model.accuracy(probeHidden.features, labels: fine.probe)
            }
            let classes = data.classCount
            // One covariance serves the participation ratio and the principal directions.
            let covariance = try Covariance(probeMatrix)
            let present = Set(probeSet.labels).count
            let directions = try PrincipalDirections(
                probeMatrix, covariance: covariance,
                count: min(metrics.directions ?? max(1, present - 1), probeHidden.featureCount))
            let directionScores = try directionSelectivity(probeMatrix, labels: probeSet.labels, classes: classes,
                                                           directions: directions)
            // A layer whose units are all dead has no unit to score: selectivity 0, all dead.
            var neuronMean = 0.0, dead = probeHidden.featureCount
            do {
                let neurons = try neuronSelectivity(probeMatrix, labels: probeSet.labels, classes: classes)
                (neuronMean, dead) = (neurons.mean, neurons.dead)
            } catch MetricError.degenerate {}
            return HiddenStateMetrics(
                reconstructionR2: r2, reconstructionL2: ridge.lambda, fineProbeAccuracy: fineAccuracy,
                participationRatio: try participationRatio(of: covariance),
                collapseRatio: try collapseRatio(probeMatrix, labels: probeSet.labels, classes: classes),
                neuronSelectivity: neuronMean, directionSelectivity: directionScores.mean, deadUnits: dead)
        }
        return InformationResult(probeExamples: probeSet.count, fitExamples: fitSet.count,
                                 trained: try measure(trained), control: try measure(control))
    }
}
