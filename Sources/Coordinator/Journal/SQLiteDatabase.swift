import CSQLite

/// One SQLite connection, used from one thread at a time (the coordinator's socket loop).
///
/// A thin layer over the C API: errors become `SQLiteError` naming the file; statements run on hot
/// paths are prepared once and kept (`cached(_:)`), since preparing costs more than running
/// the small statements the journal issues per message.
final class SQLiteDatabase {
    /// The database file, for error messages.
    let path: String
    private var connection: OpaquePointer?
    private var statementCache: [String: SQLiteStatement] = [:]
    private var inTransaction = false

    /// Opens (creating if missing) the database file at `path`.
    ///
    /// Opening is lazy in SQLite: a file that is not a database is only noticed by the first
    /// statement that reads it, which reports `SQLITE_NOTADB`.
    init(path: String) throws {
        self.path = path
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let error = SQLiteError.make(code: code, connection: handle, operation: "open", path: path)
            sqlite3_close_v2(handle)
            throw error
        }
        connection = handle
        sqlite3_extended_result_codes(handle, 1)
        // From the first statement on, wait for a lock rather than fail: after a crash the first
        // connection to open the WAL journal recovers it under an exclusive lock, and a reader
        // (`coordinator report`, `sqlite3`) doing that recovery made a restarting coordinator's
        // very first read fail with "database is locked". A connection setting: the file is untouched.
        sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
    }

    /// How long a statement waits for another connection's lock.
    static let busyTimeoutMilliseconds: Int32 = 5000

    deinit {
        close()
    }

    /// Runs one or more statements that return no rows of interest (schema, pragmas).
    func execute(_ sql: String) throws {
        let handle = try open(operation: "execute")
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw SQLiteError(code: code, message: text, operation: "execute \(Self.summary(sql))", path: path)
        }
    }

    /// A new prepared statement; it is finalized when released.
    func prepare(_ sql: String) throws -> SQLiteStatement {
        let handle = try open(operation: "prepare")
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw SQLiteError.make(code: code, connection: handle, operation: "prepare \(Self.summary(sql))", path: path)
        }
        return SQLiteStatement(statement: statement, connection: handle, sql: sql, path: path)
    }

    /// The prepared statement for `sql`, prepared on first use and reset (bindings cleared) on each.
    func cached(_ sql: String) throws -> SQLiteStatement {
        if let statement = statementCache[sql] {
            statement.reset()
            return statement
        }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }

    /// Runs `body` in `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws or the commit fails.
    ///
    /// IMMEDIATE takes the write lock up front, so a transaction never fails half-way because
    /// another connection (a report reading the file) wrote first. Transactions do not nest.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        precondition(!inTransaction, "SQLiteDatabase.transaction does not nest")
        try execute("BEGIN IMMEDIATE")
        inTransaction = true
        defer { inTransaction = false }
        let value: T
        do {
            value = try body()
            try execute("COMMIT")
        } catch {
            // After a failed COMMIT the transaction may still be open; ROLLBACK ends it either way.
            // Its own failure (no transaction left) says nothing new, so the first error is thrown.
            rollbackQuietly()
            throw error
        }
        return value
    }

    /// Finalizes cached statements and closes the connection; later calls throw `SQLITE_MISUSE`.
    func close() {
        statementCache.removeAll()
        guard let handle = connection else { return }
        connection = nil
        // close_v2 defers the close until statements still held elsewhere are finalized.
        sqlite3_close_v2(handle)
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int {
        guard let connection else { return 0 }
        return Int(sqlite3_changes64(connection))
    }

    private func rollbackQuietly() {
        guard let connection, sqlite3_get_autocommit(connection) == 0 else { return }
        sqlite3_exec(connection, "ROLLBACK", nil, nil, nil)
    }

    private func open(operation: String) throws -> OpaquePointer {
        guard let connection else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "the database is closed", operation: operation, path: path)
        }
        return connection
    }

    /// The start of a statement, enough to tell which one failed without flooding the message.
    static func summary(_ sql: String) -> String {
        let line = sql.split(whereSeparator: { $0 == "\n" }).first.map(String.init) ?? sql
        let trimmed = line.trimmingPrefix(while: { $0 == " " })
        return trimmed.count > 60 ? String(trimmed.prefix(60)) + "…" : String(trimmed)
    }
}
