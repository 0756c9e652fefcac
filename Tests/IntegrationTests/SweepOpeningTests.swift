@testable import Coordinator
import Foundation
import Shared
import Testing

/// `SweepOpening` (docs/architecture.md §6, docs/spec.md §9): a new sweep records its spec and
/// cells; an additive edit inserts only the new cells; an edit that changes what existing cells
/// mean is refused naming the change, or with `--start-over` sets the old journal aside, never
/// deleting it — also twice in the same second.
struct SweepOpeningTests {
    typealias F = JournalFixtures

    static func yaml(widths: String = "[4, 8]", maxEpochs: Int = 2) -> String {
        """
        name: opening
        datasets:
          toy: {format: synthetic, classes: 4}
        model: {family: mlp, parameterization: standard}
        widths: \(widths)
        seeds: [0]
        tasks:
          split:
            source: {dataset: toy, classes: [0, 1]}
            targets:
              other: {dataset: toy, classes: [2, 3]}
        training: {max_epochs: \(maxEpochs)}
        """
    }

    private func open(_ yaml: String, in directory: String, startOver: Bool = false, at time: Double = 1_000) throws -> SweepOpening.Opened {
        let spec = try SweepSpec.parse(yaml: yaml, file: directory + "/input.yaml")
        return try SweepOpening(directory: SweepDirectory(directory + "/sweep"), engineVersion: "test")
            .open(yaml: yaml, spec: spec, startOver: startOver, now: time)
    }

    @Test func aNewSweepThenAnAdditiveEditInsertsOnlyTheNewCells() throws {
        try F.withDirectory { directory in
            let first = try open(Self.yaml(), in: directory)
            #expect(first.cells.count == 2)
            #expect(first.notes.contains { $0.hasPrefix("new sweep opening: 2 cells") }, "\(first.notes)")
            let keys = Set(first.cells.map(\.key))
            first.journal.close(); first.lock.release()

            let grown = try open(Self.yaml(widths: "[4, 8, 16]"), in: directory)
            #expect(grown.cells.count == 3)
            #expect(keys.isSubset(of: Set(grown.cells.map(\.key))), "the old cells keep their keys")
            #expect(grown.notes.contains("the spec adds 1 cells to the 2 already in the journal"), "\(grown.notes)")
            grown.journal.close(); grown.lock.release()
        }
    }

    @Test func anEditThatChangesMeaningIsRefusedNamingTheChange() throws {
        try F.withDirectory { directory in
            let first = try open(Self.yaml(), in: directory)
            first.journal.close(); first.lock.release()
            #expect {
                _ = try open(Self.yaml(maxEpochs: 3), in: directory)
            } throws: { error in
                "\(error)".contains("training.max_epochs changed from 2 to 3") && "\(error)".contains("--start-over")
            }
            // Refusing changed nothing: the original spec still opens as it was.
            let again = try open(Self.yaml(), in: directory)
            #expect(again.cells.count == 2 && again.notes.isEmpty, "\(again.notes)")
            again.journal.close(); again.lock.release()
        }
    }

    @Test func startOverSetsTheOldJournalAsideEvenTwiceInOneSecond() throws {
        try F.withDirectory { directory in
            let sweep = directory + "/sweep"
            let first = try open(Self.yaml(), in: directory, at: 5_000)
            first.journal.close(); first.lock.release()
            let second = try open(Self.yaml(maxEpochs: 3), in: directory, startOver: true, at: 5_000)
            second.journal.close(); second.lock.release()
            let third = try open(Self.yaml(maxEpochs: 4), in: directory, startOver: true, at: 5_000)
            third.journal.close(); third.lock.release()
            let fm = FileManager.default
            let aside = try fm.contentsOfDirectory(atPath: sweep).filter { $0.hasPrefix("discarded-") }.sorted()
            #expect(aside == ["discarded-5000", "discarded-5000-2"], "\(aside)")
            for folder in aside {
                #expect(fm.fileExists(atPath: sweep + "/" + folder + "/" + Journal.fileName), "\(folder) holds its journal")
            }
            #expect(third.notes.contains { $0.contains("discarded-5000-2") }, "\(third.notes)")
        }
    }
}
