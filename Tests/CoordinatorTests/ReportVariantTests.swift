@testable import Coordinator
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Shared
import Testing

/// The report of a sweep with two model variants (docs/report.md, "Model variants"): tables and
/// headlines per task × variant, plots that overlay the variants, and the comparison of their
/// width effects, checked against a hand-worked example.
struct ReportVariantTests {
    typealias F = ReportFixtures

    /// Widths 16, 32, 64 (0, 1, 2 doublings from 16) × seeds 0, 1, 2. Transfer at 10 per class
    /// is 0.5 + 0.01·seed + slope·doublings, with per-seed slopes
    /// mup [0.03, 0.03, 0.06] and standard [0.01, 0.00, 0.02]; their differences are
    /// [0.02, 0.03, 0.04].
    static func report() -> SweepReport {
        let slopes = ["mup": [0.03, 0.03, 0.06], "standard": [0.01, 0.00, 0.02]]
        var cells: [ReportCell] = []
        for variant in ["mup", "standard"] {
            for var cell in F.trendCells(widths: [16, 32, 64], seeds: [0, 1, 2], trained: { index, seed in
                0.5 + 0.01 * Double(seed) + slopes[variant]![seed] * Double(index)
            }) {
                cell.cell.variant = variant
                cell.result?.cell.variant = variant
                cell.key = F.key(cell.cell)
                cells.append(cell)
            }
        }
        let spec = F.spec(widths: [16, 32, 64], seeds: [0, 1, 2])
            .replacingOccurrences(of: "parameterization: mup,", with: "parameterization: [mup, standard],")
        return SweepReport(specYAML: spec, engineVersion: "test", cells: cells, events: [],
                           generatedAt: Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test func theComparisonSentenceMatchesTheHandWorkedExample() throws {
        let report = Self.report()
        #expect(report.specProblem == nil, "\(report.specProblem ?? "")")
        let comparison = try #require(report.comparison(of: F.task))
        #expect(comparison.first == "mup" && comparison.second == "standard")
        // Hand-worked: mean difference 0.03, sd 0.01, se 0.01/√3 = 0.005774, t(0.975, 2) = 4.3027,
        // half-width 0.02484 → [0.0052, 0.0548]; t = 5.196, two-sided p = 1 − t/√(2 + t²) = 0.0351.
        // mup alone: mean 0.04, sd 0.01732, half-width 0.0430 → [−0.003, 0.083];
        // standard alone: mean 0.01, sd 0.01, half-width 0.0248 → [−0.015, 0.035].
        let trend = try #require(comparison.trends.first { $0.budget == "10" && $0.equalDimension == nil })
        #expect(abs((trend.difference.perDoubling ?? 0) - 0.03) < 1e-12)
        #expect(abs((trend.difference.low ?? 0) - 0.005159) < 1e-5)
        #expect(abs((trend.difference.high ?? 0) - 0.054841) < 1e-5)
        #expect(abs((trend.difference.pValue ?? 0) - 0.0351) < 1e-3)
        #expect(trend.difference.direction == .rises)
        #expect(comparison.sentences.contains(
            "Transfer accuracy on fine (10 per class) changes by +4.0 points per doubling [−0.3, 8.3] under mup and by "
            + "+1.0 points per doubling [−1.5, 3.5] under standard; mup minus standard: +3.0 points per doubling [0.5, 5.5] "
            + "over widths 16…64 (3 seeds, paired, p = 0.04), so the width effect differs: it is larger under mup than under standard."),
                "\(comparison.sentences)")
    }

    @Test func pairingUsesOnlyTheWidthsAndSeedsBothVariantsHave() {
        let a = [MetricSeries.Sample(width: 16, seed: 0, trained: 0.5), .init(width: 32, seed: 0, trained: 0.7),
                 .init(width: 16, seed: 1, trained: 0.4)]
        let b = [MetricSeries.Sample(width: 16, seed: 0, trained: 0.45), .init(width: 16, seed: 1, trained: 0.3),
                 .init(width: 32, seed: 1, trained: 0.9)]
        let paired = VariantComparison.paired(a, b)
        #expect(paired.map(\.width) == [16, 16] && paired.map(\.seed) == [0, 1])
        #expect(abs(paired[0].trained - 0.05) < 1e-12 && abs(paired[1].trained - 0.1) < 1e-12)
    }

