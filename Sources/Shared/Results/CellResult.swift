/// Everything one cell produced: what it was, how the source network trained, how long it took.
///
/// This is the record the worker prints (`worker train --json`) and later sends to the
/// coordinator, which stores it verbatim. `schemaVersion` changes whenever a field's meaning
/// changes; readers refuse versions they do not know instead of guessing.
public struct CellResult: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 3

    public var schemaVersion: Int
    /// SHA-256 cell key (see docs/spec.md): equal keys mean equal results.
    public var cellKey: String
    public var cell: CellCoordinate
    public var engineVersion: String
    public var model: ModelSummary
    public var source: SourceResult
    /// One row per target task × budget, in spec order.
    public var transfer: [TransferResult]
    public var information: InformationResult
    public var timings: PhaseTimings
    /// Where it ran; informational, not part of the result's identity.
    public var environment: RunEnvironment
    /// The activation atlas, for cells the spec's `atlas` section selects; absent otherwise.
    public var atlas: AtlasResult?

    public init(cellKey: String, cell: CellCoordinate, engineVersion: String, model: ModelSummary,
                source: SourceResult, transfer: [TransferResult], information: InformationResult,
                timings: PhaseTimings, environment: RunEnvironment, atlas: AtlasResult? = nil) {
        schemaVersion = Self.currentSchemaVersion
        self.cellKey = cellKey
        self.cell = cell
        self.engineVersion = engineVersion
        self.model = model
        self.source = source
        self.transfer = transfer
        self.information = information
        self.timings = timings
        self.environment = environment
        self.atlas = atlas
    }
}

/// The trained network's shape and parameterization (the report must say which one was used).
public struct ModelSummary: Codable, Sendable, Equatable {
    public var family: String
    /// Hidden layers (MLP) or convolution stages (CNN).
    public var depth: Int
    public var width: Int
    public var parameterization: String
    public var baseWidth: Int
    /// Penultimate-layer width: the feature space transfer and probes work on.
    public var featureWidth: Int
    public var parameterCount: Int

    public init(family: String, depth: Int, width: Int, parameterization: String, baseWidth: Int,
                featureWidth: Int, parameterCount: Int) {
        self.family = family
        self.depth = depth
        self.width = width
        self.parameterization = parameterization
        self.baseWidth = baseWidth
        self.featureWidth = featureWidth
        self.parameterCount = parameterCount
    }
}

/// The source task: the "same accuracy" that the width comparison is conditioned on.
public struct SourceResult: Codable, Sendable, Equatable {
    public var task: String
    public var classes: [String]
    public var testAccuracy: Double
    /// Validation accuracy when training stopped (the last of `checks`).
    public var validationAccuracy: Double
    /// The stopping rule's target; nil when the cell trains a fixed number of epochs.
    public var targetAccuracy: Double?
    public var targetMet: Bool
    /// Epochs begun; the last may have stopped partway (`epochsSeen` says how far).
    public var epochs: Int
    /// Optimizer steps taken: the step at which training stopped.
    public var steps: Int
    /// Training examples processed before the stop, counting each pass over an example.
    public var examplesSeen: Int
    /// `examplesSeen` in epochs (over `trainExamples`): how much training the stop allowed,
    /// to a fraction of an epoch.
    public var epochsSeen: Double
    /// Steps between validation checks (an epoch's last step is checked as well).
    public var checkEvery: Int
    public var trainExamples: Int
    public var validationExamples: Int
    public var testExamples: Int
    /// One entry per epoch begun; the last covers only the examples before the stop.
    public var history: [EpochSummary]
    /// Every validation check, in order; the last is at `steps`, with `validationAccuracy`.
    /// A reader sees where each width crossed the target, and where it would cross another.
    public var checks: [CheckSummary]

    public init(task: String, classes: [String], testAccuracy: Double, validationAccuracy: Double,
                targetAccuracy: Double?, targetMet: Bool, epochs: Int, steps: Int, examplesSeen: Int,
                epochsSeen: Double, checkEvery: Int, trainExamples: Int, validationExamples: Int,
                testExamples: Int, history: [EpochSummary], checks: [CheckSummary]) {
        self.task = task
        self.classes = classes
        self.testAccuracy = testAccuracy
        self.validationAccuracy = validationAccuracy
        self.targetAccuracy = targetAccuracy
        self.targetMet = targetMet
        self.epochs = epochs
        self.steps = steps
        self.examplesSeen = examplesSeen
        self.epochsSeen = epochsSeen
        self.checkEvery = checkEvery
        self.trainExamples = trainExamples
        self.validationExamples = validationExamples
        self.testExamples = testExamples
        self.history = history
        self.checks = checks
    }
}

/// One validation check of the stopping rule as recorded in the result.
public struct CheckSummary: Codable, Sendable, Equatable {
    /// Optimizer steps taken when the check ran.
    public var step: Int
    public var validationAccuracy: Double

    public init(step: Int, validationAccuracy: Double) {
        self.step = step
        self.validationAccuracy = validationAccuracy
    }
}

/// One training epoch as recorded in the result.
public struct EpochSummary: Codable, Sendable, Equatable {
    public var epoch: Int
    public var trainLoss: Double
    public var trainAccuracy: Double
    public var validationAccuracy: Double
    public var learningRate: Double

    public init(epoch: Int, trainLoss: Double, trainAccuracy: Double, validationAccuracy: Double, learningRate: Double) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.validationAccuracy = validationAccuracy
        self.learningRate = learningRate
    }
}

/// Wall-clock seconds per phase of the cell, so slow phases are visible per width (and the
/// claim "metrics cost less than training" can be checked cell by cell).
public struct PhaseTimings: Codable, Sendable, Equatable {
    /// Reading data and building the source task.
    public var loadSeconds: Double
    public var trainSeconds: Double
    /// Source test accuracy.
    public var evaluateSeconds: Double
    /// Loading target tasks, extracting features and fitting every readout (trained and control).
    public var transferSeconds: Double
    /// The hidden-state metrics on the probe set (trained and control).
    public var informationSeconds: Double

    public init(loadSeconds: Double, trainSeconds: Double, evaluateSeconds: Double,
                transferSeconds: Double, informationSeconds: Double) {
        self.loadSeconds = loadSeconds
        self.trainSeconds = trainSeconds
        self.evaluateSeconds = evaluateSeconds
        self.transferSeconds = transferSeconds
        self.informationSeconds = informationSeconds
    }

    public var totalSeconds: Double {
        loadSeconds + trainSeconds + evaluateSeconds + transferSeconds + informationSeconds
    }
}

/// The machine facts that explain a cell's speed (and, for BLAS threads, its exact bits).
public struct RunEnvironment: Codable, Sendable, Equatable {
    public var host: String
    public var blasCore: String
    public var blasThreads: Int

    public init(host: String, blasCore: String, blasThreads: Int) {
        self.host = host
        self.blasCore = blasCore
        self.blasThreads = blasThreads
    }
}
