@testable import Coordinator
import CSQLite
import Foundation
import Shared
import Testing

/// Opening, recognising and resuming a journal file (docs/architecture.md §6: persistence and resume).
struct JournalTests {
    typealias F = JournalFixtures

    @Test func aFreshJournalRoundTripsSpecAndCellsAcrossCloseAndOpen() throws {
        try F.withDirectory { directory in
            let rows = F.cells(0..<3)
            do {
                let journal = try Journal.open(directory: directory)
                #expect(try journal.storedSpec() == nil)
                #expect(try journal.cells().isEmpty)
                try journal.recordSpec(yaml: "name: demo\n", engineVersion: "engine-1", at: 100)
                // Inserted out of dispatch order: `cells()` must still come back by ordinal.
                try journal.upsertCells([rows[2], rows[0], rows[1]])
                journal.close()
            }
            let journal = try Journal.open(directory: directory)
            defer { journal.close() }
            let spec = try #require(try journal.storedSpec())
            #expect(spec.yaml == "name: demo\n" && spec.engineVersion == "engine-1")
            let expected = rows.map {
                JournalCell(key: $0.key, cell: $0.cell, ordinal: $0.ordinal, state: .queued,
                            attemptsAssigned: 0, failedAttempts: 0, lastError: nil)
            }
            #expect(try journal.cells() == expected)
            #expect(try journal.keyMaterial(forKey: rows[1].key) == rows[1].keyMaterial)
            #expect(try journal.keyMaterial(forKey: F.key(99)) == nil)
        }
    }

    @Test func recordingAChangedSpecKeepsThePreviousOneAsHistory() throws {
        try F.withDirectory { directory in
            let journal = try Journal.open(directory: directory)
            defer { journal.close() }
            try journal.recordSpec(yaml: "widths: [16]\n", engineVersion: "engine-1", at: 1)
            try journal.recordSpec(yaml: "widths: [16]\n", engineVersion: "engine-1", at: 2)  // a plain resume
            try journal.recordSpec(yaml: "widths: [16, 32]\n", engineVersion: "engine-1", at: 3)
            let spec = try #require(try journal.storedSpec())
            #expect(spec.yaml == "widths: [16, 32]\n")
            let history = try journal.database.prepare("SELECT yaml FROM specs ORDER BY id")
            var texts: [String] = []
            while try history.step() { texts.append(history.text(0)) }
            #expect(texts == ["widths: [16]\n", "widths: [16, 32]\n"])
        }
    }

    @Test func upsertOnAnExistingJournalKeepsStatesAndUpdatesOrdinals() throws {
        try F.withDirectory { directory in
            let journal = try F.journal(in: directory, cells: F.cells(0..<3))
            defer { journal.close() }
            try journal.apply([
                .leased(key: F.key(0), attempt: 1, leaseId: F.leaseId(0), worker: "w1"),
                .leased(key: F.key(1), attempt: 1, leaseId: F.leaseId(1), worker: "w1"),
                .finished(key: F.key(1), attempt: 1, worker: "w1", host: "h1", resultJSON: Array("{}".utf8), artifacts: []),
            ], at: 10)
            // An additive edit: two new cells dispatched first, the old ones after them.
            try journal.upsertCells(F.cells(3..<5) + F.cells(0..<3, firstOrdinal: 2))
            let cells = try journal.cells()
            #expect(cells.map(\.key) == [3, 4, 0, 1, 2].map(F.key))
            #expect(cells.map(\.ordinal) == [0, 1, 2, 3, 4])
            #expect(cells.map(\.state) == [.queued, .queued, .leased, .finished, .queued])
            #expect(cells[2].attemptsAssigned == 1)
            #expect(try journal.result(forKey: F.key(1)) == Array("{}".utf8))
        }
    }

    @Test func aKeyListedTwiceInOneUpsertKeepsItsLastOrdinal() throws {
        try F.withDirectory { directory in
            let journal = try Journal.open(directory: directory)
            defer { journal.close() }
            let row = F.cells(0..<1)[0]
            try journal.upsertCells([row, (row.key, row.cell, 7, row.keyMaterial)])
            #expect(try journal.cells().map(\.ordinal) == [7])
        }
    }

