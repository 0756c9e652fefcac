@testable import Coordinator
import Shared

/// Journal cells and results for dispatcher tests.
///
/// Keys are made up (SHA-256 of a label): the dispatcher never derives a key, it only checks
/// that a result's `cell` is the coordinate the journal gave for that key (§6.2).
enum CellFixtures {
    static let task = "split"
    static let widths = [64, 32, 16, 8]

    static func key(_ index: Int) -> String { SHA256.hexDigest(of: "test cell \(index)") }

    /// A key that is no cell of any harness sweep.
    static let strangerKey = SHA256.hexDigest(of: "not a cell of this sweep")

    /// `count` queued cells in dispatch order: ordinal i, seed-major, widest first.
    static func cells(_ count: Int, attemptsAssigned: Int = 0) -> [JournalCell] {
        (0..<count).map { i in
            JournalCell(key: key(i), cell: CellCoordinate(width: widths[i % widths.count], seed: i / widths.count, task: task),
                        ordinal: i, state: .queued, attemptsAssigned: attemptsAssigned, failedAttempts: 0, lastError: nil)
        }
    }

    /// A result that passes `CellResult.validate()` for `key` at `cell`.
    static func result(key: String, cell: CellCoordinate, engineVersion: String = WidthsweepVersion.engine,
                       testAccuracy: Double = 0.9) -> CellResult {
        let fit = ReadoutFit(accuracy: 0.8, l2: 0.01, selection: ReadoutFit.crossValidation, selectionAccuracy: 0.7,
                             folds: 5, l2AtGridEdge: false, converged: true)
        let hiddenState = HiddenStateMetrics(reconstructionR2: 0.5, reconstructionL2: 1, fineProbeAccuracy: nil,
                                             participationRatio: 3, collapseRatio: 0.2, neuronSelectivity: 0.1,
                                             directionSelectivity: 0.3, deadUnits: 2)
        return CellResult(
            cellKey: key, cell: cell, engineVersion: engineVersion,
            model: ModelSummary(family: "mlp", depth: 2, width: cell.width, parameterization: "mup", baseWidth: 16,
                                featureWidth: cell.width, parameterCount: 1000),
            source: SourceResult(task: cell.task, classes: ["a", "b"], testAccuracy: testAccuracy, validationAccuracy: 0.9,
                                 targetAccuracy: nil, targetMet: true, epochs: 1, steps: 10, examplesSeen: 100, epochsSeen: 1,
                                 checkEvery: 10, trainExamples: 100, validationExamples: 10, testExamples: 10,
                                 history: [EpochSummary(epoch: 1, trainLoss: 0.5, trainAccuracy: 0.8,
                                                        validationAccuracy: 0.9, learningRate: 0.1)],
                                 checks: [CheckSummary(step: 10, validationAccuracy: 0.9)]),
            transfer: [TransferResult(target: "t", budget: "10", examples: 20, trained: fit, control: fit)],
            information: InformationResult(probeExamples: 10, fitExamples: 20, trained: hiddenState, control: hiddenState),
            timings: PhaseTimings(loadSeconds: 1, trainSeconds: 2, evaluateSeconds: 0, transferSeconds: 1,
                                  informationSeconds: 1),
            environment: RunEnvironment(host: "h", blasCore: "Haswell", blasThreads: 1))
    }

    /// A valid `RESULT` for what an `ASSIGN` carried.
    static func delivery(for assigned: Assigned, result: CellResult? = nil) throws -> ResultDelivery {
        try ResultDelivery(leaseId: assigned.leaseId, cellKey: assigned.cellKey, attempt: assigned.attempt,
                           result: result ?? Self.result(key: assigned.cellKey, cell: assigned.cell))
    }
}
