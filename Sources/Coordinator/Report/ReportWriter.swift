import Foundation
import Glibc

/// Writes the report into `<sweep dir>/report/`: `index.html`, `summary.md`, `results.csv` and
/// `results.json`, each replaced whole (temporary name, then rename), so a browser or a second
/// writer never sees half a file. Nothing is fsynced: the report is rebuilt from the journal at
/// any time, so a file lost to a crash costs one `coordinator report`.
struct ReportWriter {
    /// The sweep directory; the report goes to its `report/`.
    let sweepDirectory: String

    static let fileNames = (html: "index.html", markdown: "summary.md", csv: "results.csv", json: "results.json")

    var reportDirectory: String {
        sweepDirectory.hasSuffix("/") ? sweepDirectory + "report" : sweepDirectory + "/report"
    }

    /// Rebuilds the whole report from `journal` and returns what it wrote.
    ///
    /// This is what a running coordinator calls to refresh the report: it only reads the journal,
    /// on the caller's thread (a `Journal` is used from one thread). It decodes every stored
    /// result and renders four files — tens of milliseconds for the default sweep — so a
    /// caller should throttle it (after a batch of results, at most every few seconds, and once
    /// at the end of a run).
    @discardableResult
    func refresh(from journal: Journal, options: ReportOptions = ReportOptions(), now: Date = Date()) throws -> SweepReport {
        let report = try SweepReport.load(from: journal, options: options, now: now,
                                          artifacts: ArtifactStore(directory: sweepDirectory))
        try write(report)
        return report
    }

    /// Writes every file of `report`; returns their paths.
    @discardableResult
    func write(_ report: SweepReport) throws -> [String] {
        if mkdir(reportDirectory, 0o755) != 0 && errno != EEXIST {
            throw ReportError.system(operation: "mkdir", path: reportDirectory, errno: errno)
        }
        let names = Self.fileNames
        let files: [(String, [UInt8])] = [
            (names.json, Array(try JSONReport(report: report).render())),
            (names.csv, Array(CSVReport(report: report).render().utf8)),
            (names.markdown, Array(MarkdownReport(report: report).render().utf8)),
            (names.html, Array(HTMLReport(report: report).render().utf8)),
        ]
        return try files.map { name, bytes in
            let path = reportDirectory + "/" + name
            try Self.replace(path, with: bytes)
            return path
        }
    }

    private static func replace(_ path: String, with bytes: [UInt8]) throws {
        // The pid keeps a coordinator and a `coordinator report` from writing one temporary file.
        let temporary = path + ".\(getpid()).tmp"
        var failure: (operation: String, errno: Int32)?
        do {
            try FileWriting.write(bytes, to: temporary, sync: false)
        } catch {
            failure = (error.operation, error.errno)
        }
        if failure == nil, rename(temporary, path) != 0 { failure = ("rename to \(path)", errno) }
        if let failure {
            unlink(temporary)
            throw ReportError.system(operation: failure.operation, path: temporary, errno: failure.errno)
        }
    }
}
