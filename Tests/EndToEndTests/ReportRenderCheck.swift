import Foundation
import Testing
import TestSupport

/// `scripts/check-report-render HTML PNG` run as CI runs it: headless Chromium renders the page,
/// the script reads Chromium's NetLog and the screenshot and answers with an exit status and one
/// line (stdout on success, stderr naming what failed).
struct ReportRenderCheck {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Where the screenshot was asked to go.
        var png: String
    }

    static let script = BuiltExecutable.packageRoot.appendingPathComponent("scripts/check-report-render")

    /// Whether a `chromium` is on PATH, as scripts/install-deps leaves it (Debian's package).
    static var chromiumInstalled: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/chromium") }
    }

    static let chromiumMissing: Comment =
        "chromium is not installed: scripts/install-deps installs it (CI runs install-deps before the tests)"

    /// Writes `html` to a fresh temporary folder as `index.html` and checks it there.
    static func check(page html: String) throws -> Outcome {
        try check(file: try BuiltExecutable.temporaryFile(html, name: "index.html"))
    }

    /// Checks an HTML file in place; the screenshot goes to `png`, by default next to the page
    /// as `render.png`.
    static func check(file: String, png: String? = nil) throws -> Outcome {
        let png = png ?? URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("render.png").path
        let process = Process()
        process.executableURL = script
        process.arguments = [file, png]
        process.currentDirectoryURL = BuiltExecutable.packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are read before waiting, so a chatty failure cannot block on a full pipe.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self), png: png)
    }

    /// The fixture page: text, a table and two inline SVG plots, nothing fetched.
    static func fixturePage() throws -> String {
        let url = BuiltExecutable.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/report-render/plots.html")
        return try String(contentsOf: url, encoding: .utf8)
    }
}

extension ReportRenderCheck.Outcome {
    /// Lines of `text` that are not empty: the script promises exactly one.
    static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: true)
    }
}
