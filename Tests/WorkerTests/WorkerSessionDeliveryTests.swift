import Testing
@testable import Shared
@testable import Worker

/// Results, progress, disconnects and shutdown in the worker's protocol logic
/// (docs/protocol.md §2.4 PROGRESS/RESULT/ACK/FAILED/DISCONNECT, §3.5, §3.6, §5.4).
@Suite struct WorkerSessionDeliveryTests {
    typealias F = WorkerSessionFixtures

    /// A registered one-slot session running lease 1 (width 4) since t = 1 s.
    func runningOne() -> WorkerSession {
        var session = F.session(slots: 1)
        session.register(at: .zero)
        _ = session.handle(.received(F.assign(1, width: 4), now: .seconds(1)))
        return session
    }

    // MARK: Results — §5.4

    @Test func finishedCellIsSentAsResultAndKeptUntilAcknowledged() throws {
        var session = runningOne()
        let delivery = try F.delivery(1, width: 4)
        let actions = session.handle(.cellFinished(leaseId: F.lease(1), delivery: delivery, now: .seconds(10)))
        #expect(actions.sent.first == .result(delivery))
        #expect(session.outbox.map(\.delivery) == [delivery])
    }

    @Test(arguments: CoordinatorMessage.AckStatus.allCases)
    func ackOfAnyStatusDropsTheStoredResult(status: CoordinatorMessage.AckStatus) throws {
        var session = runningOne()
        let delivery = try F.delivery(1, width: 4)
        _ = session.handle(.cellFinished(leaseId: F.lease(1), delivery: delivery, now: .seconds(10)))
        _ = session.handle(.received(.ack(cellKey: delivery.cellKey, attempt: 1, status: status, detail: "why"), now: .seconds(11)))
        #expect(session.outbox.isEmpty)
        // Nothing left to resend, even after a long wait or a new WELCOME.
        #expect(!session.ticks(from: .seconds(11), to: .seconds(75), every: .seconds(1)).commands.contains(.result))
    }

    @Test func storedResultsAreResentAfterWelcomeBeforeRequest() throws {
        var session = F.session(slots: 2)
        session.register(at: .zero)
        _ = session.handle(.received(F.assign(1, width: 4), now: .seconds(1)))
        _ = session.handle(.received(F.assign(2, width: 8), now: .seconds(1)))
        let first = try F.delivery(1, width: 4)
        _ = session.handle(.cellFinished(leaseId: F.lease(1), delivery: first, now: .seconds(2)))
        // §3.5: the coordinator dies before acknowledging; the worker reconnects.
        let silent = session.handle(.tick(now: .seconds(7)))
        let wait = try #require(silent.reconnectWait)
        #expect(session.handle(.connected(now: .seconds(7) + wait)).commands == [.ready])
        let welcome = session.handle(.received(.welcome(F.parameters), now: .seconds(9)))
        // Every stored result first, then the running lease's renewal (so a restarted coordinator
        // can adopt it, §3.5), then REQUEST for the free slot (2 slots − 1 running − 0 credit).
        #expect(welcome.commands == [.result, .progress, .request])
        #expect(welcome.sent.first == .result(first))
        #expect(welcome.requests == [1])
        // The running cell's lease is renewed on the new connection.
        #expect(welcome.sent.contains { if case .progress(F.lease(2), _, _, _) = $0 { true } else { false } })
    }

    @Test func aResultFinishedWhileDisconnectedWaitsForTheNextWelcome() throws {
        var session = runningOne()
        let wait = try #require(session.handle(.tick(now: .seconds(6))).reconnectWait)
        let delivery = try F.delivery(1, width: 4)
        let meanwhile = session.handle(.cellFinished(leaseId: F.lease(1), delivery: delivery, now: .seconds(6) + wait))
        #expect(meanwhile.sent.isEmpty)
        _ = session.handle(.connected(now: .seconds(8)))
        #expect(session.handle(.received(.welcome(F.parameters), now: .seconds(8))).sent.first == .result(delivery))
    }

