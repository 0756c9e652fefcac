@testable import Coordinator
import CSQLite
import Testing

/// The thin SQLite layer under the journal, against real database files.
struct SQLiteDatabaseTests {
    private func withDatabase(_ body: (SQLiteDatabase, String) throws -> Void) throws {
        try JournalFixtures.withDirectory { directory in
            let path = directory + "/test.sqlite"
            let database = try SQLiteDatabase(path: path)
            defer { database.close() }
            try database.execute("CREATE TABLE t (i INTEGER, d REAL, s TEXT, b BLOB, n)")
            try body(database, path)
        }
    }

    @Test func valuesOfEveryBoundTypeReadBackUnchangedAndEmptyIsNotNull() throws {
        try withDatabase { database, _ in
            let insert = try database.prepare("INSERT INTO t (i, d, s, b, n) VALUES (?1, ?2, ?3, ?4, ?5)")
            try insert.bind(Int.max, at: 1)
            try insert.bind(0.1 + 0.2, at: 2)
            try insert.bind("width ✓", at: 3)
            try insert.bind([0, 255, 0, 7] as [UInt8], at: 4)
            try insert.bindNull(at: 5)
            try insert.step()
            insert.reset()
            try insert.bind(Int64.min, at: 1)
            try insert.bind(-1e-300, at: 2)
            try insert.bind("", at: 3)
            try insert.bind([] as [UInt8], at: 4)
            try insert.bind(nil as String?, at: 5)
            try insert.step()

            let select = try database.prepare("SELECT i, d, s, b, n FROM t ORDER BY rowid")
            #expect(try select.step())
            #expect(select.int(0) == Int.max && select.double(1) == 0.1 + 0.2)
            #expect(select.text(2) == "width ✓" && select.blob(3) == [0, 255, 0, 7] && select.isNull(4))
            #expect(try select.step())
            #expect(select.int64(0) == Int64.min && select.double(1) == -1e-300)
            // An empty text or blob is a value, not NULL: an empty result must not read as a missing one.
            #expect(!select.isNull(2) && select.text(2) == "" && select.optionalText(2) == "")
            #expect(!select.isNull(3) && select.blob(3) == [])
            #expect(select.optionalText(4) == nil)
            #expect(try !select.step())
        }
    }

    @Test func aTransactionWhoseBodyThrowsLeavesNothingBehind() throws {
        struct Abort: Error {}
        try withDatabase { database, _ in
            #expect(throws: Abort.self) {
                try database.transaction {
                    try database.execute("INSERT INTO t (i) VALUES (1)")
                    throw Abort()
                }
            }
            let count = try database.prepare("SELECT count(*) FROM t")
            #expect(try count.step())
            #expect(count.int(0) == 0)
            let value = try database.transaction { () -> Int in
                try database.execute("INSERT INTO t (i) VALUES (2)")
                return database.changes
            }
            #expect(value == 1)
        }
    }

    @Test func errorsNameTheOperationTheFileAndSQLitesMessage() throws {
        try withDatabase { database, path in
            let error = try #require(throws: SQLiteError.self) { try database.prepare("SELECT nope FROM t") }
            #expect(error.primaryCode == SQLITE_ERROR)
            #expect(error.operation.hasPrefix("prepare"))
            #expect(error.description.contains(path) && error.description.contains("no such column: nope"))

            try database.execute("CREATE TABLE u (k TEXT PRIMARY KEY)")
            let insert = try database.prepare("INSERT INTO u (k) VALUES ('x')")
            try insert.step()
            insert.reset()
            let conflict = try #require(throws: SQLiteError.self) { try insert.step() }
            #expect(conflict.primaryCode == SQLITE_CONSTRAINT && conflict.operation.hasPrefix("step"))
        }
    }

    @Test func aCachedStatementIsPreparedOnceAndComesBackReset() throws {
        try withDatabase { database, _ in
            try database.execute("INSERT INTO t (i) VALUES (1), (2)")
            let first = try database.cached("SELECT i FROM t ORDER BY i")
            #expect(try first.step())
            #expect(first.int(0) == 1)
            let again = try database.cached("SELECT i FROM t ORDER BY i")
            #expect(first === again)
            #expect(try again.step())
            #expect(again.int(0) == 1)
        }
    }

    @Test func aClosedDatabaseThrowsInsteadOfTrapping() throws {
        try withDatabase { database, path in
            database.close()
            let error = try #require(throws: SQLiteError.self) { try database.execute("SELECT 1") }
            #expect(error.code == SQLITE_MISUSE && error.path == path)
        }
    }
}
