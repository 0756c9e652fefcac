@testable import Coordinator
import Foundation
import Shared
import Testing

/// The report built from a real journal file the test writes the way the coordinator does
/// (spec, cells, leases, results, a failed cell), and rebuilt while another connection holds
/// the journal's write lock — `coordinator report` must work mid-sweep.
struct ReportJournalTests {
    static let engineVersion = "test"
    static let yaml = """
        name: journal-report
        datasets:
          toy: {format: synthetic, classes: 4}
        model: {family: mlp, parameterization: mup, base_width: 16}
        widths: [16, 32, 64, 128]
        seeds: [0, 1]
        tasks:
          coarse:
            source: {dataset: toy, groups: {low: [0, 1], high: [2, 3]}}
            targets:
              fine: {dataset: toy, classes: all}
            target_accuracy: 0.8
        transfer: {budgets: [10, all]}
        """

    /// A valid result whose transfer accuracy grows with width.
    static func result(_ cell: CellCoordinate, key: String, testAccuracy: Double = 0.85) -> CellResult {
        let step = log2(Double(cell.width)) - 4
        let fit = { (accuracy: Double) in ReadoutFit(accuracy: accuracy, l2: 0.01, selection: ReadoutFit.crossValidation, selectionAccuracy: accuracy,
                                                     folds: 5, l2AtGridEdge: false, converged: true) }
        let hidden = HiddenStateMetrics(reconstructionR2: 0.4 + 0.05 * step, reconstructionL2: 1, fineProbeAccuracy: 0.6,
                                        participationRatio: 3 + step, collapseRatio: 0.2, neuronSelectivity: 0.1,
                                        directionSelectivity: 0.3, deadUnits: 0)
        return CellResult(
            cellKey: key, cell: cell, engineVersion: engineVersion,
            model: ModelSummary(family: "mlp", depth: 1, width: cell.width, parameterization: "mup", baseWidth: 16,
                                featureWidth: cell.width, parameterCount: 100),
            source: SourceResult(task: cell.task, classes: ["low", "high"], testAccuracy: testAccuracy, validationAccuracy: 0.82,
                                 targetAccuracy: 0.8, targetMet: true, epochs: 2, steps: 20, examplesSeen: 200, epochsSeen: 2,
                                 checkEvery: 10, trainExamples: 100, validationExamples: 10, testExamples: 10,
                                 history: [], checks: [CheckSummary(step: 20, validationAccuracy: 0.82)]),
            transfer: ["10", "all"].map { budget in
                TransferResult(target: "fine", budget: budget, examples: 40, trained: fit(0.5 + 0.05 * step + 0.001 * Double(cell.seed)),
                               control: fit(0.4))
            },
            information: InformationResult(probeExamples: 10, fitExamples: 10, trained: hidden, control: hidden),
            timings: PhaseTimings(loadSeconds: 0, trainSeconds: 1, evaluateSeconds: 0, transferSeconds: 1, informationSeconds: 1),
            environment: RunEnvironment(host: "h1", blasCore: "Haswell", blasThreads: 1))
    }

    /// Writes the sweep into `directory`: of its 8 cells, 5 finished, one with a result that does
    /// not validate, one failed and one still queued. Every attempt takes 10 s on worker w1.
    static func writeSweep(in directory: String) throws -> (journal: Journal, keys: [CellCoordinate: String]) {
        let spec = try SweepSpec.parse(yaml: yaml, file: "spec.yaml")
        let journal = try Journal.open(directory: directory)
        try journal.recordSpec(yaml: yaml, engineVersion: engineVersion, at: 0)
        let rows = spec.cells.enumerated().map { ordinal, cell in
            (key: spec.cellKey(cell, engineVersion: engineVersion), cell: cell, ordinal: ordinal,
             keyMaterial: spec.cellKeyMaterial(cell, engineVersion: engineVersion))
        }
        try journal.upsertCells(rows)
        try journal.apply([.workerRegistered(worker: "w1", host: "h1", slots: 2, keyName: nil)], at: 0)
        let encoder = JSONEncoder()
        for (index, row) in rows.enumerated() where index < 7 {
            let start = Double(10 * index)
            try journal.apply([.leased(key: row.key, attempt: 1, leaseId: "lease\(index)", worker: "w1")], at: start)
            let end: JournalEntry
            switch index {
            case 5:
                end = .cellFailed(key: row.key, attempt: 1, worker: "w1", error: "training diverged: loss is nan")
            case 6:
                var result = result(row.cell, key: row.key)
                result.source.testAccuracy = 1.5
                end = .finished(key: row.key, attempt: 1, worker: "w1", host: "h1", resultJSON: Array(try encoder.encode(result)), artifacts: [])
            default:
                end = .finished(key: row.key, attempt: 1, worker: "w1", host: "h1",
                                resultJSON: Array(try encoder.encode(result(row.cell, key: row.key))), artifacts: [])
            }
            try journal.apply([end], at: start + 10)
        }
        return (journal, Dictionary(uniqueKeysWithValues: rows.map { ($0.cell, $0.key) }))
    }

