import Testing
@testable import Coordinator
import Shared

/// Leases and attempts against docs/protocol.md §5.1, and bounced sends against §4.2.
struct DispatcherLeaseTests {
    static let ε = Duration.milliseconds(1)

    /// §5.1: the lease is recorded in the journal before the ASSIGN is sent; the socket loop
    /// commits a batch's journal entries before its sends, so order within the batch is the rule.
    @Test func everyAssignIsPrecededByItsLeasedJournalEntry() {
        var h = Harness(cells: CellFixtures.cells(4))
        h.ready(worker: "w1", slots: 3)
        let actions = h.request(3, from: "w1")
        #expect(actions.assigns.count == 3)
        for (index, action) in actions.enumerated() {
            guard case .assign(_, let leaseId, let key, let attempt, _) = action else { continue }
            let leased = actions.firstIndex(of: .journal(.leased(key: key, attempt: attempt, leaseId: leaseId, worker: "w1")))
            #expect(leased.map { $0 < index } == true, "ASSIGN \(leaseId) at \(index), .leased at \(String(describing: leased))")
        }
        #expect(Set(actions.assigns.map(\.leaseId)).count == 3, "lease ids are unique")
    }

    /// §5.1: attempt numbers a cell's assignments from 1 and grows with every ASSIGN, whether the
    /// previous one failed or was released (§5.2).
    @Test func theAttemptGrowsWithEveryAssignmentOfACell() {
        var h = Harness(cells: CellFixtures.cells(1), settings: .init(sweepName: "t", maxAttempts: 5, quarantineAfter: 5))
        var attempts: [UInt32] = []
        for worker in ["a", "b", "c"] {
            h.ready(worker: worker)
            let assigned = h.request(1, from: worker).assigns
            attempts += assigned.map(\.attempt)
            if let lease = assigned.first { h.fail(lease) }
        }
        h.ready(worker: "d")
        let onD = h.request(1, from: "d").assigns
        attempts += onD.map(\.attempt)
        h.send(.disconnect(reason: "shutdown", detail: ""), from: "d")   // released, not failed
        h.ready(worker: "e")
        attempts += h.request(1, from: "e").assigns.map(\.attempt)
        #expect(attempts == [1, 2, 3, 4, 5])
    }

    /// §5.1: attempts persist in the journal and continue across a coordinator restart.
    @Test func aResumedCellContinuesFromTheJournaledAttempt() {
        var h = Harness(cells: CellFixtures.cells(2, attemptsAssigned: 2))
        h.ready(worker: "w1", slots: 2)
        #expect(h.request(2, from: "w1").assigns.map(\.attempt) == [3, 3])
    }

