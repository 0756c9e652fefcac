import Shared

/// Reading results, failures and the event log back: duplicates (§5.4 step 1) and the report.
extension Journal {
    /// A committed result with the cell it belongs to.
    struct FinishedRow: Sendable, Equatable {
        var key: String
        var cell: CellCoordinate
        var attempt: Int
        var worker: String
        var host: String
        /// The `RESULT` JSON frame exactly as the worker sent it.
        var resultJSON: [UInt8]
        /// Wall-clock seconds (Unix time) of the commit.
        var finishedAt: Double
    }

    /// A cell that used up its attempts (§5.2).
    struct FailedRow: Sendable, Equatable {
        var key: String
        var cell: CellCoordinate
        /// Failed attempts recorded for the cell.
        var attempts: Int
        /// The last attempt's error.
        var error: String
    }

    /// One row of the append-only event log.
    struct EventRow: Sendable, Equatable {
        /// Wall-clock seconds (Unix time) of the batch that logged it.
        var time: Double
        /// A `JournalEntry.EventKind` raw value.
        var kind: String
        var key: String?
        var attempt: Int?
        var worker: String?
        var detail: String?
    }

    /// The committed result JSON for `key`, or nil if the cell has none.
    func result(forKey key: String) throws -> [UInt8]? {
        let statement = try database.cached("SELECT result_json FROM results WHERE key = ?1")
        defer { statement.reset() }
        try statement.bind(key, at: 1)
        guard try statement.step() else { return nil }
        return statement.blob(0)
    }

    /// The artifacts committed with `key`'s result, by name.
    func artifacts(forKey key: String) throws -> [ArtifactRecord] {
        let statement = try database.cached("SELECT name, size, sha256 FROM artifacts WHERE key = ?1 ORDER BY name")
        try statement.bind(key, at: 1)
        var records: [ArtifactRecord] = []
        while try statement.step() {
            records.append(ArtifactRecord(name: statement.text(0), size: statement.int(1), sha256: statement.text(2)))
        }
        return records
    }

    /// Every committed result, in dispatch order.
    func finishedResults() throws -> [FinishedRow] {
        let statement = try database.cached("""
            SELECT c.key, c.width, c.seed, c.task, r.attempt, r.worker, r.host, r.result_json, r.finished_at, c.variant
            FROM results r JOIN cells c ON c.key = r.key ORDER BY c.ordinal
            """)
        var rows: [FinishedRow] = []
        while try statement.step() {
            rows.append(FinishedRow(
                key: statement.text(0),
                cell: CellCoordinate(width: statement.int(1), seed: statement.int(2), task: statement.text(3),
                                     variant: statement.text(9)),
                attempt: statement.int(4), worker: statement.text(5), host: statement.text(6),
                resultJSON: statement.blob(7), finishedAt: statement.double(8)))
        }
        return rows
    }

    /// Every cell in state failed, in dispatch order.
    func failedCells() throws -> [FailedRow] {
        let statement = try database.cached("""
            SELECT key, width, seed, task, failed_attempts, last_error, variant
            FROM cells WHERE state = 'failed' ORDER BY ordinal
            """)
        var rows: [FailedRow] = []
        while try statement.step() {
            rows.append(FailedRow(
                key: statement.text(0),
                cell: CellCoordinate(width: statement.int(1), seed: statement.int(2), task: statement.text(3),
                                     variant: statement.text(6)),
                attempts: statement.int(4), error: statement.text(5)))
        }
        return rows
    }

    /// The whole event log, oldest first.
    func events() throws -> [EventRow] {
        let statement = try database.cached("SELECT time, kind, key, attempt, worker, detail FROM events ORDER BY id")
        var rows: [EventRow] = []
        while try statement.step() {
            rows.append(EventRow(
                time: statement.double(0), kind: statement.text(1), key: statement.optionalText(2),
                attempt: statement.isNull(3) ? nil : statement.int(3),
                worker: statement.optionalText(4), detail: statement.optionalText(5)))
        }
        return rows
    }

    /// How many determinism warnings (§5.5) the sweep has logged.
    func determinismWarningCount() throws -> Int {
        let statement = try database.cached(
            "SELECT count(*) FROM events WHERE kind = '\(JournalEntry.EventKind.determinismWarning.rawValue)'")
        defer { statement.reset() }
        guard try statement.step() else { return 0 }
        return statement.int(0)
    }
}
