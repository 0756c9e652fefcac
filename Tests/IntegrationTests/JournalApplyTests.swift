@testable import Coordinator
import Testing

/// What each `JournalEntry` does to a cell, and that a batch is all or nothing (docs/protocol.md §5).
struct JournalApplyTests {
    typealias F = JournalFixtures

    private func withJournal(_ body: (Journal) throws -> Void) throws {
        try F.withDirectory { directory in
            let journal = try F.journal(in: directory, cells: F.cells(0..<3))
            defer { journal.close() }
            try body(journal)
        }
    }

    private func lease(_ index: Int, attempt: UInt32 = 1, worker: String = "w1") -> JournalEntry {
        .leased(key: F.key(index), attempt: attempt, leaseId: F.leaseId(index), worker: worker)
    }

    /// §5.1: the lease is recorded with its attempt before the ASSIGN leaves.
    @Test func leasedMovesAQueuedCellToLeasedWithItsAttempt() throws {
        try withJournal { journal in
            try journal.apply([lease(0)], at: 1)
            let cell = try #require(try F.cell(F.key(0), in: journal))
            #expect(cell.state == .leased && cell.attemptsAssigned == 1 && cell.failedAttempts == 0)
            #expect(try journal.events() == [
                .init(time: 1, kind: "leased", key: F.key(0), attempt: 1, worker: "w1", detail: F.leaseId(0)),
            ])
        }
    }

    /// §3.5: after a restart a worker's running lease is adopted: the cell is leased again under
    /// the old lease id and attempt, which does not grow; an attempt that is not the latest is refused.
    @Test func adoptedTakesOverTheLatestAttemptOfARequeuedCell() throws {
        try withJournal { journal in
            try journal.apply([lease(0)], at: 1)
            #expect(try journal.requeueInFlight(at: 2) == 1)
            #expect(throws: JournalError.self) {
                try journal.apply([.adopted(key: F.key(0), attempt: 2, leaseId: F.leaseId(0), worker: "w1")], at: 3)
            }
            try journal.apply([.adopted(key: F.key(0), attempt: 1, leaseId: F.leaseId(0), worker: "w1")], at: 4)
            let cell = try #require(try F.cell(F.key(0), in: journal))
            #expect(cell.state == .leased && cell.attemptsAssigned == 1)
            try journal.apply([.attemptFailed(key: F.key(0), attempt: 1, worker: "w1", error: "nan")], at: 5)
            #expect(try F.cell(F.key(0), in: journal)?.failedAttempts == 1)
        }
    }

    /// §5.1: attempt numbers only grow; a leased cell cannot be leased again.
    @Test func leasingALeasedCellOrReusingAnAttemptNumberIsRefused() throws {
        try withJournal { journal in
            try journal.apply([lease(0)], at: 1)
            #expect(throws: JournalError.self) { try journal.apply([lease(0, attempt: 2, worker: "w2")], at: 2) }
            try journal.apply([.released(key: F.key(0), attempt: 1, reason: "shutdown")], at: 3)
            #expect(throws: JournalError.self) { try journal.apply([lease(0, attempt: 1)], at: 4) }
        }
    }

    /// §5.2: a released lease (DISCONNECT shutdown, EAGAIN, cancel now) is not a failure.
    @Test func releasedRequeuesTheCellWithoutCountingAFailure() throws {
        try withJournal { journal in
            try journal.apply([lease(0), .released(key: F.key(0), attempt: 1, reason: "shutdown")], at: 1)
            let cell = try #require(try F.cell(F.key(0), in: journal))
            #expect(cell.state == .queued && cell.attemptsAssigned == 1 && cell.failedAttempts == 0)
            #expect(cell.lastError == nil)
            let released = try #require(try journal.events().last)
            #expect(released.kind == "released" && released.worker == "w1" && released.detail == "shutdown")
        }
    }

    /// §5.2: a failed attempt re-queues the cell and counts toward `max_attempts`.
    @Test func attemptFailedRequeuesTheCellCountingTheFailureAndItsError() throws {
        try withJournal { journal in
            try journal.apply([lease(0), .attemptFailed(key: F.key(0), attempt: 1, worker: "w1", error: "lease expired")], at: 1)
            try journal.apply([lease(0, attempt: 2, worker: "w2"),
                               .attemptFailed(key: F.key(0), attempt: 2, worker: "w2", error: "nan loss")], at: 2)
            let cell = try #require(try F.cell(F.key(0), in: journal))
            #expect(cell.state == .queued && cell.attemptsAssigned == 2 && cell.failedAttempts == 2)
            #expect(cell.lastError == "nan loss")
            #expect(try journal.failedCells().isEmpty)
        }
    }

    /// §5.2: the last allowed failure marks the cell failed with its last error, for the report.
    @Test func cellFailedMarksTheCellFailedAndListsItWithItsLastError() throws {
        try withJournal { journal in
            try journal.apply([lease(1), .attemptFailed(key: F.key(1), attempt: 1, worker: "w1", error: "worker died")], at: 1)
            try journal.apply([lease(1, attempt: 2), .cellFailed(key: F.key(1), attempt: 2, worker: "w1", error: "out of memory")], at: 2)
            let cell = try #require(try F.cell(F.key(1), in: journal))
            #expect(cell.state == .failed && cell.failedAttempts == 2 && cell.lastError == "out of memory")
            let rows = try journal.failedCells()
            #expect(rows == [Journal.FailedRow(key: F.key(1), cell: F.cells(1..<2)[0].cell, attempts: 2, error: "out of memory")])
            #expect(throws: JournalError.self) { try journal.apply([lease(1, attempt: 3)], at: 3) }
        }
    }

    /// §5.4 step 3: the result verbatim, its artifact rows and the finished state in one commit.
    @Test func finishedStoresTheResultVerbatimWithItsArtifacts() throws {
        try withJournal { journal in
            // Bytes as sent, including spacing a re-encoding would lose.
            let json = Array(#"{ "accuracy" : 0.9100000000000001 ,"cell":{} }"#.utf8)
            let artifacts = [ArtifactRecord(name: "weights.bin", size: 12, sha256: String(repeating: "b", count: 64)),
                             ArtifactRecord(name: "curve.csv", size: 3, sha256: String(repeating: "a", count: 64))]
            try journal.apply([lease(2)], at: 1)
            try journal.apply([.finished(key: F.key(2), attempt: 1, worker: "w1", host: "node7", resultJSON: json,
                                         artifacts: artifacts)], at: 5)
            #expect(try journal.result(forKey: F.key(2)) == json)
            #expect(try journal.result(forKey: F.key(0)) == nil)
            #expect(try journal.artifacts(forKey: F.key(2)) == [artifacts[1], artifacts[0]])
            let cell = try #require(try F.cell(F.key(2), in: journal))
            #expect(cell.state == .finished)
            #expect(try journal.finishedResults() == [
                Journal.FinishedRow(key: F.key(2), cell: F.cells(2..<3)[0].cell, attempt: 1, worker: "w1",
                                    host: "node7", resultJSON: json, finishedAt: 5),
            ])
        }
    }

    /// §5.4: a RESULT is accepted whatever its lease's state; the key, not the lease, decides.
    @Test func aResultFromAnEarlierAttemptFinishesACellLeasedAgain() throws {
        try withJournal { journal in
            try journal.apply([lease(0), .attemptFailed(key: F.key(0), attempt: 1, worker: "w1", error: "lease expired"),
                               lease(0, attempt: 2, worker: "w2")], at: 1)
            try journal.apply([.finished(key: F.key(0), attempt: 1, worker: "w1", host: "h1",
                                         resultJSON: Array("{}".utf8), artifacts: [])], at: 2)
            let cell = try #require(try F.cell(F.key(0), in: journal))
            #expect(cell.state == .finished && cell.attemptsAssigned == 2)
            #expect(try journal.requeueInFlight(at: 3) == 0)
        }
    }

    /// §5.4 exactly-once: a committed result is never overwritten by a second one.
    @Test func aFinishedCellCannotBeFinishedTwice() throws {
        try withJournal { journal in
            let first = Array(#"{"run":1}"#.utf8)
            try journal.apply([lease(0), .finished(key: F.key(0), attempt: 1, worker: "w1", host: "h1",
                                                   resultJSON: first, artifacts: [])], at: 1)
            let second = JournalEntry.finished(key: F.key(0), attempt: 1, worker: "w2", host: "h2",
                                               resultJSON: Array(#"{"run":2}"#.utf8), artifacts: [])
            let error = try #require(throws: JournalError.self) { try journal.apply([second], at: 2) }
            #expect(error == .alreadyFinished(key: F.key(0)))
            #expect(try journal.result(forKey: F.key(0)) == first)
            #expect(try journal.finishedResults().map(\.worker) == ["w1"])
        }
    }

    /// §5.4: a result's attempt must not exceed the highest attempt assigned for its key.
    @Test func aResultForAnAttemptNeverAssignedIsRefused() throws {
        try withJournal { journal in
            try journal.apply([lease(0)], at: 1)
            let error = try #require(throws: JournalError.self) {
                try journal.apply([.finished(key: F.key(0), attempt: 2, worker: "w1", host: "h1",
                                             resultJSON: Array("{}".utf8), artifacts: [])], at: 2)
            }
            #expect(error == .attemptNotAssigned(key: F.key(0), attempt: 2, highest: 1))
            #expect(try journal.result(forKey: F.key(0)) == nil)
        }
    }

    /// §5.4: either the whole batch is durable or none of it is.
    @Test func applyIsAtomicAFailingEntryLeavesNoneOfItsBatch() throws {
        try withJournal { journal in
            let unknown = F.key(1_000)
            let error = try #require(throws: JournalError.self) {
                try journal.apply([
                    lease(0),
                    .workerRegistered(worker: "w1", host: "h1", slots: 2, keyName: nil),
                    .finished(key: unknown, attempt: 1, worker: "w1", host: "h1", resultJSON: Array("{}".utf8), artifacts: []),
                ], at: 1)
            }
            #expect(error == .unknownCell(key: unknown, entry: "finished"))
            #expect(try journal.cells().allSatisfy { $0.state == .queued && $0.attemptsAssigned == 0 })
            #expect(try journal.events().isEmpty)
            // The journal is still usable after the rollback.
            try journal.apply([lease(0)], at: 2)
            #expect(try F.cell(F.key(0), in: journal)?.state == .leased)
        }
    }

    /// A lease-ending entry for a lease that is not the cell's current one means the scheduler and
    /// the journal disagree; applying it would corrupt the attempt accounting of §5.2.
    @Test func leaseEndingEntriesForAStaleAttemptAreRefused() throws {
        try withJournal { journal in
            try journal.apply([lease(0), .attemptFailed(key: F.key(0), attempt: 1, worker: "w1", error: "expired"),
                               lease(0, attempt: 2, worker: "w2")], at: 1)
            for stale in [JournalEntry.released(key: F.key(0), attempt: 1, reason: "shutdown"),
                          .attemptFailed(key: F.key(0), attempt: 1, worker: "w1", error: "late"),
                          .cellFailed(key: F.key(0), attempt: 1, worker: "w1", error: "late"),
                          .released(key: F.key(1), attempt: 1, reason: "never leased")] {
                #expect(throws: JournalError.self) { try journal.apply([stale], at: 2) }
            }
            let cell = try #require(try F.cell(F.key(0), in: journal))
            #expect(cell.state == .leased && cell.attemptsAssigned == 2 && cell.failedAttempts == 1)
        }
    }

    /// §5.5: a differing duplicate is stored and counted; the cell and its first result stay.
    @Test func determinismWarningsAreLoggedAndCountedWithoutTouchingTheCell() throws {
        try withJournal { journal in
            try journal.apply([lease(0), .finished(key: F.key(0), attempt: 1, worker: "w1", host: "h1",
                                                   resultJSON: Array("{}".utf8), artifacts: [])], at: 1)
            #expect(try journal.determinismWarningCount() == 0)
            try journal.apply([.determinismWarning(key: F.key(0), worker: "w2", detail: "accuracy differs")], at: 2)
            #expect(try journal.determinismWarningCount() == 1)
            #expect(try F.cell(F.key(0), in: journal)?.state == .finished)
            #expect(try journal.events().last == .init(time: 2, kind: "determinismWarning", key: F.key(0), attempt: nil,
                                                       worker: "w2", detail: "accuracy differs"))
            #expect(throws: JournalError.self) {
                try journal.apply([.determinismWarning(key: F.key(1_000), worker: "w2", detail: "x")], at: 3)
            }
        }
    }

    /// §5.3: registrations and quarantines are in the log the report reads.
    @Test func workerRegistrationsAndQuarantinesAreLogged() throws {
        try withJournal { journal in
            try journal.apply([.workerRegistered(worker: "w1", host: "node1", slots: 2, keyName: "lab-a"),
                               .workerRegistered(worker: "w2", host: "node2", slots: 1, keyName: nil),
                               .workerQuarantined(worker: "w2", keyName: nil, detail: "4 failed cells in a row")], at: 7)
            #expect(try journal.events() == [
                .init(time: 7, kind: "workerRegistered", key: nil, attempt: nil, worker: "w1", detail: "host=node1 slots=2 key=lab-a"),
                .init(time: 7, kind: "workerRegistered", key: nil, attempt: nil, worker: "w2", detail: "host=node2 slots=1"),
                .init(time: 7, kind: "workerQuarantined", key: nil, attempt: nil, worker: "w2", detail: "4 failed cells in a row"),
            ])
        }
    }

    /// The report's accounting: each lease's start and end, in order, with worker and attempt.
    @Test func eventsRecordEachLeaseFromStartToEndInOrder() throws {
        try withJournal { journal in
            try journal.apply([lease(0)], at: 10)
            try journal.apply([.attemptFailed(key: F.key(0), attempt: 1, worker: "w1", error: "expired")], at: 40)
            try journal.apply([lease(0, attempt: 2, worker: "w2")], at: 41)
            try journal.apply([.finished(key: F.key(0), attempt: 2, worker: "w2", host: "h2",
                                         resultJSON: Array("{}".utf8), artifacts: [])], at: 70)
            let events = try journal.events()
            #expect(events.map(\.kind) == ["leased", "attemptFailed", "leased", "finished"])
            #expect(events.map(\.time) == [10, 40, 41, 70])
            #expect(events.map(\.attempt) == [1, 1, 2, 2])
            #expect(events.map(\.worker) == ["w1", "w1", "w2", "w2"])
        }
    }
}
