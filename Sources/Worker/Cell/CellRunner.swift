import Datasets
import Engine
import Foundation
import Shared

/// Runs one cell of a sweep from start to finish: load data, build the task, train to the
/// target accuracy, evaluate, and assemble the `CellResult`.
///
/// The result depends only on the spec, the cell and the BLAS thread count (which is part of
/// the spec): seeds come from `CellSeeds`, never from the clock or the machine.
struct CellRunner {
    let spec: SweepSpec
    /// Datasets already in memory, by name, loaded through the decoded-dataset cache files when
    /// the runner has a cache directory.
    var datasetCache: DatasetCache

    /// `dataCache`: where decoded datasets are cached as files (nil: decode every time). `log`
    /// gets the cache's one-line reports (stale or damaged files, failed writes).
    init(spec: SweepSpec, dataCache: DatasetFileCache? = nil, log: @escaping (String) -> Void = { _ in }) {
        self.spec = spec
        datasetCache = DatasetCache(files: dataCache, log: log)
    }

    /// Trains and evaluates `cell`. `progress` receives each phase as it starts and one report
    /// per epoch and per transfer fit; reports with an empty line only mark a phase change (a
    /// worker forwards them to its coordinator; `worker train` prints only non-empty lines).
    func run(_ cell: CellCoordinate, progress: (ProgressReport) -> Void = { _ in }) throws -> CellResult {
        try produce(cell, progress: progress).result
    }

