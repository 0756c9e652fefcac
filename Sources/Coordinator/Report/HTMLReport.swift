/// `report/index.html`: the whole report in one self-contained page — inline CSS and SVG, no
/// scripts, fonts or anything else fetched — readable in a browser and in print.
///
/// The page is XHTML-compatible HTML5 (every element closed, attributes quoted, text escaped,
/// no named entities), so an XML parser reads it and tests check its structure that way.
struct HTMLReport {
    let report: SweepReport

    func render() -> String {
        var page = HTMLPage()
        page.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
        page.element("title", "widthsweep report: \(report.name)")
        page.raw("<style>\(Self.style)\n\(Self.atlasStyle)</style></head><body>")
        header(&page)
        headline(&page)
        setup(&page)
        for group in report.taskGroups {
            task(group, into: &page)
            for summary in group { atlases(of: summary, into: &page) }
        }
        flagged(&page)
        failures(&page)
        warnings(&page)
        accounting(&page)
        spec(&page)
        page.raw("</body></html>\n")
        return page.text
    }

    private func header(_ page: inout HTMLPage) {
        page.raw("<header>")
        page.element("h1", "Sweep \(report.name)")
        page.element("p", "\(report.statusLine) Generated \(ReportFormat.timestamp(report.generatedAt)) from the journal"
            + (report.engineVersion.map { "; engine \($0)" } ?? "") + ".", class: "meta")
        page.raw("<nav><ul>")
        var links = [("headline", "Headline"), ("setup", "Setup"), ("methods", "Statistical methods")]
        for group in report.taskGroups {
            guard let first = group.first else { continue }
            links.append(("task-\(first.task)", "Task \(first.task)"))
            for summary in group where report.atlases.task(summary.task, variant: summary.variant) != nil {
                links.append(("atlas-\(Self.anchor(summary))", "Atlases \(summary.title)"))
            }
        }
        links += [("cells", "Flagged and failed cells"), ("accounting", "Accounting"), ("spec", "Spec")]
        for (anchor, label) in links {
            page.raw("<li><a href=\"#\(Markup.escape(anchor))\">\(Markup.escape(label))</a></li>")
        }
        page.raw("</ul></nav></header>")
    }

    private func headline(_ page: inout HTMLPage) {
        page.raw("<section id=\"headline\">")
        page.element("h2", "Headline")
        var shown: [String] = []
        for headline in report.headlines {
            if !shown.contains(headline.task) {
                shown.append(headline.task)
                page.element("h3", "Task \(headline.task)")
            }
            if !headline.variant.isEmpty { page.element("h4", "Variant \(headline.variant)") }
            page.list(headline.sentences, class: "headline")
            guard let comparison = report.comparison(of: headline.task),
                  headline.variant == comparison.second else { continue }
            page.element("h4", "Variant \(comparison.first) against \(comparison.second): does the width effect differ?")
            page.list(comparison.sentences, class: "headline comparison")
        }
        if report.headlines.isEmpty { page.element("p", "The journal holds no tasks yet.") }
        page.raw("</section>")
    }

    private func setup(_ page: inout HTMLPage) {
        let layout = report.layout
        var rows: [(String, String)] = [
            ("Model", report.model),
            ("Parameterization", report.parameterization),
            ("Widths", layout.widths.map(String.init).joined(separator: ", ")),
            ("Seeds", layout.seeds.map(String.init).joined(separator: ", ")),
            ("Transfer budgets", layout.budgets.map(ReportMetric.budgetLabel).joined(separator: ", ")),
            ("Cells that missed the source target", report.options.excludeMissedTarget
                ? "excluded from every aggregate and headline" : "included, and flagged"),
            ("Determinism warnings", report.determinismWarnings.isEmpty
                ? "none" : "\(report.determinismWarnings.count): a cell computed twice gave different numbers (see below)"),
        ]
        if !report.variantDescriptions.isEmpty {
            rows.insert(("Model variants", report.variantDescriptions.map { "\($0.name): \($0.description)" }.joined(separator: "; ")), at: 2)
        }
        if let problem = report.specProblem { rows.append(("Spec", "not readable (\(problem)); layout inferred from the cells")) }
        page.raw("<section id=\"setup\">")
        page.element("h2", "Setup")
        page.definitions(rows)
        page.raw("</section>")
        page.raw("<section id=\"methods\">")
        page.element("h2", "Statistical methods")
        page.definitions(report.methods)
        page.raw("</section>")
    }

    /// One task: its plots (the variants overlaid when there are several), then each variant's tables.
    private func task(_ group: [TaskSummary], into page: inout HTMLPage) {
        guard let first = group.first else { return }
        page.raw("<section id=\"task-\(Markup.escape(first.task))\" class=\"task\">")
        page.element("h2", "Task \(first.task)")
        page.raw("<div class=\"figures\">")
        let plots = group.count == 1 ? HTMLReport.plots(for: first, layout: report.layout)
                                     : HTMLReport.variantPlots(for: group, layout: report.layout)
        for plot in plots {
            page.raw("<figure>\(plot.render())</figure>")
        }
        page.raw("</div>")
        for summary in group {
            for series in summary.series { table(series, variant: summary.variant, into: &page) }
        }
        page.raw("</section>")
    }