    /// §5.1: without PROGRESS a lease ends at lease_ms, as a failed attempt (§5.2).
    @Test func aLeaseWithoutProgressExpiresJustAfterLeaseDuration() {
        var h = Harness(cells: CellFixtures.cells(1))
        h.ready(worker: "w1")
        let lease = h.request(1, from: "w1").assigns[0]
        let before = h.run(until: h.settings.leaseDuration, heartbeatsFrom: ["w1"])
        #expect(before.journal.isEmpty)
        let after = h.run(until: h.settings.leaseDuration + Self.ε, heartbeatsFrom: ["w1"])
        #expect(after.journal.contains(.attemptFailed(key: lease.cellKey, attempt: 1, worker: "w1",
                                                      error: "lease expired after \(h.settings.leaseDuration) without PROGRESS")))
    }

    /// §5.1: a valid PROGRESS pushes the expiry to now + lease_ms.
    @Test func progressRenewsTheLease() {
        var h = Harness(cells: CellFixtures.cells(1))
        h.ready(worker: "w1")
        let lease = h.request(1, from: "w1").assigns[0]
        h.run(until: .seconds(20), heartbeatsFrom: ["w1"])
        #expect(h.progress(lease).isEmpty)
        #expect(h.status.running.first?.leaseRemainingMilliseconds == 30_000)
        #expect(h.status.running.first?.phase == "train")
        let pastFirstLease = h.run(until: h.settings.leaseDuration + Self.ε, heartbeatsFrom: ["w1"])
        #expect(pastFirstLease.failedAttempts.isEmpty)
        let pastRenewal = h.run(until: .seconds(50) + Self.ε, heartbeatsFrom: ["w1"])
        #expect(pastRenewal.failedAttempts.map(\.key) == [lease.cellKey])
    }

    /// §5.1, §6.1 step 8: a PROGRESS that does not match a lease held by the sender (lease id,
    /// key, attempt, worker) is dropped and renews nothing.
    @Test func progressForAnotherLeaseOrAttemptIsDroppedAndRenewsNothing() {
        var h = Harness(cells: CellFixtures.cells(2))
        h.ready(worker: "w1", slots: 2)
        h.ready(worker: "w2")
        let leases = h.request(2, from: "w1").assigns
        let lease = leases[0]
        h.run(until: .seconds(20), heartbeatsFrom: ["w1", "w2"])
        var wrongKey = lease
        wrongKey.cellKey = leases[1].cellKey
        let dropped = [
            h.progress(lease, attempt: 2),
            h.progress(lease, leaseId: "00000000deadbeef"),
            h.progress(wrongKey),
            h.progress(lease, from: "w2"),
        ]
        for actions in dropped {
            #expect(!actions.isEmpty && actions.onlyLogs, "\(actions)")
        }
        let expired = h.run(until: h.settings.leaseDuration + Self.ε, heartbeatsFrom: ["w1", "w2"])
        #expect(Set(expired.failedAttempts.map(\.key)) == Set(leases.map(\.cellKey)))
    }

    /// §3.3: a worker that stopped renewing loses its lease; its later PROGRESS is dropped and
    /// does not bring the lease back.
    @Test func progressAfterTheLeaseExpiredIsDropped() {
        var h = Harness(cells: CellFixtures.cells(1))
        h.ready(worker: "w1")
        let lease = h.request(1, from: "w1").assigns[0]
        h.run(until: h.settings.leaseDuration + .seconds(1), heartbeatsFrom: ["w1"])
        #expect(h.dispatcher.counts.queued == 1)
        let late = h.progress(lease)
        #expect(!late.isEmpty && late.onlyLogs, "\(late)")
        #expect(h.dispatcher.counts.queued == 1)
        #expect(h.status.running.isEmpty)
    }

    /// §4.2: an ASSIGN that hit the high-water mark is released, not failed, and the credit
    /// comes back.
    @Test func aBouncedAssignIsReleasedAndItsCreditReturned() {
        var h = Harness(cells: CellFixtures.cells(2))
        h.ready(worker: "w1")
        let lease = h.request(1, from: "w1").assigns[0]
        let bounced = h.bounce(lease)
        #expect(bounced.journal == [.released(key: lease.cellKey, attempt: 1, reason: "ASSIGN not sent: high-water mark")])
        #expect(h.worker("w1")?.credit == 1)
        #expect(h.worker("w1")?.running == 0)
        let again = h.tick().assigns
        #expect(again.map(\.cellKey) == [lease.cellKey], "the cell keeps its place in the queue")
    }

    /// §4.2: a bounced ASSIGN releases the lease; it is not a failed attempt, and the cell's
    /// next ASSIGN carries the next attempt number (attempts only ever grow, §5.1).
    @Test func aBouncedAssignGoesOutAgainWithTheNextAttemptAndNoFailureCounted() {
        var h = Harness(cells: CellFixtures.cells(1))
        h.ready(worker: "w1")
        let lease = h.request(1, from: "w1").assigns[0]
        h.bounce(lease)
        let again = h.tick().assigns
        #expect(again.map(\.attempt) == [lease.attempt + 1])
        #expect(h.status.failed.isEmpty)
        #expect(h.worker("w1")?.consecutiveFailures == 0)
    }

    /// §3.5: a worker still computing a cell that a previous coordinator leased to it reports it
    /// with PROGRESS after re-registering; the restarted coordinator adopts the lease instead of
    /// handing the cell to someone else, so nothing is computed twice.
    @Test func aLeaseFromAPreviousCoordinatorIsAdoptedFromItsProgress() {
        var h = Harness(cells: CellFixtures.cells(2, attemptsAssigned: 1))
        h.ready(worker: "w1")
        let oldLease = "00000000000000aa"
        let adopted = h.send(.progress(leaseId: oldLease, cellKey: h.cell(0).key, attempt: 1,
                                       report: ProgressReport(phase: .train, epoch: 3)), from: "w1")
        #expect(adopted.journal == [.adopted(key: h.cell(0).key, attempt: 1, leaseId: oldLease, worker: "w1")])
        #expect(h.status.running.map(\.key) == [h.cell(0).key])
        h.ready(worker: "w2")
        #expect(h.request(1, from: "w2").assigns.map(\.cellKey) == [h.cell(1).key], "the adopted cell is not handed out again")
    }

    /// §3.5: only attempts of earlier coordinators are adopted; a PROGRESS naming an attempt this
    /// coordinator never assigned, or one it let expire, is dropped.
    @Test func progressForAnAttemptNeverAssignedIsNotAdopted() {
        var h = Harness(cells: CellFixtures.cells(1, attemptsAssigned: 1))
        h.ready(worker: "w1")
        let stray = h.send(.progress(leaseId: "00000000000000bb", cellKey: h.cell(0).key, attempt: 2,
                                     report: ProgressReport(phase: .train, epoch: 1)), from: "w1")
        #expect(stray.journal.isEmpty)
        #expect(h.dispatcher.counts.queued == 1)
    }

    /// §3.5: cells a previous coordinator left in flight wait for the adoption window while
    /// other cells can be handed out, so the worker still computing one can report back first.
    @Test func cellsLeftInFlightWaitForAdoptionWhileOtherWorkExists() {
        var cells = CellFixtures.cells(4)
        cells[0].attemptsAssigned = 1                                  // in flight when the old coordinator died
        var h = Harness(cells: cells)
        h.ready(worker: "w1")
        h.ready(worker: "w2")
        #expect(h.request(1, from: "w1").assigns.map(\.cellKey) == [h.cell(1).key])
        #expect(h.request(1, from: "w2").assigns.map(\.cellKey) == [h.cell(2).key])
        #expect(h.dispatcher.counts.queued == 2, "the held cell still counts as queued")
        h.advance(by: h.settings.adoptionWindow)
        h.tick()
        h.ready(worker: "w3")
        #expect(h.request(1, from: "w3").assigns.map(\.cellKey) == [h.cell(0).key],
                "after the window the held cell takes its place in dispatch order again")
    }

    /// §3.5: a worker with credit never idles for the window: with nothing else queued, the
    /// held cells go out at once.
    @Test func heldCellsGoOutAtOnceWhenNothingElseIsQueued() {
        var h = Harness(cells: CellFixtures.cells(1, attemptsAssigned: 1))
        h.ready(worker: "w1")
        #expect(h.request(1, from: "w1").assigns.map(\.attempt) == [2])
    }
}
