@testable import Coordinator
import Foundation
import Testing

/// results.csv: the header docs/report.md documents, one row per cell × target × budget of the
/// sweep (finished or not), and fields that survive commas, quotes and line breaks.
struct ReportCSVTests {
    /// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false, iterator = Array(text).makeIterator(), pending: Character?
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field); field = ""
            } else if character == "\n" {
                record.append(field); records.append(record); record = []; field = ""
            } else {
                field.append(character)
            }
        }
        return records
    }

    /// The column names in docs/report.md's results.csv table, in order.
    static func documentedColumns() throws -> [String] {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/report.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## results.csv").dropFirst().first)
        let table = section.components(separatedBy: "\n## ").first ?? section
        return table.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("| `") else { return nil }
            return line.dropFirst(3).split(separator: "`").first.map(String.init)
        }
    }

    private func csv() -> String {
        var cells = ReportFixtures.aggregationCells()
        cells.append(ReportFixtures.unfinished(128, 0, .failed, problem: "died, \"badly\"\nat epoch 2"))
        return CSVReport(report: ReportFixtures.report(cells, widths: [16, 64, 128], seeds: [0, 1, 2])).render()
    }

    @Test func theHeaderIsTheDocumentedColumns() throws {
        let header = try #require(Self.records(csv()).first)
        #expect(header == CSVReport.columns.map(\.name))
        #expect(try Self.documentedColumns() == header)
    }

    @Test func thereIsOneRowPerCellTargetAndBudget() throws {
        let rows = Self.records(csv()).dropFirst()
        // 7 cells (5 finished, 1 queued, 1 failed) × 1 target × 2 budgets.
        #expect(rows.count == 7 * 1 * 2)
        #expect(rows.allSatisfy { $0.count == CSVReport.columns.count })
        let index = Dictionary(uniqueKeysWithValues: CSVReport.columns.map(\.name).enumerated().map { ($1, $0) })
        let keys = Set(rows.map { "\($0[index["width"]!])/\($0[index["seed"]!])/\($0[index["target"]!])/\($0[index["budget"]!])" })
        #expect(keys.count == rows.count)
    }

    @Test func aFinishedRowHoldsItsNumbersAndAnUnfinishedOneItsStatus() throws {
        let records = Self.records(csv())
        let index = Dictionary(uniqueKeysWithValues: records[0].enumerated().map { ($1, $0) })
        func row(_ width: String, _ seed: String, _ budget: String) -> [String]? {
            records.dropFirst().first { $0[index["width"]!] == width && $0[index["seed"]!] == seed && $0[index["budget"]!] == budget }
        }
        let finished = try #require(row("64", "1", "10"))
        #expect(finished[index["status"]!] == "finished" && finished[index["included"]!] == "true")
        #expect(Double(finished[index["trained_accuracy"]!]) == 0.9 && Double(finished[index["control_accuracy"]!]) == 0.5)
        #expect(abs(Double(finished[index["gain"]!])! - 0.4) < 1e-12)
        #expect(Double(finished[index["participation_ratio_trained"]!]) == 14)

        let queued = try #require(row("64", "2", "all"))
        #expect(queued[index["status"]!] == "queued" && queued[index["included"]!] == "false")
        #expect(queued[index["trained_accuracy"]!].isEmpty)

        let failed = try #require(row("128", "0", "10"))
        #expect(failed[index["status"]!] == "failed" && failed[index["error"]!] == "died, \"badly\"\nat epoch 2")
    }
}