    @Test func unacknowledgedResultIsResentAfterSixtySeconds() throws {
        var session = runningOne()
        let delivery = try F.delivery(1, width: 4)
        _ = session.handle(.cellFinished(leaseId: F.lease(1), delivery: delivery, now: .seconds(10)))
        var resent: [Duration] = []
        var now = Duration.seconds(10)
        while now <= .seconds(135) {
            // The coordinator stays alive (heartbeats) but never acknowledges.
            _ = session.handle(.received(.heartbeat, now: now))
            if session.handle(.tick(now: now)).commands.contains(.result) { resent.append(now) }
            now += .seconds(1)
        }
        #expect(resent == [.seconds(70), .seconds(130)])
    }

    // MARK: Progress — §2.4 PROGRESS

    @Test func runningLeasesAreRenewedEveryQuarterLease() {
        var session = F.session(slots: 1)
        session.register(at: .zero)
        _ = session.handle(.received(F.assign(1, width: 4, leaseMilliseconds: 8000), now: .seconds(1)))
        var renewals: [Duration] = []
        var now = Duration.seconds(1)
        while now <= .seconds(9) {
            _ = session.handle(.received(.heartbeat, now: now))
            if session.handle(.tick(now: now)).commands.contains(.progress) { renewals.append(now) }
            now += .milliseconds(500)
        }
        // Lease 8 s: at least every 2 s, without any report from the cell.
        #expect(renewals == [.seconds(3), .seconds(5), .seconds(7), .seconds(9)])
    }

    @Test func childProgressIsForwardedAtMostOncePerSecondPerLease() {
        var session = runningOne()
        var sent: [ProgressReport] = []
        // Ten epochs reported within one second (t = 2.0 … 2.9 s), then ticks.
        for epoch in 1...10 {
            let now = Duration.seconds(2) + .milliseconds(100 * (epoch - 1))
            let report = ProgressReport(phase: .train, epoch: epoch, line: "epoch \(epoch)")
            sent += session.handle(.cellProgress(leaseId: F.lease(1), report: report, now: now)).sent.progressReports
            sent += session.handle(.tick(now: now)).sent.progressReports
        }
        sent += session.ticks(from: .seconds(3), to: .seconds(4)).sent.progressReports
        // The first is forwarded at once; the rest wait out the second, and only the newest goes.
        #expect(sent.map(\.epoch) == [1, 10])
        #expect(session.ticks(from: .seconds(4), to: .seconds(10)).sent.progressReports.isEmpty)
    }

    // MARK: Failures — §2.4 FAILED

    @Test func failedCellIsReportedAndItsSlotAskedForAgain() {
        var session = runningOne()
        let actions = session.handle(.cellFailed(leaseId: F.lease(1), error: "exited with status 1: NaN loss", now: .seconds(3)))
        #expect(actions.commands == [.failed, .request])
        #expect(session.running.isEmpty)
    }

    @Test func failureWhileDisconnectedIsSentAfterTheNextWelcome() throws {
        var session = runningOne()
        _ = try #require(session.handle(.tick(now: .seconds(6))).reconnectWait)
        #expect(session.handle(.cellFailed(leaseId: F.lease(1), error: "killed by signal 9", now: .seconds(7))).sent.isEmpty)
        _ = session.handle(.connected(now: .seconds(8)))
        #expect(session.handle(.received(.welcome(F.parameters), now: .seconds(8))).commands == [.failed, .request])
    }

    // MARK: DISCONNECT — §2.4 table of reasons

    @Test func notRegisteredTriggersReadyAndKeepsRunningCells() throws {
        var session = runningOne()
        let delivery = try F.delivery(9, width: 32)
        session.outbox.append(StoredResult(delivery: delivery, lastSent: .seconds(1)))
        let actions = session.handle(.received(.disconnect(reason: "not-registered", detail: ""), now: .seconds(2)))
        #expect(actions.commands == [.ready])
        #expect(!actions.contains(.killCells))
        #expect(session.connection == .awaitingWelcome)
        #expect(session.running.map(\.leaseId) == [F.lease(1)])
        // Nothing but READY until WELCOME; then the stored result, before anything else.
        #expect(session.ticks(from: .seconds(2), to: .seconds(4)).sent.isEmpty)
        #expect(session.handle(.received(.welcome(F.parameters), now: .seconds(4))).sent.first == .result(delivery))
    }

