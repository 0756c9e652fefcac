import Testing
@testable import Coordinator
import Shared

/// Credit-based pull and dispatch order against docs/protocol.md §3.2 and §2.4 REQUEST.
struct DispatcherCreditTests {
    /// §3.2: the coordinator MUST NOT send ASSIGN when credit is 0; a free slot is not credit.
    @Test func aWorkerThatNeverAsksGetsNoCell() {
        var h = Harness(cells: CellFixtures.cells(4))
        h.ready(worker: "w1", slots: 4)
        h.run(until: .seconds(3), heartbeatsFrom: ["w1"])
        #expect(h.history.assigns.isEmpty)
        #expect(h.request(1, from: "w1").assigns.count == 1)
    }

    /// §2.4 REQUEST, §3.2: `REQUEST n` grants n units of credit, each consumed by one ASSIGN.
    @Test func requestNGivesAtMostNCellsEvenWithMoreQueuedAndSlotsFree() {
        var h = Harness(cells: CellFixtures.cells(10))
        h.ready(worker: "w1", slots: 4)
        #expect(h.request(2, from: "w1").assigns.count == 2)
        h.run(until: .seconds(2), heartbeatsFrom: ["w1"])
        #expect(h.history.assigns.count == 2)
        #expect(h.worker("w1")?.credit == 0)
    }

    /// §2.4 REQUEST: credit is capped at slots − leased; what is above the cap is dropped.
    @Test func creditAboveFreeSlotsIsDropped() {
        var h = Harness(cells: CellFixtures.cells(10))
        h.ready(worker: "w1", slots: 2)
        #expect(h.request(5, from: "w1").assigns.count == 2)
        #expect(h.worker("w1")?.credit == 0)

        h.ready(worker: "w2", slots: 3)
        #expect(h.request(2, from: "w2").assigns.count == 2)
        // Two leased, one slot free: three more units of credit are worth one cell.
        #expect(h.request(3, from: "w2").assigns.count == 1)
        #expect(h.worker("w2")?.credit == 0)
        h.run(until: .seconds(2), heartbeatsFrom: ["w1", "w2"])
        #expect(h.history.assigns.count == 5)
    }

    /// §3.2 (and docs/spec.md §7): cells go out in dispatch order, whatever the journal's order.
    @Test func cellsGoOutInOrdinalOrder() {
        let cells = CellFixtures.cells(6)
        var h = Harness(cells: [3, 0, 5, 1, 4, 2].map { cells[$0] })
        h.ready(worker: "w1", slots: 6)
        var keys: [String] = []
        for _ in 0..<6 { keys += h.request(1, from: "w1").assigns.map(\.cellKey) }
        #expect(keys == cells.map(\.key))
    }

    /// §3.2: a cell back from a failed attempt goes out before cells later in dispatch order.
    @Test func aRequeuedCellGoesOutBeforeLaterCells() {
        var h = Harness(cells: CellFixtures.cells(4))
        h.ready(worker: "w1", slots: 1)
        let first = h.request(1, from: "w1").assigns
        #expect(first.map(\.cellKey) == [h.cell(0).key])
        h.fail(first[0])
        h.ready(worker: "w2", slots: 1)
        let next = h.request(1, from: "w2").assigns
        #expect(next.map(\.cellKey) == [h.cell(0).key])
        #expect(next.map(\.attempt) == [2])
    }

    /// §3.2: a re-queued cell goes to a worker with credit on which it has not failed, even when
    /// the worker it failed on would be served first.
    @Test func aCellThatFailedOnOneWorkerGoesToAnotherWithCredit() {
        var h = Harness(cells: CellFixtures.cells(2))
        h.ready(worker: "a", slots: 2)
        let onA = h.request(1, from: "a").assigns
        h.ready(worker: "b", slots: 2)
        #expect(h.request(2, from: "b").assigns.map(\.cellKey) == [h.cell(1).key])   // b keeps 1 credit
        #expect(h.request(1, from: "a").assigns.isEmpty)                            // a has 1 credit now
        // Both have credit and "a" is served first in turn; the cell failed on "a".
        let actions = h.fail(onA[0])
        #expect(actions.assigns.map(\.peer) == [h.peer(of: "b")])
        #expect(actions.assigns.map(\.cellKey) == [h.cell(0).key])
        #expect(actions.assigns.map(\.attempt) == [2])
    }

    /// §3.2: the preference is never a stall: with only the worker it failed on asking, the cell
    /// goes there.
    @Test func aCellThatFailedGoesBackToTheSameWorkerWhenNoOtherAsks() {
        var h = Harness(cells: CellFixtures.cells(1), settings: .init(sweepName: "t", maxAttempts: 5))
        h.ready(worker: "a", slots: 1)
        let first = h.request(1, from: "a").assigns
        h.fail(first[0])
        let second = h.request(1, from: "a").assigns
        #expect(second.map(\.cellKey) == [h.cell(0).key])
        #expect(second.map(\.attempt) == [2])
    }
}
