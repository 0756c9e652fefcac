@testable import Coordinator
import Foundation
import Testing

/// summary.md's atlas table: a row per seed and width with both self-consistencies, tiles,
/// trustworthiness and relative links to the PNGs; gaps and unreadable images said in words.
struct ReportAtlasMarkdownTests {
    typealias F = ReportAtlasFixtures

    private func markdown(skipping: Set<String> = []) throws -> [String] {
        try F.withReport(skipping: { _ in skipping }) { report in
            MarkdownReport(report: report).render().components(separatedBy: "\n")
        }
    }

    @Test func theAtlasTableHasARowPerSeedAndWidthWithLinksToThePNGs() throws {
        let lines = try markdown()
        let start = try #require(lines.firstIndex(of: "### Activation atlases"))
        let header = "| width | seed | direction consistency | neuron consistency | tiles (directions / neurons) | trustworthiness | images |"
        let headerIndex = try #require(lines[start...].firstIndex(of: header))
        let rows = Array(lines[(headerIndex + 2)...].prefix { $0.hasPrefix("|") })
        func links(_ width: Int, _ seed: Int) -> String {
            let key = F.key(width, seed)
            return "[directions](../artifacts/\(key)/atlas-directions.png), [neurons](../artifacts/\(key)/atlas-neurons.png)"
        }
        #expect(rows == [
            "| 16 | 0 | 25.0% | 50.0% | 3 / 2 | 0.930 | \(links(16, 0)) |",
            "| 64 | 0 | 50.0% | 25.0% | 3 / 2 | 0.930 | \(links(64, 0)) |",
            "| 256 | 0 | 87.5% | 12.5% | 3 / 2 | 0.930 | \(links(256, 0)) |",
            "| 16 | 2 | 50.0% | 25.0% | 3 / 2 | 0.930 | \(links(16, 2)) |",
            "| 64 | 2 | 75.0% | 25.0% | 3 / 2 | 0.930 | \(links(64, 2)) |",
            "| 256 | 2 | – | – | – | – | no atlas: queued |",
        ])
    }

    @Test func theMeansByWidthFollowTheTable() throws {
        let lines = try markdown()
        let start = try #require(lines.firstIndex(of: "Mean self-consistency by width:"))
        #expect(Array(lines[(start + 2)...].prefix { $0.hasPrefix("|") }) == [
            "| width | atlases | directions | single neurons |",
            "| ---: | ---: | ---: | ---: |",
            "| 16 | 2 | 37.5% | 37.5% |",
            "| 64 | 2 | 62.5% | 25.0% |",
            "| 256 | 1 | 87.5% | 12.5% |",
        ])
    }

    @Test func anUnreadableImageIsNamedInsteadOfLinked() throws {
        let key = F.key(16, 0)
        let lines = try markdown(skipping: ["\(key)/\(F.neuronsName)"])
        let row = try #require(lines.first { $0.hasPrefix("| 16 | 0 |") })
        #expect(row.hasSuffix("| [directions](../artifacts/\(key)/atlas-directions.png), "
            + "neurons: `atlas-neurons.png` not readable (open failed: No such file or directory) |"))
    }

    @Test func aSweepWithoutAtlasesHasNoAtlasTable() {
        let report = ReportFixtures.report(ReportFixtures.aggregationCells(), widths: [16, 64], seeds: [0, 1, 2])
        #expect(!MarkdownReport(report: report).render().contains("Activation atlases"))
    }
}
