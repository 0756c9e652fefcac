import Foundation

/// `report/summary.md`: the headline, the setup, a table per task and quantity, failed cells
/// and accounting — the report without plots, for a terminal, a pull request or a lab notebook.
struct MarkdownReport {
    let report: SweepReport

    func render() -> String {
        var out: [String] = ["# Sweep \(report.name)", ""]
        out.append("\(report.statusLine) Generated \(ReportFormat.timestamp(report.generatedAt)) from the journal"
            + (report.engineVersion.map { "; engine \($0)" } ?? "") + ".")
        out.append("")
        out.append("- Model: \(report.model)")
        out.append("- Parameterization: \(report.parameterization)")
        if !report.variantDescriptions.isEmpty {
            out.append("- Model variants: " + report.variantDescriptions.map { "\($0.name): \($0.description)" }.joined(separator: "; "))
        }
        out.append("- Widths: \(report.layout.widths.map(String.init).joined(separator: ", ")); seeds: "
            + report.layout.seeds.map(String.init).joined(separator: ", "))
        out.append("- Cells that missed the source target: "
            + (report.options.excludeMissedTarget ? "excluded from every aggregate" : "included, and flagged"))
        if !report.determinismWarnings.isEmpty {
            out.append("- **Determinism warnings: \(report.determinismWarnings.count)** (a cell computed twice gave different numbers)")
        }
        if let problem = report.specProblem { out.append("- Spec not readable (\(Self.inline(problem))); layout inferred from the cells") }
        out += ["", "## Statistical methods", ""] + report.methods.map { "- \($0.0): " + Self.inline($0.1) }
        out += ["", "## Headline", ""]
        for headline in report.headlines {
            let title = headline.variant.isEmpty ? headline.task : "\(headline.task), variant \(headline.variant)"
            out += ["### Task \(title)", ""] + headline.sentences.map { "- " + Self.inline($0) } + [""]
            if let comparison = report.comparison(of: headline.task), headline.variant == comparison.second {
                out += ["### Task \(headline.task): variant \(comparison.first) against \(comparison.second)", ""]
                    + comparison.sentences.map { "- " + Self.inline($0) } + [""]
            }
        }
        for task in report.tasks {
            out += ["## Task \(task.title)", ""]
            for series in task.series {
                let table = SeriesTable(series)
                out += ["### \(table.title)", ""] + Self.table(header: table.header, rows: table.rows, numeric: table.numericColumns) + [""]
            }
            out += atlases(of: task)
        }
        out += cells()
        out += accounting()
        out += ["Plots: `index.html`. Every cell × target × budget: `results.csv` (columns in docs/report.md); "
            + "everything, with the stored results: `results.json`.", ""]
        return out.joined(separator: "\n")
    }

    private func cells() -> [String] {
        var out: [String] = []
        let missed = report.cells.filter(\.missedTarget)
        if !missed.isEmpty {
            out += ["## Cells that missed the source target (\(missed.count), \(report.options.excludeMissedTarget ? "excluded" : "included"))", ""]
            out += Self.table(header: ["cell", "source test", "validation at stop", "target", "epochs trained"], rows: missed.compactMap { cell in
                guard let source = cell.result?.source else { return nil }
                return ["\(cell.cell)", ReportFormat.percent(source.testAccuracy), ReportFormat.percent(source.validationAccuracy),
                        source.targetAccuracy.map(ReportFormat.percent) ?? "–", String(format: "%.2f", source.epochsSeen)]
            }, numeric: [1, 2, 3, 4]) + [""]
        }
        let failed = report.cells.filter { $0.status == .failed || $0.status == .unreadable }
        if !failed.isEmpty {
            out += ["## Failed cells (\(failed.count))", ""]
            out += Self.table(header: ["cell", "attempts", "error"], rows: failed.map {
                ["\($0.cell)", $0.status == .failed ? "\($0.failedAttempts)" : "unreadable result", $0.problem ?? ""]
            }, numeric: [1]) + [""]
        }
        if !report.determinismWarnings.isEmpty {
            out += ["## Determinism warnings (\(report.determinismWarnings.count))", ""]
            out += Self.table(header: ["cell", "worker", "detail"], rows: report.determinismWarnings.map {
                [$0.cell.map(\.description) ?? $0.key, $0.worker ?? "", $0.detail]
            }, numeric: []) + [""]
        }
        return out
    }

    private func accounting() -> [String] {
        let a = report.accounting
        var out = ["## Accounting", ""]
        out.append("- \(report.statusLine)")
        out.append("- Worker time: \(ReportFormat.duration(a.workerSeconds)); makespan \(ReportFormat.duration(a.makespanSeconds)) "
            + "on \(a.slots) slot\(a.slots == 1 ? "" : "s")"
            + (a.makespanSeconds > 0 ? "; utilisation \(Int((100 * a.utilisation).rounded()))%" : ""))
        if a.lowerBoundSeconds > 0 {
            out.append("- Makespan \(String(format: "%.2f", a.makespanRatio))× its lower bound "
                + "\(ReportFormat.duration(a.lowerBoundSeconds)) = max(worker time / slots, longest cell \(ReportFormat.duration(a.longestCellSeconds)))")
        }
        out.append("")
        if !report.workers.isEmpty {
            out += Self.table(header: ["worker", "host", "slots", "finished", "failed attempts", "busy", "cells / hour"],
                              rows: report.workers.map { w in
                                  [w.worker, w.host, "\(w.slots)", "\(w.finished)", "\(w.failedAttempts)",
                                   ReportFormat.duration(w.busySeconds), String(format: "%.1f", w.cellsPerHour)]
                              }, numeric: [2, 3, 4, 5, 6]) + [""]
        }
        return out
    }

    /// A GitHub-flavoured Markdown table.
    static func table(header: [String], rows: [[String]], numeric: Set<Int>) -> [String] {
        let rule = header.indices.map { numeric.contains($0) ? "---:" : "---" }
        return (["| " + header.map(inline).joined(separator: " | ") + " |", "| " + rule.joined(separator: " | ") + " |"]
            + rows.map { "| " + $0.map(inline).joined(separator: " | ") + " |" })
    }

    /// One line of table-safe text: pipes escaped, line breaks folded (error messages have them).
    static func inline(_ text: String) -> String {
        text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).joined(separator: " ⏎ ")
            .replacingOccurrences(of: "|", with: "\\|")
    }
}