    @Test func aReportFromAJournalShowsEveryCellWhereItStands() throws {
        try JournalFixtures.withDirectory { directory in
            let (journal, _) = try Self.writeSweep(in: directory)
            defer { journal.close() }
            let report = try SweepReport.load(from: journal, now: Date(timeIntervalSince1970: 0))
            #expect(report.name == "journal-report" && report.parameterization == "μP (base width 16)")
            #expect(report.cells.count == 8)
            #expect(report.count(.finished) == 5 && report.count(.failed) == 1 && report.count(.queued) == 1)
            #expect(report.count(.unreadable) == 1)
            let failed = try #require(report.cells.first { $0.status == .failed })
            #expect(failed.problem == "training diverged: loss is nan" && failed.failedAttempts == 1)
            let unreadable = try #require(report.cells.first { $0.status == .unreadable })
            #expect(unreadable.problem?.contains("source.testAccuracy") == true)

            let sentences = try #require(report.headlines.first).sentences
            #expect(sentences.first == "5 of 8 cells count (1 queued, 1 failed, 1 unreadable).")
            // 7 attempts of 10 s, one slot-pair registered: worker time 70 s over a 70 s makespan.
            #expect(report.accounting.workerSeconds == 70 && report.accounting.makespanSeconds == 70)
            #expect(report.workers.map(\.worker) == ["w1"])
            #expect(report.workers.first?.finished == 6 && report.workers.first?.failedAttempts == 1)
            #expect(report.workers.first?.host == "h1" && report.workers.first?.slots == 2)
        }
    }

    @Test func refreshWritesTheFourFilesUnderReport() throws {
        try JournalFixtures.withDirectory { directory in
            let (journal, _) = try Self.writeSweep(in: directory)
            defer { journal.close() }
            let writer = ReportWriter(sweepDirectory: directory)
            let report = try writer.refresh(from: journal)
            let paths = try writer.write(report)
            #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["results.json", "results.csv", "summary.md", "index.html"])
            for path in paths { #expect(FileManager.default.fileExists(atPath: path)) }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: writer.reportDirectory).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty)

            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: paths[0]))) as? [String: Any])
            #expect((json["counts"] as? [String: Int])?["total"] == 8)
            #expect((json["cells"] as? [Any])?.count == 8)
            #expect(json["parameterization"] as? String == "μP (base width 16)")
            let csv = try String(contentsOfFile: paths[1], encoding: .utf8)
            #expect(csv.split(separator: "\n").count == 1 + 8 * 1 * 2)
            let markdown = try String(contentsOfFile: paths[2], encoding: .utf8)
            #expect(markdown.contains("## Failed cells (2)") && markdown.contains("training diverged: loss is nan"))
        }
    }

    @Test func theCommandPrintsWhereTheReportIsAndTheHeadline() throws {
        try JournalFixtures.withDirectory { directory in
            let (journal, _) = try Self.writeSweep(in: directory)
            defer { journal.close() }
            let writer = ReportWriter(sweepDirectory: directory)
            let report = try writer.refresh(from: journal)
            let lines = ReportCommand.summary(report, at: writer.reportDirectory).split(separator: "\n").map(String.init)
            #expect(lines.first == "report: \(directory)/report/index.html (with summary.md, results.csv, results.json)")
            #expect(lines.contains("coarse:"))
            #expect(lines.contains { $0.hasPrefix("  Transfer accuracy on fine (10 per class)") })
        }
    }

    @Test func aReportBuildsWhileACoordinatorHoldsTheDirectoryAndTheWriteLock() throws {
        try JournalFixtures.withDirectory { directory in
            let (coordinator, keys) = try Self.writeSweep(in: directory)
            defer { coordinator.close() }
            let lock = try SweepDirectoryLock(directory: directory)
            defer { lock.release() }
            let key = try #require(keys[CellCoordinate(width: 128, seed: 0, task: "coarse")])
            try coordinator.database.transaction {
                try coordinator.appendEvent(time: 100, kind: JournalEntry.EventKind.determinismWarning.rawValue, key: key,
                                            attempt: nil, worker: "w1", detail: "differs")
                let reader = try Journal.open(directory: directory)
                defer { reader.close() }
                // The uncommitted event is not visible; the last committed state is.
                let report = try ReportWriter(sweepDirectory: directory).refresh(from: reader)
                #expect(report.determinismWarnings.isEmpty && report.count(.finished) == 5)
            }
            let reader = try Journal.open(directory: directory)
            defer { reader.close() }
            let report = try SweepReport.load(from: reader)
            #expect(report.determinismWarnings.map(\.cell) == [CellCoordinate(width: 128, seed: 0, task: "coarse")])
        }
    }
}
