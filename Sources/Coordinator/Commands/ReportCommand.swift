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

    /// Where the report is, the cell counts, and each task's headline sentences.
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
            lines.append("\(headline.task):")
            lines += headline.sentences.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