    /// `run`, plus the files the cell made: the atlas PNGs of a cell the spec's `atlas` section
    /// selects (named in `result.atlas`), none otherwise.
    func produce(_ cell: CellCoordinate,
                 progress: (ProgressReport) -> Void = { _ in }) throws -> (result: CellResult, artifacts: [ResultDelivery.Artifact]) {
        let clock = ContinuousClock()
        let loadStart = clock.now
        progress(ProgressReport(phase: .load, epoch: 0))
        guard let task = spec.task(named: cell.task) else {
            throw CellError.unknownTask(cell.task, known: spec.tasks.map(\.name))
        }
        BLAS.threads = spec.training.threads
        let seeds = CellSeeds(sweepSeed: spec.seed, seed: cell.seed, width: cell.width, task: cell.task)
        let dataset = try datasetCache.dataset(named: task.source.dataset, in: spec)
        let data = try TaskBuilder.build(
            dataset, labels: TaskLabels(task.source.labels, classCount: dataset.classCount),
            validationFraction: spec.training.validationFraction, trainLimit: spec.training.trainExamples,
            splitSeed: seeds.split)
        let loadSeconds = (clock.now - loadStart).seconds

        var training = SpecTranslation.training(spec.training)
        training.targetAccuracy = spec.targetAccuracy(for: task)
        let config = SpecTranslation.model(spec.model, width: cell.width, inputShape: data.shape, classes: data.classCount)
        // Evaluation runs in batches of at least 256 to amortise per-call overhead.
        let network = Network(config: config, batchCapacity: max(training.batchSize, 256),
                              optimizer: training.optimizer.family, seed: seeds.initialization)
        let trainer = Trainer(network: network, config: training, orderSeed: seeds.order)
        let outcome = try trainer.train(data.train.set, validation: data.validation.set) { epoch in
            progress(ProgressReport(phase: .train, epoch: epoch.epoch,
                                    line: Self.describe(epoch, of: training.maxEpochs, target: training.targetAccuracy)))
        }

        let evaluateStart = clock.now
        progress(ProgressReport(phase: .evaluate, epoch: outcome.epochs))
        let testAccuracy = Evaluator(network: network).accuracy(data.test.set)
        let evaluateSeconds = (clock.now - evaluateStart).seconds

        // The random-features control: the same width and seed, never trained.
        let control = Network(config: config, batchCapacity: network.batchCapacity,
                              optimizer: training.optimizer.family, seed: seeds.initialization)
        let transferStart = clock.now
        progress(ProgressReport(phase: .transfer, epoch: outcome.epochs,
                                line: "transfer: fitting readouts on \(task.targets.count) target(s) × \(spec.transfer.budgets.count) budget(s)"))
        let transfer = try TransferEvaluator(spec: spec, task: task, seeds: seeds, datasets: datasetCache)
            .evaluate(trained: network, control: control, sourceShape: data.shape) { line in
                progress(ProgressReport(phase: .transfer, epoch: outcome.epochs, line: line))
            }
        let transferSeconds = (clock.now - transferStart).seconds
        let informationStart = clock.now
        progress(ProgressReport(phase: .information, epoch: outcome.epochs,
                                line: "information: hidden-state metrics on \(min(spec.metrics.probeExamples, data.test.count)) probe examples"))
        let information = try InformationEvaluator(spec: spec, task: task, seeds: seeds)
            .evaluate(trained: network, control: control, data: data, datasetClasses: dataset.classCount)
        let informationSeconds = (clock.now - informationStart).seconds

        var atlas: (result: AtlasResult, artifacts: [ResultDelivery.Artifact])?
        if let section = spec.atlas, section.selects(task: cell.task, seed: cell.seed) {
            progress(ProgressReport(phase: .atlas, epoch: outcome.epochs))
            atlas = try AtlasEvaluator(section: section, seeds: seeds).evaluate(trained: network, data: data) { line in
                progress(ProgressReport(phase: .atlas, epoch: outcome.epochs, line: line))
            }
        }

        let source = SourceResult(
            task: cell.task, classes: data.classNames, testAccuracy: testAccuracy,
            validationAccuracy: outcome.validationAccuracy, targetAccuracy: training.targetAccuracy,
            targetMet: outcome.targetMet, epochs: outcome.epochs, steps: outcome.steps,
            examplesSeen: outcome.examplesSeen, epochsSeen: Double(outcome.examplesSeen) / Double(data.train.count),
            checkEvery: outcome.checkEvery, trainExamples: data.train.count,
            validationExamples: data.validation.count, testExamples: data.test.count,
            history: outcome.history.map {
                EpochSummary(epoch: $0.epoch, trainLoss: $0.trainLoss, trainAccuracy: $0.trainAccuracy,
                             validationAccuracy: $0.validationAccuracy, learningRate: $0.learningRate)
            },
            checks: outcome.checks.map { CheckSummary(step: $0.step, validationAccuracy: $0.validationAccuracy) })
        let result = CellResult(
            cellKey: spec.cellKey(cell, engineVersion: WidthsweepVersion.engine), cell: cell,
            engineVersion: WidthsweepVersion.engine, model: Self.summary(spec.model, network),
            source: source, transfer: transfer, information: information,
            timings: PhaseTimings(loadSeconds: loadSeconds, trainSeconds: outcome.seconds, evaluateSeconds: evaluateSeconds,
                                  transferSeconds: transferSeconds, informationSeconds: informationSeconds),
            environment: RunEnvironment(host: ProcessInfo.processInfo.hostName, blasCore: BLAS.coreName,
                                        blasThreads: BLAS.threads),
            atlas: atlas?.result)
        try result.validate()
        return (result, atlas?.artifacts ?? [])
    }

    static func summary(_ model: ModelSpec, _ network: Network) -> ModelSummary {
        let config = network.config
        let family: String, depth: Int
        switch config.architecture {
        case .mlp(let d): (family, depth) = ("mlp", d)
        case .cnn: (family, depth) = ("cnn", 3)
        }
        return ModelSummary(family: family, depth: depth, width: config.width,
                            parameterization: config.parameterization.rawValue, baseWidth: model.baseWidth ?? config.width,
                            featureWidth: network.featureWidth, parameterCount: network.parameters.reduce(0) { $0 + $1.count })
    }

    static func describe(_ e: EpochRecord, of maxEpochs: Int, target: Double?) -> String {
        func pct(_ x: Double) -> String { String(format: "%.2f%%", 100 * x) }
        // The step shows where in the epoch a stop came: an epoch cut short by the target ends
        // before the epoch's full count of steps.
        var line = "epoch \(e.epoch)/\(maxEpochs)  step \(e.step)  loss \(String(format: "%.4f", e.trainLoss))  train \(pct(e.trainAccuracy))  val \(pct(e.validationAccuracy))"
        if let target { line += " (target \(pct(target)))" }
        return line + String(format: "  %.1f s", e.seconds)
    }
}
