import Testing
@testable import Coordinator
import Shared

/// docs/protocol.md §6.2 and §5.4: a well-formed `RESULT` whose result object fails the checks is
/// answered — so the worker drops it instead of re-sending it until its lease runs out — in the
/// same order of checks as a valid one.
struct DispatcherRejectedResultTests {
    @Test func aRejectedResultIsAnsweredAndItsAttemptFails() {
        var h = Harness(cells: CellFixtures.cells(2))
        h.ready(worker: "a")
        let leased = h.request(1, from: "a").assigns[0]
        let actions = h.dispatcher.receiveRejectedResult(cellKey: leased.cellKey, attempt: leased.attempt,
                                                         reason: "source.testAccuracy: 1.5 is not in [0, 1]",
                                                         from: leased.peer, userId: nil, now: h.now)
        #expect(actions.acks(to: leased.peer).map(\.status) == [.rejected])
        #expect(actions.journal.contains(.attemptFailed(key: leased.cellKey, attempt: 1, worker: "a",
                                                        error: "result rejected: source.testAccuracy: 1.5 is not in [0, 1]")))
        #expect(h.dispatcher.counts.running == 0, "the attempt ended")
    }

    @Test func theChecksComeInTheOrderOfAValidResult() throws {
        var h = Harness(cells: CellFixtures.cells(2))
        h.ready(worker: "a")
        let leased = h.request(1, from: "a").assigns[0]
        // A key outside the sweep: rejected.
        let foreign = String(repeating: "f", count: 64)
        let outside = h.dispatcher.receiveRejectedResult(cellKey: foreign, attempt: 1, reason: "x", from: leased.peer, userId: nil, now: h.now)
        #expect(outside.acks(to: leased.peer).map(\.status) == [.rejected])
        // An attempt never assigned: dropped without an answer.
        let unassigned = h.dispatcher.receiveRejectedResult(cellKey: leased.cellKey, attempt: 7, reason: "x", from: leased.peer,
                                                            userId: nil, now: h.now)
        #expect(unassigned.acks(to: leased.peer).isEmpty)
        // A key that already has a result: duplicate, whatever this copy holds.
        try h.deliver(leased)
        let again = h.dispatcher.receiveRejectedResult(cellKey: leased.cellKey, attempt: 1, reason: "x", from: leased.peer,
                                                       userId: nil, now: h.now)
        #expect(again.acks(to: leased.peer).map(\.status) == [.duplicate])
        // A connection that never sent READY: not-registered, as for any worker command.
        let stranger: PeerID = [9, 9, 9]
        let unregistered = h.dispatcher.receiveRejectedResult(cellKey: leased.cellKey, attempt: 1, reason: "x", from: stranger,
                                                              userId: nil, now: h.now)
        #expect(unregistered.disconnects(to: stranger) == ["not-registered"])
    }
}
