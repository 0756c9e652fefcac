@testable import Coordinator
import Foundation
import Shared
import Testing

/// The atlas gallery: per task, a row per seed that has atlases, widths ascending, gaps named,
/// images read from the sweep's artifacts, and the mean self-consistency per width.
struct ReportAtlasGalleryTests {
    typealias F = ReportAtlasFixtures

    @Test func eachSeedWithAnAtlasGetsARowWithItsWidthsAscending() throws {
        try F.withReport { report in
            let task = try #require(report.atlases.task(ReportFixtures.task))
            #expect(report.atlases.tasks.count == 1)
            #expect(task.widths == [16, 64, 256])
            #expect(task.rows.map(\.seed) == [0, 2])  // seed 1 finished without atlases
            #expect(task.rows[0].slots.map(\.width) == [16, 64, 256])
            #expect(task.rows[0].slots.compactMap(\.entry?.directionConsistency) == [0.25, 0.5, 0.875])
            #expect(task.classes == ["low", "high"])
        }
    }

    @Test func aWidthWhoseCellHasNoAtlasYetSaysWhy() throws {
        try F.withReport { report in
            let row = try #require(report.atlases.task(ReportFixtures.task)?.rows.last)
            #expect(row.seed == 2)
            #expect(row.slots.last == .missing(width: 256, reason: "queued"))
        }
    }

    @Test func aFinishedCellWithoutAnAtlasInAnAtlasRowIsNamedAsSuch() throws {
        var cells = F.cells()
        cells[6] = ReportFixtures.finished(16, 2, ReportFixtures.Values())  // seed 2, width 16 loses its atlas
        let report = F.report(cells, store: nil)
        let row = try #require(report.atlases.task(ReportFixtures.task)?.rows.last)
        #expect(row.slots.first == .missing(width: 16, reason: "finished without an atlas"))
    }

    @Test func theImagesAreTheStoredBytes() throws {
        try F.withReport { report in
            let entry = try #require(report.atlases.entries.first)
            #expect(entry.directionsImage.png == F.directionsPNG && entry.neuronsImage.png == F.neuronsPNG)
            #expect(entry.directionsImage.path == "artifacts/\(F.key(16, 0))/atlas-directions.png")
            #expect(entry.directionsImage.problem == nil)
        }
    }

    @Test func aMissingImageHasNoBytesAndAReason() throws {
        let missing = "\(F.key(64, 2))/\(F.neuronsName)"
        try F.withReport(skipping: { _ in [missing] }) { report in
            let entry = try #require(report.atlases.entries.first { $0.width == 64 && $0.seed == 2 })
            #expect(entry.neuronsImage.png == nil)
            #expect(entry.neuronsImage.problem == "open failed: No such file or directory")
            #expect(entry.directionsImage.png == F.directionsPNG)
        }
    }

    @Test func aFileThatIsNotAPNGIsNotEmbedded() throws {
        try F.withSweepDirectory { directory in
            let store = ArtifactStore(directory: directory)
            _ = try store.write(key: F.key(16, 0), name: "text.png", data: Array("hello".utf8))
            _ = try store.write(key: F.key(16, 0), name: "empty.png", data: [])
            let text = AtlasImage.load("text.png", key: F.key(16, 0), from: store)
            #expect(text.png == nil && text.problem == "the file is not a PNG (5 bytes)")
            #expect(AtlasImage.load("empty.png", key: F.key(16, 0), from: store).problem == "the file is empty")
        }
    }

    @Test func withoutASweepDirectoryTheNumbersStayAndTheImagesSaySo() throws {
        let report = F.report(F.cells(), store: nil)
        #expect(report.atlases.entries.count == 5)
        #expect(report.atlases.entries.allSatisfy { $0.directionsImage.png == nil && $0.directionsImage.problem != nil })
    }

    @Test func consistencyByWidthAveragesTheSeedsAtlases() throws {
        let report = F.report(F.cells(), store: nil)
        let means = try #require(report.atlases.task(ReportFixtures.task)?.consistencyByWidth)
        // 16: (0.25 + 0.5) / 2 and (0.5 + 0.25) / 2; 64: (0.5 + 0.75) / 2 and 0.25; 256: seed 0 alone.
        #expect(means == [
            AtlasGallery.WidthConsistency(width: 16, atlases: 2, directions: 0.375, neurons: 0.375),
            AtlasGallery.WidthConsistency(width: 64, atlases: 2, directions: 0.625, neurons: 0.25),
            AtlasGallery.WidthConsistency(width: 256, atlases: 1, directions: 0.875, neurons: 0.125),
        ])
    }

    @Test func anExcludedCellsAtlasIsShownButLeftOutOfTheMeans() throws {
        var cells = F.cells()
        cells[1] = F.cell(16, 0, directions: 0.25, neurons: 0.5, targetMet: false)
        let report = F.report(cells, store: nil, options: ReportOptions(excludeMissedTarget: true))
        let task = try #require(report.atlases.task(ReportFixtures.task))
        let flagged = try #require(task.entries.first { $0.width == 16 && $0.seed == 0 })
        #expect(flagged.missedTarget && !flagged.included)
        #expect(task.consistencyByWidth.first == AtlasGallery.WidthConsistency(width: 16, atlases: 1, directions: 0.5, neurons: 0.25))
    }

    @Test func theSpecsSelectionIsParsedFromTheFixture() throws {
        #expect(F.report(F.cells(), store: nil).specProblem == nil)
    }

    @Test func midSweepTheSelectedSeedsShowEveryWidthStillToCome() throws {
        let cells = F.widths.flatMap { width in F.seeds.map { ReportFixtures.unfinished(width, $0, .queued) } }
        let task = try #require(F.report(cells, store: nil).atlases.task(ReportFixtures.task))
        #expect(task.rows.map(\.seed) == [0, 2] && task.widths == [16, 64, 256])
        #expect(task.rows.allSatisfy { $0.slots.allSatisfy { if case .missing(_, "queued") = $0 { true } else { false } } })
        #expect(task.entries.isEmpty && task.consistencyByWidth.isEmpty && task.classes.isEmpty)
    }

    @Test func withAnUnreadableSpecTheRowsAreTheSeedsAndWidthsWithAtlases() throws {
        var cells = F.cells()
        cells[2] = ReportFixtures.finished(256, 0, ReportFixtures.Values())  // no atlas at 256 any more
        let inferred = try #require(F.report(cells, store: nil, specYAML: nil).atlases.task(ReportFixtures.task))
        #expect(inferred.rows.map(\.seed) == [0, 2] && inferred.widths == [16, 64])
        let fromSpec = try #require(F.report(cells, store: nil).atlases.task(ReportFixtures.task))
        #expect(fromSpec.widths == [16, 64, 256])
        #expect(fromSpec.rows.first?.slots.last == .missing(width: 256, reason: "finished without an atlas"))
    }

    @Test func aSweepWithoutAtlasesHasAnEmptyGallery() {
        let report = ReportFixtures.report(ReportFixtures.aggregationCells(), widths: [16, 64], seeds: [0, 1, 2])
        #expect(report.atlases.isEmpty && report.atlases.entries.isEmpty)
    }

    @Test func theFixtureResultsAreValid() throws {
        for cell in F.cells() { try cell.result?.validate() }
    }
}
