import Testing
@testable import Coordinator
import Shared

/// Failed attempts, max_attempts and quarantine against docs/protocol.md §5.2 and §5.3.
struct DispatcherFailureTests {
    /// §5.2: FAILED, a lease expiry and the death of the leasing worker each count; at
    /// max_attempts the cell is failed, journaled and reported, and the sweep still completes.
    @Test func aCellFailedMaxAttemptsTimesIsFailedAndTheSweepStillCompletes() throws {
        var h = Harness(cells: CellFixtures.cells(2))                // max_attempts 3
        let key = h.cell(0).key
        h.ready(worker: "a")
        let onA = h.request(1, from: "a").assigns
        #expect(onA.map(\.cellKey) == [key])
        #expect(h.fail(onA[0]).failedAttempts.map(\.attempt) == [1])    // FAILED

        h.ready(worker: "b")
        let onB = h.request(1, from: "b").assigns
        #expect(onB.map(\.attempt) == [2])
        let expiry = h.run(until: h.settings.leaseDuration + .seconds(1), heartbeatsFrom: ["a", "b"])
        #expect(expiry.failedAttempts.map(\.attempt) == [2])           // lease expiry

        h.ready(worker: "c")
        let onC = h.request(1, from: "c").assigns
        #expect(onC.map(\.attempt) == [3])
        let death = h.run(until: h.now + h.settings.deadAfter + .seconds(1), heartbeatsFrom: ["a", "b"])
        #expect(death.journal.contains(.cellFailed(key: key, attempt: 3, worker: "c",
                                                   error: "worker silent for \(h.settings.deadAfter) (liveness)")))
        #expect(!death.journal.contains { if case .attemptFailed = $0 { true } else { false } })
        #expect(h.status.failed.map(\.key) == [key])
        #expect(h.status.failed.first?.attempts == 3)
        #expect(h.dispatcher.counts == .init(total: 2, finished: 0, failed: 1, running: 0, queued: 1))
        #expect(!h.dispatcher.isStopped)

        let other = h.request(1, from: "a").assigns
        #expect(other.map(\.cellKey) == [h.cell(1).key], "a failed cell is never assigned again")
        let last = try h.deliver(other[0])
        #expect(Set(last.disconnects.filter { $0.reason == "done" }.map(\.peer)) == [h.peer(of: "a"), h.peer(of: "b")])
        #expect(h.dispatcher.isStopped)
        #expect(h.status.state == .done)
    }

    /// §5.3: quarantine_after consecutive failed attempts on distinct cells quarantine the
    /// worker: its other leases end as failed attempts, it gets DISCONNECT quarantined, and a
    /// later READY from its worker id gets the same answer.
    @Test func consecutiveFailuresOnDistinctCellsQuarantineTheWorker() {
        var h = Harness(cells: CellFixtures.cells(6), settings: .init(sweepName: "t", maxAttempts: 10, quarantineAfter: 3))
        h.ready(worker: "a", slots: 2)
        h.fail(h.request(1, from: "a").assigns[0])
        h.fail(h.request(1, from: "a").assigns[0])
        let pair = h.request(2, from: "a").assigns
        #expect(pair.count == 2)
        #expect(Set(pair.map(\.cellKey)).count == 2)
        #expect(h.worker("a")?.consecutiveFailures == 2)

        let third = h.fail(pair[0])
        #expect(third.journal.contains(.workerQuarantined(worker: "a", keyName: nil, detail: "3 consecutive failed cells")))
        #expect(third.journal.contains(.attemptFailed(key: pair[1].cellKey, attempt: 1, worker: "a", error: "worker a quarantined")))
        #expect(third.disconnects(to: pair[0].peer) == ["quarantined"])
        #expect(h.worker("a")?.state == .quarantined)
        #expect(h.worker("a")?.running == 0)

        let back = h.ready(worker: "a", slots: 2, connection: 1)
        #expect(back.sent.map(\.message) == [.disconnect(reason: "quarantined", detail: "quarantined after 3 consecutive failed cells")])
        #expect(h.request(2, from: "a").assigns.isEmpty)
        // The cells it failed go to others.
        h.ready(worker: "b", slots: 4)
        #expect(h.request(4, from: "b").assigns.count == 4)
    }

    /// §5.3: with CURVE the quarantine also holds for the key: another worker id on the same key
    /// is refused.
    @Test func aQuarantinedKeyRefusesEveryWorkerIdOnIt() {
        var h = Harness(cells: CellFixtures.cells(4), settings: .init(sweepName: "t", maxAttempts: 10, quarantineAfter: 2))
        h.ready(worker: "a", userId: "worker:rack1")
        h.fail(h.request(1, from: "a").assigns[0])
        let second = h.fail(h.request(1, from: "a").assigns[0])
        #expect(second.journal.contains(.workerQuarantined(worker: "a", keyName: "rack1", detail: "2 consecutive failed cells")))
        let sibling = h.ready(worker: "a2", userId: "worker:rack1")
        #expect(sibling.disconnects(to: h.peer(of: "a2")) == ["quarantined"])
        #expect(sibling.messages(to: h.peer(of: "a2")).count == 1)
        let otherKey = h.ready(worker: "b", userId: "worker:rack2")
        #expect(otherKey.messages(to: h.peer(of: "b")) == [.welcome(h.settings.sessionParameters)])
    }

    /// §5.3: failures of one and the same cell count once: a bad cell does not quarantine the
    /// worker that keeps getting it.
    @Test func repeatedFailuresOfTheSameCellDoNotQuarantine() {
        var h = Harness(cells: CellFixtures.cells(1), settings: .init(sweepName: "t", maxAttempts: 10, quarantineAfter: 3))
        h.ready(worker: "a")
        for attempt in 1...4 {
            let lease = h.request(1, from: "a").assigns
            #expect(lease.map(\.attempt) == [UInt32(attempt)])
            if let lease = lease.first { h.fail(lease) }
        }
        #expect(h.worker("a")?.state == .alive)
        #expect(h.worker("a")?.consecutiveFailures == 1)
        #expect(!h.history.journal.contains { if case .workerQuarantined = $0 { true } else { false } })
    }

    /// §5.3: an accepted result resets the count of consecutive failures.
    @Test func anAcceptedResultResetsTheFailureStreak() throws {
        var h = Harness(cells: CellFixtures.cells(6), settings: .init(sweepName: "t", maxAttempts: 10, quarantineAfter: 3))
        h.ready(worker: "a")
        h.fail(h.request(1, from: "a").assigns[0])
        h.fail(h.request(1, from: "a").assigns[0])
        let good = h.request(1, from: "a").assigns[0]
        #expect(try h.deliver(good).acks(to: good.peer).map(\.status) == [.accepted])
        #expect(h.worker("a")?.consecutiveFailures == 0)
        h.fail(h.request(1, from: "a").assigns[0])
        h.fail(h.request(1, from: "a").assigns[0])
        #expect(h.worker("a")?.state == .alive)
        #expect(h.worker("a")?.consecutiveFailures == 2)
    }
}
