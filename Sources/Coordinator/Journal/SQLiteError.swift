import CSQLite

/// A failed SQLite call: what was being done, SQLite's result code and message, and the database file.
///
/// `code` is the extended result code (extended codes are switched on for every connection), so
/// `primaryCode` is what to compare with `SQLITE_BUSY`, `SQLITE_CORRUPT` and the like.
struct SQLiteError: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    let operation: String
    let path: String

    /// The primary result code (`SQLITE_CORRUPT` for `SQLITE_CORRUPT_INDEX`, …).
    var primaryCode: Int32 { code & 0xff }

    var description: String {
        switch primaryCode {
        case SQLITE_CORRUPT:
            "\(path) is damaged (SQLite \(operation): \(message)); restore it from a backup or start the sweep over"
        case SQLITE_NOTADB:
            "\(path) is not an SQLite database (SQLite \(operation): \(message))"
        default:
            "\(path): SQLite \(operation) failed: \(message) (code \(code))"
        }
    }

    /// The error for `code` on `connection`, with `sqlite3_errmsg` when the connection exists.
    static func make(code: Int32, connection: OpaquePointer?, operation: String, path: String) -> SQLiteError {
        let message: String
        if let connection, let text = sqlite3_errmsg(connection) {
            message = String(cString: text)
        } else {
            message = String(cString: sqlite3_errstr(code))
        }
        return SQLiteError(code: code, message: message, operation: operation, path: path)
    }
}
