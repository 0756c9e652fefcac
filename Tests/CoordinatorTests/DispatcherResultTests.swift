import Testing
@testable import Coordinator
import Shared

/// Exactly-once recording against docs/protocol.md §5.4, §5.5 and §6.2 (the result object).
struct DispatcherResultTests {
    /// §5.4 steps 3–4: the first valid result is recorded, and only then ACKed accepted.
    @Test func theFirstValidResultIsRecordedThenAckedAccepted() throws {
        var h = Harness(cells: CellFixtures.cells(2))
        h.ready(worker: "w1")
        let lease = h.request(1, from: "w1").assigns[0]
        let actions = try h.deliver(lease)
        let record = actions.firstIndex { if case .recordResult(let d, "w1", "host-w1") = $0 { d.cellKey == lease.cellKey } else { false } }
        let ack = actions.firstIndex(of: .send(to: lease.peer, .ack(cellKey: lease.cellKey, attempt: 1, status: .accepted, detail: "")))
        #expect(record != nil && ack != nil)
        #expect(record.flatMap { r in ack.map { r < $0 } } == true)
        #expect(h.dispatcher.counts == .init(total: 2, finished: 1, failed: 0, running: 0, queued: 1))
        #expect(h.worker("w1")?.finished == 1)
        #expect(h.worker("w1")?.running == 0)
    }

    /// §3.3, §3.4, §5.4: a late result after its lease expired is accepted when it comes first;
    /// the reassigned attempt's result is then a duplicate: compared (§5.5), ACKed duplicate,
    /// never recorded a second time.
    @Test func aLateResultWinsAndTheSecondIsADuplicate() throws {
        var h = Harness(cells: CellFixtures.cells(1))
        h.ready(worker: "a")
        h.ready(worker: "b")
        let first = h.request(1, from: "a").assigns[0]
        h.request(1, from: "b")                                              // b waits with credit
        let expiry = h.run(until: h.settings.leaseDuration + .seconds(1), heartbeatsFrom: ["a", "b"])
        let second = expiry.assigns
        #expect(second.map(\.peer) == [h.peer(of: "b")])
        #expect(second.map(\.attempt) == [2])

        let late = try h.deliver(first)
        #expect(late.recorded == [first.cellKey])
        #expect(late.acks(to: first.peer).map(\.status) == [.accepted])
        #expect(h.worker("b")?.running == 0, "the key decides: b's lease ends with the result")

        let duplicate = try h.deliver(second[0])
        #expect(duplicate.recorded.isEmpty)
        #expect(duplicate.compared == [first.cellKey])
        #expect(duplicate.acks(to: second[0].peer).map(\.status) == [.duplicate])
        #expect(duplicate.acks(to: second[0].peer).map(\.attempt) == [2])
        #expect(h.history.recorded == [first.cellKey])
        #expect(h.dispatcher.counts.finished == 1)
    }

    /// §5.4, §6.1 step 8: a RESULT whose attempt exceeds the highest assigned is invalid:
    /// dropped, no ACK, the lease untouched.
    @Test func aResultWithAnAttemptNeverAssignedIsDroppedWithoutAck() throws {
        var h = Harness(cells: CellFixtures.cells(1))
        h.ready(worker: "w1")
        var lease = h.request(1, from: "w1").assigns[0]
        lease.attempt = 2
        let actions = try h.deliver(lease)
        #expect(!actions.isEmpty && actions.onlyLogs, "\(actions)")
        #expect(h.dispatcher.counts.running == 1)
        #expect(h.worker("w1")?.consecutiveFailures == 0)
    }

