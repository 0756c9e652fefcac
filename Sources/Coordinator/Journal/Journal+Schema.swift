import CSQLite

/// Recognising, creating and configuring the journal file.
extension Journal {
    /// Marks the file as a widthsweep journal in SQLite's header (`PRAGMA application_id`): "wswj".
    static let applicationID: Int32 = 0x7773_776A
    /// The schema this build writes (`PRAGMA user_version`); bump it with a migration when tables change.
    static let schemaVersion = 2

    /// Checks what the file is, then configures the connection and creates the tables if it is new.
    ///
    /// The identity check comes first and only reads, so a foreign SQLite file is refused before
    /// anything (even switching it to WAL) changes it. There is no `PRAGMA quick_check` here: it
    /// costs about as much as loading every cell (~0.2 s at 100,000 cells, more with large key
    /// material), and resume reads every page of `cells` right after opening anyway, so damage
    /// there surfaces as `SQLITE_CORRUPT` before anything is assigned.
    static func prepareSchema(_ database: SQLiteDatabase, path: String) throws {
        let applicationID = try integerQuery(database, "PRAGMA application_id")
        let version = try integerQuery(database, "PRAGMA user_version")
        let isEmpty = try integerQuery(database, "SELECT count(*) FROM sqlite_schema") == 0

        let isNew: Bool
        if applicationID == Int(Self.applicationID) {
            guard version <= schemaVersion else {
                throw JournalError.newerSchema(path: path, found: version, supported: schemaVersion)
            }
            guard version >= 1 else {
                throw JournalError.notAJournal(path: path, reason: "unknown journal schema \(version)")
            }
            isNew = false
            if version < schemaVersion {
                try configure(database, path: path)
                try migrate(database, from: version)
                return
            }
        } else if applicationID == 0 && isEmpty {
            isNew = true  // A file this call created, or an empty database: nothing to lose.
        } else if applicationID != 0 {
            throw JournalError.notAJournal(path: path, reason: "SQLite application id \(applicationID)")
        } else {
            throw JournalError.notAJournal(path: path, reason: "an SQLite database with other tables")
        }

        try configure(database, path: path)
        if isNew {
            try database.transaction {
                try database.execute(schema)
                try database.execute("PRAGMA application_id = \(Self.applicationID)")
                try database.execute("PRAGMA user_version = \(schemaVersion)")
            }
        }
    }

    /// Brings an older journal up to `schemaVersion` in one transaction, keeping every row.
    /// 1 → 2: `cells.variant`, the model variant's name ('' for sweeps that list no model axis,
    /// which is every cell a schema-1 journal holds).
    private static func migrate(_ database: SQLiteDatabase, from version: Int) throws {
        try database.transaction {
            if version < 2 { try database.execute("ALTER TABLE cells ADD COLUMN variant TEXT NOT NULL DEFAULT ''") }
            try database.execute("PRAGMA user_version = \(schemaVersion)")
        }
    }

    /// Per-connection settings; only the journal mode is stored in the file.
    private static func configure(_ database: SQLiteDatabase, path: String) throws {
        let mode = try database.prepare("PRAGMA journal_mode = WAL")
        defer { mode.reset() }
        try mode.step()
        guard mode.text(0) == "wal" else {
            throw SQLiteError(code: SQLITE_ERROR, message: "journal mode is \(mode.text(0)), not wal",
                              operation: "PRAGMA journal_mode = WAL", path: path)
        }
        // FULL: in WAL mode NORMAL may lose the last commits on power loss, and an ACK promises
        // the worker it may drop its result.
        try database.execute("PRAGMA synchronous = FULL")
        try database.execute("PRAGMA foreign_keys = ON")
        // A report or `sqlite3` reading the file can hold a lock briefly; wait rather than fail.
        try database.execute("PRAGMA busy_timeout = 5000")
    }

    /// The first column of the first row. The statement is reset before returning: one left on a
    /// row keeps a read transaction open, and the journal mode cannot change inside one.
    private static func integerQuery(_ database: SQLiteDatabase, _ sql: String) throws -> Int {
        let statement = try database.prepare(sql)
        defer { statement.reset() }
        guard try statement.step() else { return 0 }
        return statement.int(0)
    }

    /// Schema 2. Key material and results live apart from `cells` so that loading every cell's
    /// state at start-up reads small rows only. `cells` is clustered on the key (WITHOUT ROWID):
    /// every lookup is by key, and the key is stored once rather than in a table and an index.
    /// `key_material` is not: its ~1 KB rows spill into overflow pages in a WITHOUT ROWID table
    /// (measured: 4× the file size and 4× the insert time at 100,000 cells). Dispatch order has
    /// no index: `cells()` sorts once, and an index would cost a random lookup per row there and
    /// an update on every re-order.
    private static let schema = """
        CREATE TABLE specs (
            id INTEGER PRIMARY KEY,
            yaml TEXT NOT NULL,
            engine_version TEXT NOT NULL,
            recorded_at REAL NOT NULL
        );
        CREATE TABLE cells (
            key TEXT PRIMARY KEY NOT NULL,
            width INTEGER NOT NULL,
            seed INTEGER NOT NULL,
            task TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'leased', 'finished', 'failed')),
            attempts_assigned INTEGER NOT NULL DEFAULT 0,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            lease_id TEXT,
            lease_worker TEXT,
            variant TEXT NOT NULL DEFAULT ''
        ) WITHOUT ROWID;
        CREATE TABLE key_material (
            key TEXT PRIMARY KEY NOT NULL REFERENCES cells (key),
            material TEXT NOT NULL
        );
        CREATE TABLE results (
            key TEXT PRIMARY KEY NOT NULL REFERENCES cells (key),
            attempt INTEGER NOT NULL,
            worker TEXT NOT NULL,
            host TEXT NOT NULL,
            result_json BLOB NOT NULL,
            finished_at REAL NOT NULL
        );
        CREATE TABLE artifacts (
            key TEXT NOT NULL REFERENCES results (key),
            name TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            PRIMARY KEY (key, name)
        ) WITHOUT ROWID;
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            time REAL NOT NULL,
            kind TEXT NOT NULL,
            key TEXT,
            attempt INTEGER,
            worker TEXT,
            detail TEXT
        );
        CREATE INDEX events_determinism_warnings ON events (kind) WHERE kind = 'determinismWarning';
        """
}
