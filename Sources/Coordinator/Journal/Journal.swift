import CSQLite

/// The coordinator's durable record of a sweep: its spec, its cells and their states, results,
/// artifacts and an append-only event log, in `<sweep dir>/journal.sqlite`.
///
/// Every state change the coordinator acts on is committed here first (docs/protocol.md §5):
/// an `ASSIGN` leaves only after its lease is durable, an `ACK accepted` only after its result
/// is. The file is opened with WAL and `synchronous=FULL`, so a commit that returned survives
/// a crash or power loss. Used from one thread (the socket loop); not `Sendable`.
final class Journal {
    static let fileName = "journal.sqlite"

    /// The journal file, for messages.
    let path: String
    let database: SQLiteDatabase

    private init(path: String, database: SQLiteDatabase) {
        self.path = path
        self.database = database
    }

    deinit {
        database.close()
    }

    /// Opens or creates `<directory>/journal.sqlite`.
    ///
    /// A file that is not a widthsweep journal (not SQLite, or SQLite holding other tables) and a
    /// journal from a newer schema are refused with an error naming the path, before anything is
    /// written to it. Damage inside a table is reported by the first call that reads it, as an
    /// `SQLiteError` (`SQLITE_CORRUPT`) naming the path.
    static func open(directory: String) throws -> Journal {
        let path = directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
        let database = try SQLiteDatabase(path: path)
        do {
            try prepareSchema(database, path: path)
        } catch let error as SQLiteError where error.primaryCode == SQLITE_NOTADB {
            database.close()
            throw JournalError.notAJournal(path: path, reason: "not an SQLite database")
        } catch let error as SQLiteError where error.primaryCode == SQLITE_CORRUPT {
            database.close()
            throw JournalError.corrupt(path: path, detail: error.message)
        } catch {
            database.close()
            throw error
        }
        return Journal(path: path, database: database)
    }

    /// Closes the file; the journal must not be used afterwards.
    func close() {
        database.close()
    }

    /// A `CellState` read back from the file; anything else means the file was edited or damaged.
    func cellState(_ raw: String) throws -> CellState {
        guard let state = CellState(rawValue: raw) else {
            throw JournalError.corrupt(path: path, detail: "unknown cell state \"\(raw)\"")
        }
        return state
    }
}