    /// §3.5: after a quick coordinator restart every message the worker had queued is answered
    /// `not-registered`; the worker sends READY once, not once per answer.
    @Test func severalNotRegisteredRepliesGiveOneReady() {
        var session = runningOne()
        var commands: [WireConstants.Command] = []
        for second in 2...4 {
            commands += session.handle(.received(.disconnect(reason: "not-registered", detail: ""), now: .seconds(Int64(second)))).commands
        }
        #expect(commands == [.ready])
        #expect(session.connection == .awaitingWelcome)
    }

    @Test(arguments: ["done", "drained"])
    func doneAndDrainedExitSuccessfully(reason: String) {
        var session = F.session()
        session.register(at: .zero)
        let actions = session.handle(.received(.disconnect(reason: reason, detail: ""), now: .seconds(1)))
        #expect(actions.exit?.code == 0)
        #expect(session.handle(.tick(now: .seconds(60))).isEmpty)
    }

    @Test func cancelledKillsRunningCellsAndExitsSuccessfully() {
        var session = runningOne()
        let actions = session.handle(.received(.disconnect(reason: "cancelled", detail: ""), now: .seconds(2)))
        #expect(actions.contains(.killCells))
        #expect(actions.exit?.code == 0)
        #expect(actions.sent.isEmpty)
    }

    @Test(arguments: ["quarantined", "engine-mismatch", "wrong-role"])
    func refusalsExitWithAnErrorNamingTheReason(reason: String) {
        var session = runningOne()
        let actions = session.handle(.received(.disconnect(reason: reason, detail: "coordinator runs 0.3.0"), now: .seconds(2)))
        let exit = actions.exit
        #expect(exit.map { $0.code != 0 } == true)
        let named = ["quarantined": "quarantined", "engine-mismatch": "engine version", "wrong-role": "wrong-role"][reason] ?? reason
        #expect(exit?.message.contains(named) == true, "\(exit?.message ?? "")")
        #expect(exit?.message.contains("coordinator runs 0.3.0") == true)
        #expect(actions.contains(.killCells))
    }

    // MARK: Worker shutdown — §3.6

    @Test func ctrlCDrainsFinishesRunningCellsWaitsForAckThenDisconnects() throws {
        var session = runningOne()
        let interrupt = session.handle(.interrupt(now: .seconds(2)))
        #expect(interrupt.exit == nil)
        #expect(interrupt.sent.isEmpty)
        let delivery = try F.delivery(1, width: 4)
        let finished = session.handle(.cellFinished(leaseId: F.lease(1), delivery: delivery, now: .seconds(3)))
        // The result goes out, but no REQUEST for the freed slot.
        #expect(finished.commands == [.result])
        #expect(finished.exit == nil)
        let acked = session.handle(.received(.ack(cellKey: delivery.cellKey, attempt: 1, status: .accepted, detail: ""), now: .seconds(4)))
        #expect(acked.sent == [.disconnect(reason: "shutdown", detail: "drained")])
        #expect(acked.exit?.code == 0)
    }

    @Test func ctrlCWithNothingRunningLeavesAtOnce() {
        var session = F.session()
        session.register(at: .zero)
        let actions = session.handle(.interrupt(now: .seconds(1)))
        #expect(actions.commands == [.disconnect])
        #expect(actions.exit?.code == 0)
    }

    @Test func secondCtrlCDisconnectsAndKillsCellsAtOnce() {
        var session = runningOne()
        _ = session.handle(.interrupt(now: .seconds(2)))
        let actions = session.handle(.interrupt(now: .seconds(3)))
        #expect(actions.commands == [.disconnect])
        #expect(actions.contains(.killCells))
        #expect(actions.exit.map { $0.code != 0 } == true)
    }

    @Test func sigtermReleasesLeasesAndStopsAtOnce() {
        var session = runningOne()
        let actions = session.handle(.terminate(now: .seconds(2)))
        #expect(actions.sent == [.disconnect(reason: "shutdown", detail: "SIGTERM")])
        #expect(actions.contains(.killCells))
        #expect(actions.exit?.code == 0)
    }
}

extension Array where Element == WorkerMessage {
    var progressReports: [ProgressReport] {
        compactMap { if case let .progress(_, _, _, report) = $0 { report } else { nil } }
    }
}
