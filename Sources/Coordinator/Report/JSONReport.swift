import Foundation
import Shared

/// `report/results.json`: everything the other formats show, machine-readable — the aggregates
/// per task, metric and width, the headline sentences with the tests behind them, and every
/// cell with its full stored result.
struct JSONReport {
    let report: SweepReport

    /// Bumped whenever a field's meaning changes. 2: t intervals everywhere, and the headline's
    /// slope and equivalence tests in place of Spearman's ρ.
    static let formatVersion = 2

    private struct Document: Encodable {
        var format = "widthsweep-report"
        var formatVersion = JSONReport.formatVersion
        var sweep: String
        var generatedAt: String
        var engineVersion: String?
        var model: String
        var parameterization: String
        var options: ReportOptions
        var widths: [Int]
        var seeds: [Int]
        var budgets: [String]
        var counts: [String: Int]
        /// Each model variant with its settings; empty when the sweep lists no model axis.
        var variants: [Variant]
        var headlines: [TaskHeadline]
        /// With exactly two variants: per task, the first's width effects minus the second's.
        var comparisons: [VariantComparison]
        var tasks: [TaskSummary]
        var cells: [Cell]
        var accounting: Accounting
        var workers: [WorkerThroughput]
        var determinismWarnings: [DeterminismWarning]
        /// Every activation atlas's numbers and image paths, not the images.
        var atlases: [AtlasEntry]
        var specProblem: String?
        var spec: String?
    }

    private struct Variant: Encodable {
        var name: String
        var description: String
    }

    private struct Cell: Encodable {
        var key: String
        var cell: CellCoordinate
        var status: ReportCell.Status
        var included: Bool
        var missedTarget: Bool
        var worker: String?
        var host: String?
        var attempt: Int?
        var failedAttempts: Int
        var problem: String?
        var result: CellResult?
    }

    private struct Accounting: Encodable {
        var workerSeconds, finishedSeconds, longestCellSeconds, makespanSeconds: Double
        var slots: Int
        var utilisation, lowerBoundSeconds, makespanRatio: Double
    }

    func render() throws -> Data {
        let formatter = ISO8601DateFormatter()
        var counts: [String: Int] = ["total": report.cells.count]
        for status in [ReportCell.Status.finished, .queued, .running, .failed, .unreadable] {
            counts[status.rawValue] = report.count(status)
        }
        let a = report.accounting
        let document = Document(
            sweep: report.name, generatedAt: formatter.string(from: report.generatedAt), engineVersion: report.engineVersion,
            model: report.model, parameterization: report.parameterization, options: report.options,
            widths: report.layout.widths, seeds: report.layout.seeds, budgets: report.layout.budgets, counts: counts,
            variants: report.variantDescriptions.map { Variant(name: $0.name, description: $0.description) },
            headlines: report.headlines, comparisons: report.comparisons, tasks: report.tasks,
            cells: report.cells.map { cell in
                Cell(key: cell.key, cell: cell.cell, status: cell.status, included: cell.counts(under: report.options),
                     missedTarget: cell.missedTarget, worker: cell.worker, host: cell.host, attempt: cell.attempt,
                     failedAttempts: cell.failedAttempts, problem: cell.problem, result: cell.result)
            },
            accounting: Accounting(workerSeconds: a.workerSeconds, finishedSeconds: a.finishedSeconds,
                                   longestCellSeconds: a.longestCellSeconds, makespanSeconds: a.makespanSeconds, slots: a.slots,
                                   utilisation: a.utilisation, lowerBoundSeconds: a.lowerBoundSeconds, makespanRatio: a.makespanRatio),
            workers: report.workers, determinismWarnings: report.determinismWarnings, atlases: report.atlases.entries,
            specProblem: report.specProblem, spec: report.specYAML)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Results are validated finite, so this only keeps a bug elsewhere from losing the whole file.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(document)
    }
}
