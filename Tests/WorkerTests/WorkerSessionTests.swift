import Testing
@testable import Shared
@testable import Worker

/// The worker's protocol logic without sockets: registration, credit, assignment checks,
/// heartbeating and reconnects (docs/protocol.md §2.4, §3.2, §4.1, §6.1).
@Suite struct WorkerSessionTests {
    typealias F = WorkerSessionFixtures

    // MARK: Registration — §2.4 READY / WELCOME

    @Test func readyIsTheFirstMessageOnEveryNewSocket() {
        var session = F.session(slots: 3)
        let actions = session.handle(.connected(now: .zero))
        guard case let .ready(id, capabilities) = actions.sent.first else {
            Issue.record("expected READY, got \(actions)")
            return
        }
        #expect(actions.sent.count == 1)
        #expect(id == "node7:4121")
        #expect(capabilities.slots == 3)
        #expect(capabilities.engineVersion == F.engine)
    }

    @Test func noWorkerCommandIsSentBeforeWelcome() {
        var session = F.session()
        _ = session.handle(.connected(now: .zero))
        // §2.4 WELCOME: no REQUEST, PROGRESS, RESULT or FAILED (and no HEARTBEAT) before it.
        let actions = session.ticks(from: .milliseconds(100), to: .milliseconds(4900))
        #expect(actions.sent.isEmpty)
    }

    @Test func welcomeIsAnsweredWithARequestForEverySlot() {
        var session = F.session(slots: 2)
        let actions = session.register(at: .zero)
        #expect(actions.requests == [2])
        #expect(session.credit == 2)
    }

    // MARK: Credit — §2.4 REQUEST, §3.2

    @Test func requestNeverAsksBeyondFreeSlots() throws {
        var session = F.session(slots: 2)
        #expect(session.register(at: .zero).requests == [2])
        // One cell assigned: credit 1, running 1, nothing free.
        let afterAssign = session.handle(.received(F.assign(1, width: 4), now: .seconds(1)))
        #expect(afterAssign.started == [F.lease(1)])
        #expect(afterAssign.requests.isEmpty)
        #expect(session.ticks(from: .seconds(1), to: .seconds(3)).requests.isEmpty)
        // The cell finishes: one slot free again, and still one unit of credit outstanding.
        let finished = session.handle(.cellFinished(leaseId: F.lease(1), delivery: try F.delivery(1, width: 4), now: .seconds(4)))
        #expect(finished.requests == [1])
        #expect(session.credit == 2)
        // Everything assigned: nothing free, no REQUEST.
        let two = session.handle(.received(F.assign(2, width: 8), now: .seconds(5)))
            + session.handle(.received(F.assign(3, width: 16), now: .seconds(5)))
        #expect(two.started == [F.lease(2), F.lease(3)])
        #expect(session.ticks(from: .seconds(5), to: .seconds(9)).requests.isEmpty)
    }

    @Test func assignBeyondTheGrantedCreditIsDroppedWithoutRunning() {
        var session = F.session(slots: 2)
        session.register(at: .zero)
        _ = session.handle(.received(F.assign(1, width: 4), now: .seconds(1)))
        _ = session.handle(.received(F.assign(2, width: 8), now: .seconds(1)))
        // Beyond the slots.
        let beyondSlots = session.handle(.received(F.assign(3, width: 16), now: .seconds(1)))
        #expect(beyondSlots.started.isEmpty && beyondSlots.sent.isEmpty)
        #expect(beyondSlots.logs.contains { $0.contains("beyond the credit") })
        // A slot is free but, draining, the worker asked for nothing: beyond the credit.
        _ = session.handle(.interrupt(now: .seconds(2)))
        _ = session.handle(.cellFailed(leaseId: F.lease(1), error: "boom", now: .seconds(3)))
        let beyondCredit = session.handle(.received(F.assign(4, width: 32), now: .seconds(4)))
        #expect(beyondCredit.started.isEmpty && beyondCredit.sent.isEmpty)
        #expect(session.running.map(\.leaseId) == [F.lease(2)])
    }

    @Test func assignBeforeWelcomeIsDroppedWithoutRunning() {
        var session = F.session()
        _ = session.handle(.connected(now: .zero))
        let actions = session.handle(.received(F.assign(1, width: 4), now: .seconds(1)))
        #expect(actions.started.isEmpty)
        #expect(actions.sent.isEmpty)
    }

    // MARK: Assignment checks — §2.4 ASSIGN