    /// `split` or `split-mup`: the id suffix of a task × variant's sections.
    static func anchor(_ summary: TaskSummary) -> String {
        summary.variant.isEmpty ? summary.task : "\(summary.task)-\(summary.variant)"
    }

    private func table(_ series: MetricSeries, variant: String, into page: inout HTMLPage) {
        let table = SeriesTable(series)
        page.element("h3", variant.isEmpty ? table.title : "\(variant): \(table.title)")
        page.table(header: table.header, rows: table.rows, numericColumns: table.numericColumns,
                   data: series.metric.id, variant: variant.isEmpty ? nil : variant)
    }

    private func flagged(_ page: inout HTMLPage) {
        page.raw("<section id=\"cells\">")
        page.element("h2", "Flagged and failed cells")
        let missed = report.cells.filter(\.missedTarget)
        page.element("h3", "Missed the source target accuracy (\(missed.count))")
        if missed.isEmpty {
            page.element("p", "None.")
        } else {
            page.element("p", report.options.excludeMissedTarget
                ? "Excluded from the aggregates and headlines above." : "Included in the aggregates above; "
                    + "coordinator report --exclude-missed-target leaves them out.")
            page.table(header: ["cell", "source test", "validation at stop", "target", "epochs trained"], rows: missed.compactMap { cell in
                guard let source = cell.result?.source else { return nil }
                return ["\(cell.cell)", ReportFormat.percent(source.testAccuracy), ReportFormat.percent(source.validationAccuracy),
                        source.targetAccuracy.map(ReportFormat.percent) ?? "–", String(format: "%.2f", source.epochsSeen)]
            }, numericColumns: [1, 2, 3, 4])
        }
    }

    private func failures(_ page: inout HTMLPage) {
        let failed = report.cells.filter { $0.status == .failed }
        page.element("h3", "Failed (\(failed.count))")
        if failed.isEmpty {
            page.element("p", "None.")
        } else {
            page.table(header: ["cell", "attempts", "last error"], rows: failed.map {
                ["\($0.cell)", "\($0.failedAttempts)", $0.problem ?? ""]
            }, numericColumns: [1], preformattedColumn: 2)
        }
        let unreadable = report.cells.filter { $0.status == .unreadable }
        if !unreadable.isEmpty {
            page.element("h3", "Stored results this build cannot read (\(unreadable.count))")
            page.table(header: ["cell", "problem"], rows: unreadable.map { ["\($0.cell)", $0.problem ?? ""] })
        }
        page.raw("</section>")
    }

    private func warnings(_ page: inout HTMLPage) {
        guard !report.determinismWarnings.isEmpty else { return }
        page.raw("<section id=\"determinism\">")
        page.element("h2", "Determinism warnings (\(report.determinismWarnings.count))")
        page.element("p", "A cell computed twice gave different numbers; the first result is the one reported.")
        page.table(header: ["cell", "worker", "detail"], rows: report.determinismWarnings.map {
            [$0.cell.map(\.description) ?? $0.key, $0.worker ?? "", $0.detail]
        })
        page.raw("</section>")
    }

    private func accounting(_ page: inout HTMLPage) {
        let a = report.accounting
        page.raw("<section id=\"accounting\">")
        page.element("h2", "Accounting")
        page.definitions([
            ("Cells", report.statusLine),
            ("Worker time", ReportFormat.duration(a.workerSeconds) + " (\(ReportFormat.duration(a.finishedSeconds)) in recorded results)"),
            ("Makespan", ReportFormat.duration(a.makespanSeconds) + " on \(a.slots) slot\(a.slots == 1 ? "" : "s")"),
            ("Utilisation", a.makespanSeconds > 0 ? String(format: "%.0f%%", 100 * a.utilisation) : "–"),
            ("Against the lower bound", a.lowerBoundSeconds > 0
                ? String(format: "%.2f× max(worker time / slots, longest cell %@) = %@", a.makespanRatio,
                         ReportFormat.duration(a.longestCellSeconds), ReportFormat.duration(a.lowerBoundSeconds)) : "–"),
        ])
        if !report.workers.isEmpty {
            page.element("h3", "Per worker")
            page.table(header: ["worker", "host", "slots", "finished", "failed attempts", "released", "busy", "active", "cells / hour", "utilisation"],
                       rows: report.workers.map { w in
                           [w.worker, w.host, "\(w.slots)", "\(w.finished)", "\(w.failedAttempts)", "\(w.released)",
                            ReportFormat.duration(w.busySeconds), ReportFormat.duration(w.activeSeconds),
                            String(format: "%.1f", w.cellsPerHour), w.slots > 0 ? String(format: "%.0f%%", 100 * w.utilisation) : "–"]
                       }, numericColumns: Set(2..<10))
        }
        page.raw("</section>")
    }

    private func spec(_ page: inout HTMLPage) {
        page.raw("<section id=\"spec\">")
        page.element("h2", "Sweep spec")
        page.element("pre", report.specYAML ?? "The journal holds no spec.")
        page.raw("</section>")
    }
}