    @Test func tablesAndHeadlinesArePerVariantAndPlotsOverlayTheVariants() throws {
        let report = Self.report()
        #expect(report.tasks.map(\.variant) == ["mup", "standard"])
        #expect(report.headlines.map(\.variant) == ["mup", "standard"])
        #expect(report.headlines.allSatisfy { $0.sentences.first == "All 9 cells have results." })
        let html = HTMLReport(report: report).render()
        let parser = XMLParser(data: Data(html.utf8))
        let collector = ReportHTMLTests.Collector()
        parser.delegate = collector
        try #require(parser.parse(), "not well-formed")
        let elements = collector.elements
        let svgs = elements.filter { $0.name == "svg" }.compactMap { $0.attributes["data-metric"] }
        #expect(svgs.filter { $0 == "transfer.fine.10" }.count == 1 && svgs.filter { $0 == "transfer.fine.all" }.count == 1, "\(svgs)")
        #expect(svgs.filter { $0 == "source.testAccuracy" }.count == 1, "one plot per task, not per variant: \(svgs)")
        let lines = elements.filter { element in
            element.name == "path" && element.attributes["class"] == "line"
                && element.ancestorAttributes.contains { $0["data-metric"] == "transfer.fine.10" }
        }
        for variant in ["mup", "standard"] {
            let mine = lines.filter { $0.attributes["data-group"] == variant }
            #expect(mine.contains { $0.attributes["data-series"] == "trained" && $0.attributes["stroke-dasharray"] == nil }, "\(variant)")
            #expect(mine.contains { $0.attributes["data-series"] == "control" && $0.attributes["stroke-dasharray"] != nil }, "\(variant)")
        }
        // Each variant's lines have their own colour, and the legend names the variant.
        let colours = Set(lines.filter { $0.attributes["data-series"] == "trained" }.compactMap { $0.attributes["stroke"] })
        #expect(colours.count == 2)
        let legend = elements.filter { $0.name == "text" && $0.ancestorAttributes.contains { $0["data-metric"] == "transfer.fine.10" } }.map(\.text)
        #expect(legend.contains("mup, trained") && legend.contains("standard, control"), "\(legend)")
        let tables = elements.filter { $0.name == "table" && $0.attributes["data-metric"] == "transfer.fine.10" }
        #expect(tables.compactMap { $0.attributes["data-variant"] } == ["mup", "standard"])
        let headings = elements.filter { $0.name == "h4" }.map(\.text)
        #expect(headings.contains("Variant mup") && headings.contains("Variant standard"))
        #expect(headings.contains("Variant mup against standard: does the width effect differ?"))
        #expect(html.contains("mup minus standard: +3.0 points per doubling [0.5, 5.5]"))
    }

    @Test func csvAndJSONCarryTheVariant() throws {
        let report = Self.report()
        let csv = CSVReport(report: report).render()
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let variant = try #require(rows.first?.firstIndex(of: "variant"))
        let optimizer = try #require(rows.first?.firstIndex(of: "optimizer"))
        let names: [String] = rows.dropFirst().map { $0[variant] }
        let mupRows = names.filter { $0 == "mup" }.count, standardRows = names.filter { $0 == "standard" }.count
        #expect(mupRows == 18 && standardRows == 18, "9 cells × 2 budgets per variant")
        #expect(rows.dropFirst().allSatisfy { $0[optimizer] == "sgd" })
        let json = try JSONSerialization.jsonObject(with: JSONReport(report: report).render()) as? [String: Any]
        let variants = (json?["variants"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(variants == ["mup", "standard"])
        let comparisons = json?["comparisons"] as? [[String: Any]]
        #expect(comparisons?.count == 1)
        let cells = json?["cells"] as? [[String: Any]]
        #expect(Set(cells?.compactMap { ($0["cell"] as? [String: Any])?["variant"] as? String } ?? []) == ["mup", "standard"])
    }
}
