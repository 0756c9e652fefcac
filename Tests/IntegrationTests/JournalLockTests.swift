@testable import Coordinator
import Foundation
import Testing

/// A coordinator restarting after `kill -9` must not fail because another connection — a
/// `coordinator report`, an `sqlite3` shell, a drill's query — holds the journal's lock for a
/// moment (for instance while it recovers the WAL the killed process left): opening waits for the
/// lock (up to `SQLiteDatabase.busyTimeoutMilliseconds`) from its very first statement.
struct JournalLockTests {
    typealias F = JournalFixtures

    @Test func openingWaitsForAnotherConnectionsLockInsteadOfFailing() throws {
        try F.withDirectory { directory in
            let created = try Journal.open(directory: directory)
            created.close()
            // An exclusive-mode connection keeps every other connection out until it closes.
            let holder = try SQLiteDatabase(path: directory + "/" + Journal.fileName)
            try holder.execute("PRAGMA locking_mode = EXCLUSIVE")
            try holder.execute("BEGIN EXCLUSIVE")
            try holder.execute("COMMIT")
            let released = DispatchSemaphore(value: 0)
            // Handed to one other thread and not touched here until it signals.
            nonisolated(unsafe) let lockHolder = holder
            Thread {
                usleep(400_000)
                lockHolder.close()
                released.signal()
            }.start()
            let started = ContinuousClock.now
            let journal = try Journal.open(directory: directory)
            let waited = ContinuousClock.now - started
            journal.close()
            released.wait()
            #expect(waited >= .milliseconds(300), "the open did not meet the lock: \(waited), so this tested nothing")
        }
    }
}
