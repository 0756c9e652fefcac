import Testing
@testable import Coordinator
import Shared

/// Drain, cancel and the end of the sweep against docs/protocol.md §3.6 and §3.8.
struct DispatcherStopTests {
    /// §3.6 drain: no more ASSIGN; running cells finish; once no lease is left every worker gets
    /// DISCONNECT drained and the coordinator stops. Queued cells stay queued for the next run.
    @Test func aDrainLetsRunningCellsFinishThenDisconnectsDrained() throws {
        var h = Harness(cells: CellFixtures.cells(3))
        h.ready(worker: "a")
        h.ready(worker: "b")
        let onA = h.request(1, from: "a").assigns[0]
        let onB = h.request(1, from: "b").assigns[0]

        let draining = h.client(.cancel(requestId: Array("r1".utf8), mode: .drain))
        guard case .statusReply(let id, let report)? = draining.messages(to: Harness.client).last else {
            Issue.record("no STATUS-REPLY: \(draining)")
            return
        }
        #expect(id == Array("r1".utf8))
        #expect(report.state == .draining)
        #expect(draining.disconnects.isEmpty)
        #expect(!h.dispatcher.isStopped)

        let firstDone = try h.deliver(onA)
        #expect(firstDone.acks(to: onA.peer).map(\.status) == [.accepted])
        #expect(h.request(1, from: "a").assigns.isEmpty)
        #expect(h.tick().disconnects.isEmpty, "b's lease is still in force")

        let lastDone = try h.deliver(onB) + h.tick()
        #expect(lastDone.acks(to: onB.peer).map(\.status) == [.accepted])
        #expect(Set(lastDone.disconnects.map(\.peer)) == [onA.peer, onB.peer])
        #expect(lastDone.disconnects.allSatisfy { $0.reason == "drained" })
        #expect(h.dispatcher.isStopped)
        #expect(h.status.state == .drained, "a finished drain is drained, not cancelled (§2.4 STATUS-REPLY)")
        #expect(h.dispatcher.counts == .init(total: 3, finished: 2, failed: 0, running: 0, queued: 1))
        #expect(h.history.assigns.count == 2)
    }

    /// §3.6 drain with nothing in flight stops at once.
    @Test func aDrainWithNoLeaseStopsAtOnce() {
        var h = Harness(cells: CellFixtures.cells(2))
        h.ready(worker: "a")
        let actions = h.cancel(.drain)
        #expect(actions.disconnects.map(\.reason) == ["drained"])
        #expect(h.dispatcher.isStopped)
    }

    /// §3.6 cancel now: every lease is released without counting a failure, every worker gets
    /// DISCONNECT cancelled, and the client's STATUS-REPLY comes after, saying cancelled.
    @Test func cancelNowReleasesEveryLeaseAndDisconnectsCancelled() {
        var h = Harness(cells: CellFixtures.cells(4))
        h.ready(worker: "a", slots: 2)
        h.ready(worker: "b")
        let leases = h.request(2, from: "a").assigns + h.request(1, from: "b").assigns
        #expect(leases.count == 3)

        let actions = h.client(.cancel(requestId: [7], mode: .now))
        let released = actions.journal.compactMap { if case .released(let key, let attempt, _) = $0 { "\(key)#\(attempt)" } else { nil } }
        #expect(Set(released) == Set(leases.map { "\($0.cellKey)#\($0.attempt)" }))
        #expect(actions.failedAttempts.isEmpty)
        #expect(Set(actions.disconnects.map(\.peer)) == [h.peer(of: "a"), h.peer(of: "b")])
        #expect(actions.disconnects.allSatisfy { $0.reason == "cancelled" })
        let lastDisconnect = actions.lastIndex { if case .send(_, .disconnect) = $0 { true } else { false } }
        let reply = actions.lastIndex { if case .send(Harness.client, .statusReply) = $0 { true } else { false } }
        #expect(lastDisconnect.flatMap { d in reply.map { d < $0 } } == true)
        if case .statusReply(_, let report)? = actions.messages(to: Harness.client).last {
            #expect(report.state == .cancelled)
            #expect(report.running.isEmpty)
            #expect(report.failed.isEmpty)
        }
        #expect(h.dispatcher.isStopped)
        #expect(h.dispatcher.counts == .init(total: 4, finished: 0, failed: 0, running: 0, queued: 4))
        #expect(h.request(1, from: "b").assigns.isEmpty)
    }

    /// §3.8: the last result sends DISCONNECT done to every worker with a session, busy or idle.
    @Test func theLastResultSendsDoneToEveryWorker() throws {
        var h = Harness(cells: CellFixtures.cells(2))
        h.ready(worker: "a")
        h.ready(worker: "b")
        h.ready(worker: "idle", slots: 2)
        let onA = h.request(1, from: "a").assigns[0]
        let onB = h.request(1, from: "b").assigns[0]
        h.request(2, from: "idle")
        #expect(try h.deliver(onA).disconnects.isEmpty)
        #expect(!h.dispatcher.isStopped)
        let last = try h.deliver(onB)
        #expect(Set(last.disconnects.map(\.peer)) == [onA.peer, onB.peer, h.peer(of: "idle")])
        #expect(last.disconnects.allSatisfy { $0.reason == "done" })
        let ack = last.firstIndex(of: .send(to: onB.peer, .ack(cellKey: onB.cellKey, attempt: 1, status: .accepted, detail: "")))
        let done = last.firstIndex(of: .send(to: onB.peer, .disconnect(reason: "done", detail: "")))
        #expect(ack.flatMap { a in done.map { a < $0 } } == true, "the worker learns of its result before the end")
        #expect(h.dispatcher.isStopped)
        #expect(h.status.state == .done)
    }

    /// §3.8: a journal in which every cell is finished or failed leaves nothing to do.
    @Test func aDispatcherFromAFinishedJournalStartsStopped() {
        var cells = CellFixtures.cells(3)
        cells[0].state = .finished
        cells[1].state = .failed
        cells[2].state = .finished
        let h = Harness(cells: cells)
        #expect(h.dispatcher.isStopped)
        #expect(h.status.state == .done)
        #expect(h.dispatcher.counts == .init(total: 3, finished: 2, failed: 1, running: 0, queued: 0))
    }

    /// §3.5: cells a previous coordinator had leased are queued again on resume.
    @Test func cellsLeasedByAPreviousCoordinatorAreQueued() {
        var cells = CellFixtures.cells(2)
        cells[0].state = .finished
        cells[1].state = .leased
        var h = Harness(cells: cells)
        #expect(!h.dispatcher.isStopped)
        #expect(h.dispatcher.counts.queued == 1)
        h.ready(worker: "w1")
        #expect(h.request(1, from: "w1").assigns.map(\.cellKey) == [cells[1].key])
    }

    /// §3.8: a worker that registers after the end is welcomed, then told done.
    @Test func aReadyAfterDoneGetsWelcomeThenDone() {
        var cells = CellFixtures.cells(1)
        cells[0].state = .finished
        var h = Harness(cells: cells)
        let actions = h.ready(worker: "late")
        #expect(actions.messages(to: h.peer(of: "late")) == [.welcome(h.settings.sessionParameters),
                                                              .disconnect(reason: "done", detail: "")])
        #expect(h.request(1, from: "late").assigns.isEmpty)
    }
}
