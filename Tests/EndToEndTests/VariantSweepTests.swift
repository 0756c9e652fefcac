import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Shared
import Testing
import TestSupport

/// Model axes end to end (docs/spec.md §4): a sweep whose `model.parameterization` is a list runs
/// both variants through `--local-workers`, and its report shows them side by side, compares
/// their width effects and renders in a real browser; turning a single value into a list resumes
/// without recomputing a finished cell, and removing a listed value is refused naming it.
@Suite(.serialized)
struct VariantSweepTests {
    /// Generated data, two tiny widths apart by two doublings, three seeds: the fewest the
    /// comparison's t test needs.
    static func spec(parameterization: String, widths: String = "[4, 8, 16]", seeds: String = "[0, 1, 2]") -> String {
        """
        name: variant-smoke
        datasets:
          toy: {format: synthetic, classes: 4, train_per_class: 150, test_per_class: 60, noise: 1.0}
        model:
          family: mlp
          parameterization: \(parameterization)
        widths: \(widths)
        seeds: \(seeds)
        tasks:
          split:
            source: {dataset: toy, classes: [0, 1]}
            targets:
              other: {dataset: toy, classes: [2, 3]}
        training: {batch_size: 32, max_epochs: 2}
        transfer: {budgets: [10]}
        """
    }

