@testable import Coordinator
import Foundation
import Testing

/// results.json lists every atlas's numbers and image paths (never the images); results.csv
/// carries each cell's two self-consistencies on its rows, empty for cells without an atlas.
struct ReportAtlasDataTests {
    typealias F = ReportAtlasFixtures

    private func json(skipping: Set<String> = []) throws -> (text: String, atlases: [[String: Any]]) {
        try F.withReport(skipping: { _ in skipping }) { report in
            let data = try JSONReport(report: report).render()
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            return (String(decoding: data, as: UTF8.self), try #require(object["atlases"] as? [[String: Any]]))
        }
    }

    @Test func theJSONListsEachAtlasWithItsNumbers() throws {
        let atlases = try json().atlases
        #expect(atlases.map { "\($0["width"] ?? "")/\($0["seed"] ?? "")" } == ["16/0", "64/0", "256/0", "16/2", "64/2"])
        let first = try #require(atlases.first)
        #expect(first["task"] as? String == "coarse" && first["key"] as? String == F.key(16, 0))
        #expect(first["directionConsistency"] as? Double == 0.25 && first["neuronConsistency"] as? Double == 0.5)
        #expect(first["directionTiles"] as? Int == 3 && first["neuronTiles"] as? Int == 2)
        #expect(first["trustworthiness"] as? Double == 0.93 && first["trustworthinessNeighbours"] as? Int == 10)
        #expect(first["included"] as? Bool == true && first["missedTarget"] as? Bool == false)
        let image = try #require(first["directionsImage"] as? [String: Any])
        #expect(image["name"] as? String == "atlas-directions.png")
        #expect(image["path"] as? String == "artifacts/\(F.key(16, 0))/atlas-directions.png")
        #expect(image["problem"] == nil && image["png"] == nil)
    }

    @Test func theJSONHoldsNoImageBytesAndSaysWhichImageIsMissing() throws {
        let (text, atlases) = try json(skipping: ["\(F.key(64, 0))/\(F.directionsName)"])
        #expect(!text.contains(F.directionsBase64) && !text.contains(F.neuronsBase64))
        let entry = try #require(atlases.first { $0["width"] as? Int == 64 && $0["seed"] as? Int == 0 })
        let image = try #require(entry["directionsImage"] as? [String: Any])
        #expect(image["problem"] as? String == "open failed: No such file or directory")
    }

    @Test func aSweepWithoutAtlasesHasAnEmptyList() throws {
        let report = ReportFixtures.report(ReportFixtures.aggregationCells(), widths: [16, 64], seeds: [0, 1, 2])
        let object = try #require(try JSONSerialization.jsonObject(with: try JSONReport(report: report).render()) as? [String: Any])
        #expect((object["atlases"] as? [Any])?.isEmpty == true)
    }

    @Test func theCSVCarriesTheSelfConsistenciesOnEveryRowOfTheCell() throws {
        let report = F.report(F.cells(), store: nil)
        let records = ReportCSVTests.records(CSVReport(report: report).render())
        let index = Dictionary(uniqueKeysWithValues: records[0].enumerated().map { ($1, $0) })
        let direction = try #require(index["atlas_direction_consistency"])
        let neuron = try #require(index["atlas_neuron_consistency"])
        let widthColumn = try #require(index["width"]), seedColumn = try #require(index["seed"])
        func rows(_ width: Int, _ seed: Int) -> [[String]] {
            records.dropFirst().filter { $0[widthColumn] == "\(width)" && $0[seedColumn] == "\(seed)" }
        }
        #expect(rows(256, 0).map { [$0[direction], $0[neuron]] } == [["0.875", "0.125"], ["0.875", "0.125"]])  // budgets 10 and all
        #expect(rows(64, 1).map { [$0[direction], $0[neuron]] } == [["", ""], ["", ""]])
        #expect(rows(256, 2).map { [$0[direction], $0[neuron]] } == [["", ""], ["", ""]])
    }
}
