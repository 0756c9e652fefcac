import Foundation
import Testing
import TestSupport

/// The report page must render in a real browser, plots included, without touching the network
/// (issue 5): scripts/check-report-render renders a page in Debian's headless Chromium. The report
/// of a real sweep passes it, and so does a fixture page; a page that fetches, a blank page and a
/// page whose plots do not draw fail it with one line saying why.
///
/// Each render starts Chromium (a few seconds); the suite runs them one at a time so two
/// browsers do not share the two cores with the other end-to-end suites' processes.
@Suite(.serialized)
struct ReportRenderTests {
    @Test func theReportOfARealSweepRendersItsPlotsWithoutNetworkRequests() throws {
        try #require(ReportRenderCheck.chromiumInstalled, ReportRenderCheck.chromiumMissing)
        let spec = try String(contentsOf: BuiltExecutable.packageRoot.appendingPathComponent("examples/synthetic-smoke.yaml"), encoding: .utf8)
        let fixture = try SweepFixture(spec: spec)
        let sweep = try BuiltExecutable.coordinator.run(["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--local-workers", "2"])
        try #require(sweep.status == 0, "coordinator run failed: \(sweep.stderr)")
        let report = try BuiltExecutable.coordinator.run(["report", fixture.sweepDirectory])
        try #require(report.status == 0, "coordinator report failed: \(report.stderr)")

        let outcome = try ReportRenderCheck.check(file: fixture.sweepDirectory + "/report/index.html", png: fixture.root + "/report.png")
        #expect(outcome.status == 0, "the report did not pass the render check: \(outcome.stderr)")
        #expect(ReportRenderCheck.Outcome.lines(outcome.stdout).count == 1, "one summary line: \(outcome.stdout)")
        #expect(outcome.stdout.contains("no network requests from the page"), "\(outcome.stdout)")
    }

    @Test func aSelfContainedPageWithPlotsRendersWithoutNetworkRequests() throws {
        try #require(ReportRenderCheck.chromiumInstalled, ReportRenderCheck.chromiumMissing)
        let outcome = try ReportRenderCheck.check(page: try ReportRenderCheck.fixturePage())

        #expect(outcome.status == 0, "check failed: \(outcome.stderr)")
        #expect(ReportRenderCheck.Outcome.lines(outcome.stdout).count == 1, "one summary line: \(outcome.stdout)")
        #expect(outcome.stdout.contains("(1200x8000)"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("3 of the 3"), "every plot colour of the page is on screen: \(outcome.stdout)")
        #expect(outcome.stdout.contains("no network requests from the page"), "\(outcome.stdout)")
        let png = try #require(FileManager.default.contents(atPath: outcome.png), "no screenshot at \(outcome.png)")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "the screenshot is not a PNG")
    }

    @Test func aPageThatFetchesAStylesheetAndAnImageFailsNamingBothRequests() throws {
        try #require(ReportRenderCheck.chromiumInstalled, ReportRenderCheck.chromiumMissing)
        // Everything else as in the good page, so only the two references can fail it.
        let page = try ReportRenderCheck.fixturePage()
            .replacingOccurrences(of: "</head>", with: "<link rel=\"stylesheet\" href=\"https://example.com/x.css\"/></head>")
            .replacingOccurrences(of: "</h1>", with: "</h1><img src=\"https://images.example.org/logo.png\" alt=\"\"/>")
        let outcome = try ReportRenderCheck.check(page: page)

        #expect(outcome.status == 1, "stdout: \(outcome.stdout) stderr: \(outcome.stderr)")
        #expect(ReportRenderCheck.Outcome.lines(outcome.stderr).count == 1, "one line naming the failure: \(outcome.stderr)")
        #expect(outcome.stderr.contains("network request"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("https://example.com/x.css"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("https://images.example.org/logo.png"), "\(outcome.stderr)")
    }

    @Test func aBlankPageFailsAsBlank() throws {
        try #require(ReportRenderCheck.chromiumInstalled, ReportRenderCheck.chromiumMissing)
        let outcome = try ReportRenderCheck.check(page: "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>empty</title></head><body></body></html>\n")

        #expect(outcome.status == 1, "stdout: \(outcome.stdout) stderr: \(outcome.stderr)")
        #expect(ReportRenderCheck.Outcome.lines(outcome.stderr).count == 1, "one line naming the failure: \(outcome.stderr)")
        #expect(outcome.stderr.contains("rendered blank"), "\(outcome.stderr)")
    }

    @Test func aPageWhosePlotsDoNotDrawFailsNamingTheMissingPlots() throws {
        try #require(ReportRenderCheck.chromiumInstalled, ReportRenderCheck.chromiumMissing)
        // The text and tables still render (not blank); the plot markup is there but invisible.
        let page = try ReportRenderCheck.fixturePage()
            .replacingOccurrences(of: "</head>", with: "<style>svg{visibility:hidden}</style></head>")
        let outcome = try ReportRenderCheck.check(page: page)

        #expect(outcome.status == 1, "stdout: \(outcome.stdout) stderr: \(outcome.stderr)")
        #expect(ReportRenderCheck.Outcome.lines(outcome.stderr).count == 1, "one line naming the failure: \(outcome.stderr)")
        #expect(outcome.stderr.contains("plots are missing"), "\(outcome.stderr)")
    }
}