    /// §5.4: the key, not the lease, decides: after a restart a result for an attempt assigned
    /// by the previous coordinator is accepted, one for a later attempt is not.
    @Test func aResultFromBeforeARestartIsAcceptedByItsKey() throws {
        var h = Harness(cells: CellFixtures.cells(2, attemptsAssigned: 2))
        h.ready(worker: "w1")
        let cell = h.cell(0)
        let old = Assigned(peer: h.peer(of: "w1"), leaseId: "00000000000000a1", cellKey: cell.key, attempt: 2, cell: cell.cell)
        var tooNew = Assigned(peer: h.peer(of: "w1"), leaseId: "00000000000000a2", cellKey: h.cell(1).key, attempt: 3, cell: h.cell(1).cell)
        #expect(try h.deliver(tooNew).onlyLogs)
        let accepted = try h.deliver(old)
        #expect(accepted.recorded == [cell.key])
        #expect(accepted.acks(to: old.peer).map(\.status) == [.accepted])
        tooNew.attempt = 2
        #expect(try h.deliver(tooNew).recorded == [h.cell(1).key])
        #expect(h.dispatcher.isStopped)
    }

    /// §5.4 step 2: a result for a key that is no cell of this sweep is ACKed rejected.
    @Test func aResultForAnUnknownKeyIsRejected() throws {
        var h = Harness(cells: CellFixtures.cells(1))
        h.ready(worker: "w1")
        let cell = CellCoordinate(width: 4, seed: 9, task: "elsewhere")
        let stranger = Assigned(peer: h.peer(of: "w1"), leaseId: "0123456789abcdef", cellKey: CellFixtures.strangerKey,
                                attempt: 1, cell: cell)
        let actions = try h.deliver(stranger)
        #expect(actions.acks(to: stranger.peer).map(\.status) == [.rejected])
        #expect(actions.recorded.isEmpty)
        #expect(actions.journal.isEmpty)
        #expect(h.dispatcher.counts.finished == 0)
    }

    /// §6.2, §5.4 step 2, §5.2: a well-formed result that is wrong for its key — another
    /// coordinate, another cellKey, another engine, or failing `validate()` — is ACKed rejected
    /// and, its lease being in force, counts as a failed attempt; the cell goes back to the queue.
    @Test func anUnacceptableResultIsRejectedAndCountsAsAFailedAttempt() throws {
        let cells = CellFixtures.cells(2)
        let key = cells[0].key
        let wrong: [(String, CellResult)] = [
            ("another coordinate", CellFixtures.result(key: key, cell: cells[1].cell)),
            ("another cellKey", CellFixtures.result(key: cells[1].key, cell: cells[0].cell)),
            ("another engine", CellFixtures.result(key: key, cell: cells[0].cell, engineVersion: "0.1.9")),
            ("accuracy 1.5", CellFixtures.result(key: key, cell: cells[0].cell, testAccuracy: 1.5)),
        ]
        for (what, result) in wrong {
            var h = Harness(cells: cells)
            h.ready(worker: "w1")
            let lease = h.request(1, from: "w1").assigns[0]
            let actions = try h.deliver(lease, result: result)
            #expect(actions.acks(to: lease.peer).map(\.status) == [.rejected], "\(what)")
            #expect(actions.recorded.isEmpty, "\(what)")
            #expect(actions.failedAttempts.map(\.key) == [key], "\(what)")
            #expect(h.dispatcher.counts == .init(total: 2, finished: 0, failed: 0, running: 0, queued: 2), "\(what)")
        }
    }

    /// §6.2: the rejection names the reason in the ACK's detail, within its 1 KiB limit.
    @Test func aRejectionSaysWhyWithinTheDetailLimit() throws {
        var h = Harness(cells: CellFixtures.cells(1))
        h.ready(worker: "w1")
        let lease = h.request(1, from: "w1").assigns[0]
        let actions = try h.deliver(lease, result: CellFixtures.result(key: lease.cellKey, cell: lease.cell, testAccuracy: 1.5))
        let details = actions.messages(to: lease.peer).compactMap { if case .ack(_, _, .rejected, let d) = $0 { d } else { nil } }
        #expect(details.count == 1)
        #expect(details.first?.contains("source.testAccuracy") == true, "\(details)")
        #expect(details.allSatisfy { $0.utf8.count <= WireConstants.maxDetailBytes })
    }
}
