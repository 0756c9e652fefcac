@testable import Coordinator
import Foundation
import Shared
import Testing

/// A journal written before model axes (schema 1, no `cells.variant`) opens under this build,
/// keeps every row, and names its cells' variant once a spec lists the value they ran with.
struct JournalMigrationTests {
    typealias F = JournalFixtures

    /// Schema 1 as the previous build created it, with one finished cell and its result.
    private func writeSchemaOneJournal(in directory: String) throws {
        let database = try SQLiteDatabase(path: directory + "/" + Journal.fileName)
        try database.execute("""
            CREATE TABLE specs (id INTEGER PRIMARY KEY, yaml TEXT NOT NULL, engine_version TEXT NOT NULL, recorded_at REAL NOT NULL);
            CREATE TABLE cells (key TEXT PRIMARY KEY NOT NULL, width INTEGER NOT NULL, seed INTEGER NOT NULL, task TEXT NOT NULL,
                ordinal INTEGER NOT NULL,
                state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'leased', 'finished', 'failed')),
                attempts_assigned INTEGER NOT NULL DEFAULT 0, failed_attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT, lease_id TEXT, lease_worker TEXT) WITHOUT ROWID;
            CREATE TABLE key_material (key TEXT PRIMARY KEY NOT NULL REFERENCES cells (key), material TEXT NOT NULL);
            CREATE TABLE results (key TEXT PRIMARY KEY NOT NULL REFERENCES cells (key), attempt INTEGER NOT NULL,
                worker TEXT NOT NULL, host TEXT NOT NULL, result_json BLOB NOT NULL, finished_at REAL NOT NULL);
            CREATE TABLE artifacts (key TEXT NOT NULL REFERENCES results (key), name TEXT NOT NULL, size INTEGER NOT NULL,
                sha256 TEXT NOT NULL, PRIMARY KEY (key, name)) WITHOUT ROWID;
            CREATE TABLE events (id INTEGER PRIMARY KEY, time REAL NOT NULL, kind TEXT NOT NULL, key TEXT, attempt INTEGER,
                worker TEXT, detail TEXT);
            CREATE INDEX events_determinism_warnings ON events (kind) WHERE kind = 'determinismWarning';
            INSERT INTO specs (yaml, engine_version, recorded_at) VALUES ('name: old', '0.4.0', 1);
            INSERT INTO cells (key, width, seed, task, ordinal, state, attempts_assigned) VALUES ('k1', 16, 0, 'split', 0, 'finished', 1);
            INSERT INTO cells (key, width, seed, task, ordinal) VALUES ('k2', 4, 0, 'split', 1);
            INSERT INTO key_material (key, material) VALUES ('k1', '{}'), ('k2', '{}');
            INSERT INTO results (key, attempt, worker, host, result_json, finished_at) VALUES ('k1', 1, 'w', 'h', x'7b7d', 2);
            PRAGMA application_id = \(Journal.applicationID);
            PRAGMA user_version = 1;
            """)
        database.close()
    }

    @Test func aSchemaOneJournalMigratesKeepingEveryRowWithAnEmptyVariant() throws {
        try F.withDirectory { directory in
            try writeSchemaOneJournal(in: directory)
            let journal = try Journal.open(directory: directory)
            let cells = try journal.cells()
            #expect(cells.map(\.key) == ["k1", "k2"])
            #expect(cells.map(\.cell) == [CellCoordinate(width: 16, seed: 0, task: "split"), CellCoordinate(width: 4, seed: 0, task: "split")])
            #expect(cells.first?.state == .finished)
            #expect(try journal.finishedResults().map(\.key) == ["k1"])
            #expect(try journal.storedSpec()?.engineVersion == "0.4.0")

            // A spec that lists the value those cells ran with names their variant; nothing else changes.
            try journal.upsertCells([
                (key: "k1", cell: CellCoordinate(width: 16, seed: 0, task: "split", variant: "standard"), ordinal: 0, keyMaterial: "{}"),
                (key: "k2", cell: CellCoordinate(width: 4, seed: 0, task: "split", variant: "standard"), ordinal: 1, keyMaterial: "{}"),
                (key: "k3", cell: CellCoordinate(width: 16, seed: 0, task: "split", variant: "mup"), ordinal: 2, keyMaterial: "{}"),
            ])
            let renamed = try journal.cells()
            #expect(renamed.map(\.cell.variant) == ["standard", "standard", "mup"])
            #expect(renamed.map(\.state) == [.finished, .queued, .queued])
            #expect(try journal.finishedResults().first?.cell.variant == "standard")
            journal.close()
            // Opening again finds schema 2 and migrates nothing.
            let again = try Journal.open(directory: directory)
            defer { again.close() }
            #expect(try again.cells().count == 3)
        }
    }
}