    @Test func assignWithWrongKeyMaterialIsAnsweredFailedKeyMismatch() {
        var session = F.session(slots: 1)
        session.register(at: .zero)
        var (_, cell) = F.assignment(width: 4)
        cell.keyMaterial = cell.keyMaterial.replacingOccurrences(of: "\"width\":4", with: "\"width\":5")
        let key = F.assignment(width: 4).key
        let actions = session.handle(.received(.assign(leaseId: F.lease(1), cellKey: key, attempt: 2, cell: cell), now: .seconds(1)))
        #expect(actions.started.isEmpty)
        guard case let .failed(lease, failedKey, attempt, error) = actions.sent.first else {
            Issue.record("expected FAILED, got \(actions)")
            return
        }
        #expect(lease == F.lease(1) && failedKey == key && attempt == 2)
        #expect(error.hasPrefix("key-mismatch:"))
        // The credit was used up by the refused cell: the free slot is asked for again.
        #expect(actions.requests == [1])
    }

    @Test func assignForAnotherEngineVersionIsAnsweredFailedKeyMismatch() {
        var session = F.session(slots: 1)
        session.register(at: .zero)
        let (key, cell) = F.assignment(width: 4, engineVersion: "9.9.9")
        let actions = session.handle(.received(.assign(leaseId: F.lease(1), cellKey: key, attempt: 1, cell: cell), now: .seconds(1)))
        #expect(actions.started.isEmpty)
        guard case let .failed(_, _, _, error) = actions.sent.first else {
            Issue.record("expected FAILED, got \(actions)")
            return
        }
        #expect(error.hasPrefix("key-mismatch:"))
        #expect(error.contains("9.9.9"))
    }

    @Test func assignWithMatchingKeyStartsTheCellWithItsLease() {
        var session = F.session(slots: 1)
        session.register(at: .zero)
        let (key, cell) = F.assignment(width: 4)
        let actions = session.handle(.received(.assign(leaseId: F.lease(7), cellKey: key, attempt: 3, cell: cell), now: .seconds(1)))
        #expect(actions.contains(.startCell(leaseId: F.lease(7), cellKey: key, attempt: 3, cell: cell)))
        #expect(actions.sent.isEmpty)
    }

    // MARK: Heartbeating — §4.1

    @Test func heartbeatIsSentAfterOneIntervalWithNothingElseSent() {
        var session = F.session()
        session.register(at: .zero, SessionParameters(heartbeatMilliseconds: 2500, liveness: 5, leaseMilliseconds: 120_000,
                                                      sweep: "s", engineVersion: F.engine))
        // The WELCOME's 2.5 s interval applies, not the 1 s default.
        #expect(session.ticks(from: .milliseconds(100), to: .milliseconds(2400)).sent.isEmpty)
        let due = session.handle(.tick(now: .milliseconds(2500)))
        #expect(due.commands == [.heartbeat])
        // Coordinator messages keep it alive; our own sends restart the heartbeat timer.
        _ = session.handle(.received(.heartbeat, now: .seconds(4)))
        #expect(session.ticks(from: .milliseconds(2600), to: .milliseconds(4900)).sent.isEmpty)
        #expect(session.handle(.tick(now: .seconds(5))).commands == [.heartbeat])
    }

    @Test func coordinatorSilentForLivenessIntervalsTriggersReconnectWithBackoff() {
        var session = F.session(seed: 42)
        session.register(at: .zero)
        #expect(session.ticks(from: .milliseconds(100), to: .milliseconds(4900)).reconnectWait == nil)
        var now = Duration.seconds(5)
        for base in [1, 2, 4, 8, 16, 32, 32].map(Duration.seconds) {
            let actions = session.handle(.tick(now: now))
            let wait = actions.reconnectWait
            #expect(wait.map { $0 >= base / 2 && $0 <= base } == true, "wait \(String(describing: wait)) for base \(base)")
            #expect(session.connection == .disconnected)
            // Waiting for WELCOME counts too: READY on the new socket, then silence again.
            now += wait ?? .zero
            #expect(session.handle(.connected(now: now)).commands == [.ready])
            now += .seconds(5)
        }
        // A WELCOME resets the backoff to 1 s.
        _ = session.handle(.received(.welcome(F.parameters), now: now - .seconds(1)))
        let wait = session.handle(.tick(now: now + .seconds(4))).reconnectWait
        #expect(wait.map { $0 >= .milliseconds(500) && $0 <= .seconds(1) } == true)
    }

    @Test func invalidMessagesDoNotCountAsHeartbeatsAndAreLoggedAtMostOncePerSecond() {
        var session = F.session()
        session.register(at: .zero)
        var logs: [String] = []
        for step in 0..<40 {
            logs += session.handle(.invalidMessage(reason: "frame 0 is not the tag", now: .milliseconds(100 * step))).logs
        }
        // 4 s of garbage every 100 ms: one line per second, the later ones counting what was dropped.
        #expect(logs.count == 4)
        #expect(logs.last?.contains("9 more dropped") == true)
        // §6.1: only valid messages reset the liveness timer.
        #expect(session.handle(.tick(now: .seconds(5))).reconnectWait != nil)
    }
}
