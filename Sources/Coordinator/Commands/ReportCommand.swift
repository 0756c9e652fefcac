import ArgumentParser
import Foundation

/// `coordinator report DIR`: rebuilds `DIR/report/` from the journal alone — also mid-sweep,
/// while a coordinator holds the directory, since it only reads the journal — then prints where
/// the report is and its headline.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild a sweep's report (HTML, Markdown, CSV, JSON) from its journal, finished or not.",
        discussion: """
            Writes DIR/report/index.html (plots), summary.md, results.csv (one row per cell × target × budget) \
            and results.json, then prints the headline sentences. Columns and formats: docs/report.md.
            """)

    @Argument(help: "The sweep directory.")
    var dir: String

    @Flag(help: "Leave cells whose source accuracy missed the target out of every aggregate (they stay listed).")
    var excludeMissedTarget = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: dir + "/" + Journal.fileName) else {
            throw CoordinatorError.invalidOption("\(dir) holds no journal; is it a sweep directory?")
        }
        let journal = try Journal.open(directory: dir)
        defer { journal.close() }
        let writer = ReportWriter(sweepDirectory: dir)
        let report = try writer.refresh(from: journal, options: ReportOptions(excludeMissedTarget: excludeMissedTarget))
        print(Self.summary(report, at: writer.reportDirectory), terminator: "")
    }

    /// Where the report is, the cell counts, each task's (and variant's) headline sentences, and
    /// the comparison of two variants.
    static func summary(_ report: SweepReport, at directory: String) -> String {
        let names = ReportWriter.fileNames
        var lines = ["report: \(directory)/\(names.html) (with \(names.markdown), \(names.csv), \(names.json))",
                     "sweep \(report.name): \(report.statusLine) Parameterization: \(report.parameterization)."]
        if !report.determinismWarnings.isEmpty {
            let count = report.determinismWarnings.count
            lines.append("\(count) determinism warning\(count == 1 ? "" : "s"): a cell computed twice gave different numbers")
        }
        for headline in report.headlines {
            lines.append("")
            lines.append(headline.variant.isEmpty ? "\(headline.task):" : "\(headline.task), variant \(headline.variant):")
            lines += headline.sentences.map { "  " + $0 }
            if let atlas = atlasSentence(report.atlases.task(headline.task, variant: headline.variant)) { lines.append("  " + atlas) }
            if let comparison = report.comparison(of: headline.task), headline.variant == comparison.second {
                lines.append("")
                lines.append("\(headline.task), \(comparison.first) against \(comparison.second):")
                lines += comparison.sentences.map { "  " + $0 }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "Activation atlases: the network reads 94.5% of direction tiles as their label at width 16
    /// and 85.1% at width 1024; of single-neuron tiles, 75.0% and 48.0%." — the atlases' numbers
    /// at the narrowest and widest width that has one (the report has every width).
    static func atlasSentence(_ task: AtlasGallery.Task?) -> String? {
        guard let means = task?.consistencyByWidth, let narrow = means.first, let wide = means.last else { return nil }
        func pct(_ value: Double) -> String { String(format: "%.1f%%", 100 * value) }
        guard narrow.width != wide.width else {
            return "Activation atlas (width \(narrow.width)): the network reads \(pct(narrow.directions)) of direction tiles "
                + "and \(pct(narrow.neurons)) of single-neuron tiles as their label."
        }
        return "Activation atlases: the network reads \(pct(narrow.directions)) of direction tiles as their label at width "
            + "\(narrow.width) and \(pct(wide.directions)) at width \(wide.width); of single-neuron tiles, "
            + "\(pct(narrow.neurons)) and \(pct(wide.neurons)) (index.html shows every width)."
    }
}
