import Foundation
import Shared

/// The table `coordinator run` prints when it ends: one row per finished cell with its source
/// accuracy and every transfer accuracy (trained / random-features control), then the failed
/// cells with their last error. Built from the journal alone. Compact enough for a terminal;
/// the aggregated report (`SweepReport`, docs/report.md) is what `coordinator report` writes.
struct PlainReport {
    let journal: Journal

    func render() throws -> String {
        let finished = try journal.finishedResults()
        let failed = try journal.failedCells()
        var results: [(row: Journal.FinishedRow, result: CellResult)] = []
        var unreadable: [String] = []
        let decoder = JSONDecoder()
        for row in finished {
            if let result = try? decoder.decode(CellResult.self, from: Data(row.resultJSON)) {
                results.append((row, result))
            } else {
                unreadable.append("\(row.cell)")
            }
        }
        var lines: [String] = []
        let columns = results.first.map { $0.result.transfer.map { "\($0.target)@\($0.budget)" } } ?? []
        let header = ["cell", "epochs", "val at stop", "test acc", "target"] + columns.map { $0 + " trained/control" }
        var rows: [[String]] = []
        for (row, result) in results {
            let source = result.source
            let target = source.targetAccuracy == nil ? "–" : (source.targetMet ? "met" : "missed")
            rows.append(["\(row.cell)", String(format: "%.2f", source.epochsSeen), Self.percent(source.validationAccuracy),
                         Self.percent(source.testAccuracy), target]
                + result.transfer.map { Self.percent($0.trained.accuracy) + " / " + Self.percent($0.control.accuracy) })
        }
        if !rows.isEmpty { lines += Self.table(header: header, rows: rows) }
        lines.append("\(finished.count) finished, \(failed.count) failed")
        for cell in failed {
            let last = cell.error.split(separator: "\n").last.map(String.init) ?? cell.error
            lines.append("failed \(cell.cell) after \(cell.attempts) attempts: \(last)")
        }
        if !unreadable.isEmpty { lines.append("unreadable stored results: " + unreadable.joined(separator: ", ")) }
        let accounting = SweepAccounting(events: try journal.events())
        if accounting.makespanSeconds > 0 {
            lines.append(String(format: "accounting: worker time %@, makespan %@ on %d slot%@ (utilisation %.0f%%); lower bound %@ = max(worker time / slots, longest cell %@): makespan %.2f× the bound",
                                Self.duration(accounting.workerSeconds), Self.duration(accounting.makespanSeconds), accounting.slots,
                                accounting.slots == 1 ? "" : "s", 100 * accounting.utilisation, Self.duration(accounting.lowerBoundSeconds),
                                Self.duration(accounting.longestCellSeconds), accounting.makespanRatio))
        }
        let warnings = try journal.determinismWarningCount()
        if warnings > 0 { lines.append("\(warnings) determinism warning\(warnings == 1 ? "" : "s"): a cell computed twice gave different numbers") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%dh%02dm", s / 3600, s % 3600 / 60) : s >= 60 ? String(format: "%dm%02ds", s / 60, s % 60)
            : String(format: "%.1fs", seconds)
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", 100 * value) }

    static func table(header: [String], rows: [[String]]) -> [String] {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func format(_ row: [String]) -> String {
            row.enumerated().map { i, cell in cell.padding(toLength: i < widths.count ? widths[i] : cell.count, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return [format(header)] + rows.map(format)
    }
}