    @Test func twoVariantsRunSideBySideAndTheReportComparesThem() throws {
        let fixture = try SweepFixture(spec: Self.spec(parameterization: "[standard, mup]"))
        let plan = try BuiltExecutable.coordinator.run(["plan", fixture.specPath])
        #expect(plan.status == 0, "plan failed: \(plan.stderr)")
        #expect(plan.stdout.contains("split/mup/w16/s0") && plan.stdout.contains("split/standard/w4/s2"), "\(plan.stdout)")
        #expect(plan.stdout.contains("18 cells = 3 widths × 3 seeds × 1 tasks × 2 variants (standard, mup)"), "\(plan.stdout)")

        let run = try BuiltExecutable.coordinator.run(["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--local-workers", "2"])
        try #require(run.status == 0, "coordinator run failed: \(run.stderr)")
        #expect(run.stdout.contains("18 finished, 0 failed"), "\(run.stdout)")
        let report = try BuiltExecutable.coordinator.run(["report", fixture.sweepDirectory])
        try #require(report.status == 0, "coordinator report failed: \(report.stderr)")

        // Each variant's cells trained its own parameterization (the worker's own record of it).
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixture.sweepDirectory + "/report/results.json"))) as? [String: Any]
        let cells = try #require(json?["cells"] as? [[String: Any]])
        #expect(cells.count == 18)
        for cell in cells {
            let coordinate = cell["cell"] as? [String: Any]
            let result = cell["result"] as? [String: Any]
            let model = result?["model"] as? [String: Any]
            #expect(coordinate?["variant"] as? String == model?["parameterization"] as? String, "\(coordinate ?? [:])")
        }
        let comparisons = try #require(json?["comparisons"] as? [[String: Any]])
        #expect(comparisons.count == 1)
        #expect(comparisons.first?["first"] as? String == "standard" && comparisons.first?["second"] as? String == "mup")
        let sentences = comparisons.first?["sentences"] as? [String] ?? []
        #expect(sentences.count == 1 && sentences[0].contains("standard minus mup"), "\(sentences)")
        let tasks = try #require(json?["tasks"] as? [[String: Any]])
        #expect(tasks.compactMap { $0["variant"] as? String } == ["standard", "mup"])

        // results.csv: a variant column holding both names.
        let csv = try String(contentsOfFile: fixture.sweepDirectory + "/report/results.csv", encoding: .utf8)
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let variantColumn = try #require(rows.first?.firstIndex(of: "variant"))
        #expect(Set(rows.dropFirst().map { $0[variantColumn] }) == ["standard", "mup"])

        // index.html: each transfer and source plot holds both variants' lines, named in the legend.
        let html = try String(contentsOfFile: fixture.sweepDirectory + "/report/index.html", encoding: .utf8)
        let elements = try Self.elements(html)
        let svgs = elements.filter { $0.name == "svg" }.compactMap { $0.attributes["data-metric"] }
        #expect(svgs.contains("transfer.other.10") && svgs.contains("source.testAccuracy"), "\(svgs)")
        for metric in ["transfer.other.10", "source.testAccuracy"] {
            let lines = elements.filter { element in
                element.name == "path" && element.attributes["class"] == "line"
                    && element.ancestorAttributes.contains { $0["data-metric"] == metric }
            }
            #expect(Set(lines.compactMap { $0.attributes["data-group"] }) == ["standard", "mup"], "\(metric)")
        }
        #expect(html.contains("Variant standard against mup"), "the comparison heading is missing")
        #expect(html.contains("standard minus mup"), "the comparison sentence is missing")

        try #require(ReportRenderCheck.chromiumInstalled, ReportRenderCheck.chromiumMissing)
        let outcome = try ReportRenderCheck.check(file: fixture.sweepDirectory + "/report/index.html", png: fixture.root + "/report.png")
        #expect(outcome.status == 0, "the report did not pass the render check: \(outcome.stderr)")
        #expect(outcome.stdout.contains("no network requests from the page"), "\(outcome.stdout)")
    }

    @Test func listingASingleValueResumesWithoutRecomputingAndRemovingAValueIsRefused() throws {
        let single = Self.spec(parameterization: "standard", widths: "[4, 16]", seeds: "[0]")
        let fixture = try SweepFixture(spec: single)
        let first = try BuiltExecutable.coordinator.run(["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--local-workers", "2"])
        try #require(first.status == 0, "coordinator run failed: \(first.stderr)")
        let before = try fixture.results()
        #expect(before.count == 2)

        try Self.spec(parameterization: "[standard, mup]", widths: "[4, 16]", seeds: "[0]")
            .write(toFile: fixture.specPath, atomically: true, encoding: .utf8)
        let grown = try BuiltExecutable.coordinator.run(["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--local-workers", "2"])
        #expect(grown.status == 0, "adding a variant should run: \(grown.stderr)")
        #expect(grown.stderr.contains("adds 2 cells"), "log: \(grown.stderr)")
        let audit = try fixture.recordingAudit()
        #expect(audit.finishedPerKey.count == 4)
        #expect(audit.leasedAfterFinish.isEmpty, "finished cells were recomputed: \(audit.leasedAfterFinish)")
        let after = try fixture.results()
        for (key, result) in before { #expect(after[key] == result, "the result of \(key) changed") }
        // The cells run before the edit now belong to the variant that has their settings.
        let report = try BuiltExecutable.coordinator.run(["report", fixture.sweepDirectory])
        try #require(report.status == 0, "coordinator report failed: \(report.stderr)")
        let csv = try String(contentsOfFile: fixture.sweepDirectory + "/report/results.csv", encoding: .utf8)
        for key in before.keys {
            let row = csv.split(separator: "\n").first { $0.contains(key) }
            #expect(row?.hasPrefix("split,standard,") == true, "\(row ?? "no row for \(key)")")
        }

        try Self.spec(parameterization: "[mup]", widths: "[4, 16]", seeds: "[0]")
            .write(toFile: fixture.specPath, atomically: true, encoding: .utf8)
        let refused = try BuiltExecutable.coordinator.run(["run", fixture.specPath, "--dir", fixture.sweepDirectory])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("model.parameterization values removed: [standard]"), "\(refused.stderr)")
    }

    struct Element {
        var name: String
        var attributes: [String: String]
        var ancestorAttributes: [[String: String]]
    }

    /// Every element of the page with its ancestors' attributes (the page is well-formed XML).
    static func elements(_ html: String) throws -> [Element] {
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [Element] = []
            var open: [Int] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                elements.append(Element(name: name, attributes: attributes, ancestorAttributes: open.map { elements[$0].attributes }))
                open.append(elements.count - 1)
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                open.removeLast()
            }
        }
        let parser = XMLParser(data: Data(html.utf8))
        let collector = Collector()
        parser.delegate = collector
        try #require(parser.parse(), "index.html is not well-formed: \(parser.parserError.map { "\($0)" } ?? "?")")
        return collector.elements
    }
}
