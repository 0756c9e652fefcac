@testable import Coordinator
import Foundation
import Shared

/// Small sweeps with chosen numbers for the report's tests: one coarse → fine task, one target,
/// budgets 10 and all, under μP — so every aggregate can be worked out by hand.
enum ReportFixtures {
    static let task = "coarse"

    static func spec(widths: [Int], seeds: [Int], targetAccuracy: Double? = 0.8) -> String {
        """
        name: report-test
        datasets:
          toy: {format: synthetic, classes: 4}
        model: {family: mlp, parameterization: mup, base_width: 16}
        widths: [\(widths.map(String.init).joined(separator: ", "))]
        seeds: [\(seeds.map(String.init).joined(separator: ", "))]
        tasks:
          coarse:
            source: {dataset: toy, groups: {low: [0, 1], high: [2, 3]}}
            targets:
              fine: {dataset: toy, classes: all}
            target_accuracy: \(targetAccuracy.map { "\($0)" } ?? "null")
        transfer: {budgets: [10, all]}
        """
    }

    /// The numbers of one cell; everything not named is a plain valid value.
    struct Values {
        var sourceTest = 0.85
        var targetMet = true
        var transfer10 = (trained: 0.5, control: 0.4)
        var transferAll = (trained: 0.7, control: 0.6)
        var participation = (trained: 3.0, control: 2.0)
        var fineProbe = (trained: 0.6, control: 0.5)
    }

    static func key(_ cell: CellCoordinate) -> String { SHA256.hexDigest(of: "report test \(cell)") }

    static func result(_ cell: CellCoordinate, _ values: Values, targetAccuracy: Double? = 0.8) -> CellResult {
        func fit(_ accuracy: Double) -> ReadoutFit { ReadoutFit(accuracy: accuracy, l2: 0.01, selection: ReadoutFit.crossValidation, selectionAccuracy: accuracy,
                                                                folds: 5, l2AtGridEdge: false, converged: true) }
        func hidden(_ participation: Double, _ fine: Double) -> HiddenStateMetrics {
            HiddenStateMetrics(reconstructionR2: 0.5, reconstructionL2: 1, fineProbeAccuracy: fine, participationRatio: participation,
                               collapseRatio: 0.2, neuronSelectivity: 0.1, directionSelectivity: 0.3, deadUnits: 0)
        }
        return CellResult(
            cellKey: key(cell), cell: cell, engineVersion: "test",
            model: ModelSummary(family: "mlp", depth: 1, width: cell.width, parameterization: "mup", baseWidth: 16,
                                featureWidth: cell.width, parameterCount: 100 * cell.width),
            source: SourceResult(task: cell.task, classes: ["low", "high"], testAccuracy: values.sourceTest,
                                 validationAccuracy: values.sourceTest, targetAccuracy: targetAccuracy, targetMet: values.targetMet,
                                 epochs: 3, steps: 30, examplesSeen: 300, epochsSeen: 3, checkEvery: 10, trainExamples: 100,
                                 validationExamples: 10, testExamples: 10, history: [],
                                 checks: [CheckSummary(step: 30, validationAccuracy: values.sourceTest)]),
            transfer: [
                TransferResult(target: "fine", budget: "10", examples: 40, trained: fit(values.transfer10.trained),
                               control: fit(values.transfer10.control)),
                TransferResult(target: "fine", budget: "all", examples: 400, trained: fit(values.transferAll.trained),
                               control: fit(values.transferAll.control)),
            ],
            information: InformationResult(probeExamples: 10, fitExamples: 20,
                                           trained: hidden(values.participation.trained, values.fineProbe.trained),
                                           control: hidden(values.participation.control, values.fineProbe.control)),
            timings: PhaseTimings(loadSeconds: 0.1, trainSeconds: 1, evaluateSeconds: 0.1, transferSeconds: 0.5, informationSeconds: 0.2),
            environment: RunEnvironment(host: "h", blasCore: "Haswell", blasThreads: 1))
    }

    static func finished(_ width: Int, _ seed: Int, _ values: Values, targetAccuracy: Double? = 0.8) -> ReportCell {
        let cell = CellCoordinate(width: width, seed: seed, task: task)
        return ReportCell(key: key(cell), cell: cell, status: .finished, result: result(cell, values, targetAccuracy: targetAccuracy),
                          worker: "w1", host: "h", attempt: 1)
    }

    static func unfinished(_ width: Int, _ seed: Int, _ status: ReportCell.Status, problem: String? = nil) -> ReportCell {
        let cell = CellCoordinate(width: width, seed: seed, task: task)
        return ReportCell(key: key(cell), cell: cell, status: status, problem: problem, failedAttempts: status == .failed ? 3 : 0)
    }

    /// The aggregation fixture: widths 16 and 64 × seeds 0, 1, 2. At 16 every seed finished and
    /// seed 1 missed the source target; at 64 seed 2 is still queued.
    ///
    /// Participation ratio (trained / control): w16 → 2/1, 4/2, 6/3; w64 → 10/5, 14/6.
    /// Transfer at 10 per class (trained / control): w16 → 0.5/0.4, 0.6/0.4, 0.7/0.4; w64 → 0.8/0.5, 0.9/0.5.
    static func aggregationCells() -> [ReportCell] {
        func values(_ participation: (Double, Double), _ transfer: (Double, Double), met: Bool = true) -> Values {
            var values = Values()
            values.participation = participation
            values.transfer10 = transfer
            values.targetMet = met
            return values
        }
        return [
            finished(64, 0, values((10, 5), (0.8, 0.5))),
            finished(16, 0, values((2, 1), (0.5, 0.4))),
            finished(64, 1, values((14, 6), (0.9, 0.5))),
            finished(16, 1, values((4, 2), (0.6, 0.4), met: false)),
            unfinished(64, 2, .queued),
            finished(16, 2, values((6, 3), (0.7, 0.4))),
        ]
    }

    static func report(_ cells: [ReportCell], widths: [Int], seeds: [Int], events: [Journal.EventRow] = [],
                       options: ReportOptions = ReportOptions()) -> SweepReport {
        SweepReport(specYAML: spec(widths: widths, seeds: seeds), engineVersion: "test", cells: cells, events: events,
                    options: options, generatedAt: Date(timeIntervalSince1970: 1_700_000_000))
    }

    /// Cells at `widths` × `seeds` whose transfer accuracy at 10 per class is `trained(widthIndex, seed)`
    /// and whose control is 0.4 + 0.001 · seed.
    static func trendCells(widths: [Int], seeds: [Int], trained: (Int, Int) -> Double) -> [ReportCell] {
        seeds.flatMap { seed in
            widths.enumerated().map { index, width in
                var values = Values()
                values.transfer10 = (trained(index, seed), 0.4 + 0.001 * Double(seed))
                return finished(width, seed, values)
            }
        }
    }
}