    /// docs/protocol.md §5.1 and §5.2: a restart re-queues in-flight cells as released leases, and
    /// the next ASSIGN of such a cell carries the next attempt number.
    @Test func requeueInFlightReturnsLeasedCellsToQueuedAndKeepsTheirAttempts() throws {
        try F.withDirectory { directory in
            do {
                let journal = try F.journal(in: directory, cells: F.cells(0..<4))
                try journal.apply([
                    .leased(key: F.key(0), attempt: 1, leaseId: F.leaseId(0), worker: "w1"),
                    .leased(key: F.key(1), attempt: 1, leaseId: F.leaseId(1), worker: "w1"),
                    .leased(key: F.key(2), attempt: 1, leaseId: F.leaseId(2), worker: "w2"),
                    .finished(key: F.key(1), attempt: 1, worker: "w1", host: "h1", resultJSON: Array("{}".utf8), artifacts: []),
                    .cellFailed(key: F.key(2), attempt: 1, worker: "w2", error: "diverged"),
                ], at: 10)
                journal.close()  // the coordinator stops with cell 0 in flight
            }
            let journal = try Journal.open(directory: directory)
            defer { journal.close() }
            #expect(try journal.requeueInFlight(at: 20) == 1)
            let cells = try journal.cells()
            #expect(cells.map(\.state) == [.queued, .finished, .failed, .queued])
            #expect(cells[0].attemptsAssigned == 1 && cells[0].failedAttempts == 0)
            let last = try #require(try journal.events().last)
            #expect(last == Journal.EventRow(time: 20, kind: "released", key: F.key(0), attempt: 1, worker: "w1",
                                             detail: "coordinator restart"))
            #expect(try journal.requeueInFlight(at: 21) == 0)

            #expect(throws: JournalError.self) {
                try journal.apply([.leased(key: F.key(0), attempt: 1, leaseId: F.leaseId(3), worker: "w3")], at: 22)
            }
            try journal.apply([.leased(key: F.key(0), attempt: 2, leaseId: F.leaseId(3), worker: "w3")], at: 22)
            #expect(try F.cell(F.key(0), in: journal)?.attemptsAssigned == 2)
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedNamingItsPathAndLeftUnchanged() throws {
        try F.withDirectory { directory in
            let path = directory + "/" + Journal.fileName
            let content = Array("results.csv: width,seed,accuracy\n64,0,0.91\n".utf8)
            try Data(content).write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: JournalError.self) { try Journal.open(directory: directory) }
            #expect(error.description.contains(path))
            #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == content)
        }
    }

    @Test func anSQLiteFileOfAnotherSchemaIsRefusedNamingItsPathBeforeAnythingIsWritten() throws {
        try F.withDirectory { directory in
            let path = directory + "/" + Journal.fileName
            do {
                let other = try SQLiteDatabase(path: path)
                try other.execute("CREATE TABLE cells (name TEXT)")
                other.close()
            }
            let error = try #require(throws: JournalError.self) { try Journal.open(directory: directory) }
            #expect(error.description.contains(path))
            #expect(error.description.contains("not a widthsweep journal"))
            // Not even switched to WAL: refusing a file must not change it.
            let other = try SQLiteDatabase(path: path)
            defer { other.close() }
            let mode = try other.prepare("PRAGMA journal_mode")
            #expect(try mode.step())
            #expect(mode.text(0) == "delete")
        }
    }

    @Test func aJournalOfANewerSchemaIsRefusedNamingItsPath() throws {
        try F.withDirectory { directory in
            try Journal.open(directory: directory).close()
            let path = directory + "/" + Journal.fileName
            do {
                let raw = try SQLiteDatabase(path: path)
                try raw.execute("PRAGMA user_version = \(Journal.schemaVersion + 1)")
                raw.close()
            }
            let error = try #require(throws: JournalError.self) { try Journal.open(directory: directory) }
            #expect(error == .newerSchema(path: path, found: Journal.schemaVersion + 1, supported: Journal.schemaVersion))
            #expect(error.description.contains(path))
        }
    }

    @Test func aDamagedCellsTableIsReportedAsDamageNamingThePathWhenResumeReadsIt() throws {
        try F.withDirectory { directory in
            let journal = try F.journal(in: directory, cells: F.cells(0..<500))
            let (page, pageSize) = try { () throws -> (Int, Int) in
                let root = try journal.database.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'cells'")
                let size = try journal.database.prepare("PRAGMA page_size")
                guard try root.step(), try size.step() else { return (0, 0) }
                return (root.int(0), size.int(0))
            }()
            journal.close()  // the last connection: checkpoints the WAL into the file and removes it
            try #require(page > 1 && pageSize > 0)
            let path = directory + "/" + Journal.fileName
            // Overwrite the root page of `cells` (an interior page at 500 cells) with garbage.
            let file = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            try file.seek(toOffset: UInt64((page - 1) * pageSize))
            try file.write(contentsOf: Data(repeating: 0xA5, count: pageSize))
            try file.close()
            let error = try #require(throws: SQLiteError.self) {
                let damaged = try Journal.open(directory: directory)
                defer { damaged.close() }
                _ = try damaged.cells()
            }
            #expect(error.primaryCode == SQLITE_CORRUPT)
            #expect(error.description.hasPrefix("\(path) is damaged"))
        }
    }

    @Test func aMissingDirectoryIsAnSQLiteErrorNamingTheFile() throws {
        try F.withDirectory { directory in
            let error = try #require(throws: SQLiteError.self) { try Journal.open(directory: directory + "/absent") }
            #expect(error.primaryCode == SQLITE_CANTOPEN)
            #expect(error.description.contains(directory + "/absent/" + Journal.fileName))
        }
    }
}
