@testable import Coordinator
import Foundation
import Testing

/// One coordinator per sweep directory: the journal must never have two writers.
struct SweepDirectoryLockTests {
    @Test func aSecondLockOnTheSameDirectoryFailsNamingTheDirectoryAndTheHolder() throws {
        try JournalFixtures.withDirectory { directory in
            let first = try SweepDirectoryLock(directory: directory)
            defer { first.release() }
            // A second open file description, as a second process would have: flock conflicts.
            let error = try #require(throws: JournalError.self) { try SweepDirectoryLock(directory: directory) }
            #expect(error == .directoryInUse(directory: directory, pid: getpid()))
            #expect(error.description.contains("sweep directory \(directory) is in use by pid \(getpid())"))
        }
    }

    @Test func aReleasedDirectoryCanBeLockedAgain() throws {
        try JournalFixtures.withDirectory { directory in
            let first = try SweepDirectoryLock(directory: directory)
            first.release()
            let second = try SweepDirectoryLock(directory: directory)
            second.release()
        }
    }
}
