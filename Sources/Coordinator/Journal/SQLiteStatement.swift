import CSQLite

/// A prepared statement: bind parameters (1-based), step through rows, read columns (0-based).
///
/// Text and blobs are bound with `SQLITE_TRANSIENT`, so SQLite copies them before the call
/// returns and Swift's buffers may move afterwards. Empty text and blobs are bound explicitly:
/// SQLite reads a null pointer as SQL NULL, which would turn an empty result into a missing one.
final class SQLiteStatement {
    private let statement: OpaquePointer
    private let connection: OpaquePointer
    private let sql: String
    private let path: String

    init(statement: OpaquePointer, connection: OpaquePointer, sql: String, path: String) {
        self.statement = statement
        self.connection = connection
        self.sql = sql
        self.path = path
    }

    deinit {
        sqlite3_finalize(statement)
    }

    // MARK: Binding

    func bind(_ value: Int, at index: Int) throws {
        try check(sqlite3_bind_int64(statement, Int32(truncatingIfNeeded: index), Int64(value)), "bind")
    }

    func bind(_ value: Int64, at index: Int) throws {
        try check(sqlite3_bind_int64(statement, Int32(truncatingIfNeeded: index), value), "bind")
    }

    func bind(_ value: Double, at index: Int) throws {
        try check(sqlite3_bind_double(statement, Int32(truncatingIfNeeded: index), value), "bind")
    }

    func bind(_ value: String, at index: Int) throws {
        var text = value
        let position = Int32(truncatingIfNeeded: index)
        let code = text.withUTF8 { bytes -> Int32 in
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                // A real (empty) C string, so that "" does not bind as NULL.
                return sqlite3_bind_text(statement, position, "", 0, csqlite_transient())
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text64(statement, position, $0, UInt64(bytes.count), csqlite_transient(), UInt8(SQLITE_UTF8))
            }
        }
        try check(code, "bind")
    }

    func bind(_ value: [UInt8], at index: Int) throws {
        let position = Int32(truncatingIfNeeded: index)
        let code = value.withUnsafeBytes { bytes -> Int32 in
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_zeroblob(statement, position, 0)
            }
            return sqlite3_bind_blob64(statement, position, base, UInt64(bytes.count), csqlite_transient())
        }
        try check(code, "bind")
    }

    func bindNull(at index: Int) throws {
        try check(sqlite3_bind_null(statement, Int32(truncatingIfNeeded: index)), "bind")
    }

    func bind(_ value: String?, at index: Int) throws {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    func bind(_ value: Int?, at index: Int) throws {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    // MARK: Running

    /// Advances to the next row: `true` if there is one, `false` when the statement is done.
    @discardableResult
    func step() throws -> Bool {
        let code = sqlite3_step(statement)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError.make(code: code, connection: connection,
                                         operation: "step \(SQLiteDatabase.summary(sql))", path: path)
            sqlite3_reset(statement)
            throw error
        }
    }

    /// Rewinds the statement and clears its bindings, ready to run again.
    func reset() {
        // reset repeats the last step's error code, which `step` has already reported.
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    // MARK: Columns of the current row (0-based)

    func int64(_ column: Int) -> Int64 {
        sqlite3_column_int64(statement, Int32(truncatingIfNeeded: column))
    }

    func int(_ column: Int) -> Int {
        Int(truncatingIfNeeded: sqlite3_column_int64(statement, Int32(truncatingIfNeeded: column)))
    }

    func double(_ column: Int) -> Double {
        sqlite3_column_double(statement, Int32(truncatingIfNeeded: column))
    }

    func isNull(_ column: Int) -> Bool {
        sqlite3_column_type(statement, Int32(truncatingIfNeeded: column)) == SQLITE_NULL
    }

    /// The column as text ("" for NULL; check `isNull` when the difference matters).
    func text(_ column: Int) -> String {
        let position = Int32(truncatingIfNeeded: column)
        // The pointer first, then the byte count: that order is what SQLite documents as safe.
        guard let pointer = sqlite3_column_text(statement, position) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, position))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The column as text, or nil for NULL.
    func optionalText(_ column: Int) -> String? {
        isNull(column) ? nil : text(column)
    }

    /// The column as bytes (empty for NULL and for an empty blob).
    func blob(_ column: Int) -> [UInt8] {
        let position = Int32(truncatingIfNeeded: column)
        guard let pointer = sqlite3_column_blob(statement, position) else { return [] }
        let count = Int(sqlite3_column_bytes(statement, position))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    private func check(_ code: Int32, _ operation: String) throws {
        guard code == SQLITE_OK else {
            throw SQLiteError.make(code: code, connection: connection,
                                   operation: "\(operation) \(SQLiteDatabase.summary(sql))", path: path)
        }
    }
}
