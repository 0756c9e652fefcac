import Testing
@testable import Coordinator
import Shared

/// Heartbeating and dead workers against docs/protocol.md §4.1 and §4.2.
struct DispatcherLivenessTests {
    static let ε = Duration.milliseconds(1)

    /// §4.1: a worker silent for liveness × interval is dead; its session ends, its lease ends as
    /// a failed attempt and the cell is queued again (§3.3).
    @Test func aWorkerSilentForLivenessIntervalsIsDeadAtTheFirstTickAfter() {
        var h = Harness(cells: CellFixtures.cells(2))
        h.ready(worker: "w1")
        let lease = h.request(1, from: "w1").assigns[0]
        h.now = .seconds(2)
        h.heartbeat(from: "w1")                                   // last heard at 2 s
        let deadline = h.now + h.settings.deadAfter
        let stillAlive = h.run(until: deadline - Self.ε)
        #expect(stillAlive.journal.isEmpty)
        #expect(h.worker("w1")?.state == .alive)

        let dead = h.tick(at: deadline + Self.ε)
        #expect(dead.journal == [.attemptFailed(key: lease.cellKey, attempt: 1, worker: "w1",
                                                error: "worker silent for \(h.settings.deadAfter) (liveness)")])
        #expect(h.worker("w1")?.state == .dead)
        #expect(h.worker("w1")?.running == 0)
        #expect(h.dispatcher.counts.queued == 2)

        // A later message on that connection is not part of any session.
        #expect(h.heartbeat(from: "w1").disconnects(to: h.peer(of: "w1")) == ["not-registered"])
        h.ready(worker: "w2")
        let retry = h.request(1, from: "w2").assigns
        #expect(retry.map(\.cellKey) == [lease.cellKey])
        #expect(retry.map(\.attempt) == [2])
    }

    /// A worker declared dead that registers again (its link came back) is alive, says so in
    /// the log, and is not journaled as a new worker; an ordinary reconnect logs nothing.
    @Test func aDeadWorkerThatRegistersAgainIsLoggedAsRejoined() {
        var h = Harness(cells: CellFixtures.cells(2))
        h.ready(worker: "w1")
        h.tick(at: h.settings.deadAfter + Self.ε)
        #expect(h.worker("w1")?.state == .dead)
        let back = h.ready(worker: "w1", connection: 1)
        #expect(h.worker("w1")?.state == .alive)
        #expect(back.journal.isEmpty)
        let logs = back.compactMap { if case .log(let line) = $0 { line } else { nil } }
        #expect(logs == ["worker w1 rejoined after being declared dead (host host-w1)"])
        let again = h.ready(worker: "w1", connection: 2)
        #expect(!again.contains { if case .log = $0 { true } else { false } })
    }

    /// §4.1: any valid message is a sign of life, not only HEARTBEAT.
    @Test func anyMessageFromTheWorkerKeepsItAlive() {
        var h = Harness(cells: CellFixtures.cells(2))
        h.ready(worker: "w1")
        let lease = h.request(1, from: "w1").assigns[0]
        for second in stride(from: 4, through: 20, by: 4) {
            h.run(until: .seconds(second))
            h.progress(lease)
        }
        #expect(h.worker("w1")?.state == .alive)
        #expect(h.history.failedAttempts.isEmpty)
    }

    /// §4.1: the coordinator heartbeats a registered worker it has sent nothing for one
    /// interval, and not more often.
    @Test func heartbeatsGoOutAfterOneIntervalOfSilenceAndNoMoreOften() {
        var h = Harness(cells: CellFixtures.cells(1))
        h.ready(worker: "w1")                                     // WELCOME at 0
        let peer = h.peer(of: "w1")
        var sentAt: [Duration] = []
        for step in 1...100 {                                     // tick every 100 ms for 10 s
            h.now = .milliseconds(100 * step)
            if step % 10 == 0 { h.heartbeat(from: "w1") }
            if h.tick().heartbeats(to: peer) > 0 { sentAt.append(h.now) }
        }
        #expect(sentAt == (1...10).map { Duration.seconds($0) })
    }

    /// §4.1: "sent it nothing" counts every message: after an ASSIGN the next heartbeat waits a
    /// whole interval.
    @Test func anAssignPostponesTheNextHeartbeat() {
        var h = Harness(cells: CellFixtures.cells(1))
        h.ready(worker: "w1")
        let peer = h.peer(of: "w1")
        h.now = .milliseconds(600)
        #expect(h.request(1, from: "w1").assigns.count == 1)
        #expect(h.tick(at: .seconds(1)).heartbeats(to: peer) == 0)
        #expect(h.tick(at: .milliseconds(1599)).heartbeats(to: peer) == 0)
        #expect(h.tick(at: .milliseconds(1600)).heartbeats(to: peer) == 1)
    }

    /// §4.1: clients are never heartbeated; §4.2: a worker whose connection is gone
    /// (EHOSTUNREACH) ends as if dead.
    @Test func anUnreachableWorkerEndsAsIfDead() {
        var h = Harness(cells: CellFixtures.cells(2))
        h.client(.status(requestId: [1]))
        h.ready(worker: "w1")
        h.ready(worker: "w2")
        let lease = h.request(1, from: "w1").assigns[0]
        h.request(1, from: "w2")
        let gone = h.unreachable("w1")
        #expect(gone.journal.first == .attemptFailed(key: lease.cellKey, attempt: 1, worker: "w1", error: "worker connection lost"))
        #expect(h.worker("w1")?.state == .dead)
        let ticks = h.run(until: .seconds(3), heartbeatsFrom: ["w2"])
        #expect(ticks.heartbeats(to: Harness.client) == 0)
        #expect(ticks.heartbeats(to: h.peer(of: "w1")) == 0)
        #expect(ticks.heartbeats(to: h.peer(of: "w2")) > 0)
    }
}
