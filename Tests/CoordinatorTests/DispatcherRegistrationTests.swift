import Testing
@testable import Coordinator
import Shared

/// Registration against docs/protocol.md §2.4 READY and WELCOME, §4.1 (a READY that replaces a
/// session), §6.1 step 8 (unregistered connections) and §7.3 (roles bound to keys).
struct DispatcherRegistrationTests {
    /// §2.4 WELCOME: the session parameters are the coordinator's own timers, not the defaults.
    @Test func welcomeCarriesTheCoordinatorsTimersAndEngine() {
        let settings = DispatcherSettings(sweepName: "fashion", heartbeatInterval: .milliseconds(250), liveness: 7,
                                          leaseDuration: .seconds(90))
        var h = Harness(settings: settings)
        let actions = h.ready(worker: "w1", slots: 2)
        let expected = SessionParameters(heartbeatMilliseconds: 250, liveness: 7, leaseMilliseconds: 90_000,
                                         sweep: "fashion", engineVersion: WidthsweepVersion.engine)
        #expect(actions.messages(to: h.peer(of: "w1")) == [.welcome(expected)])
        #expect(actions.journal == [.workerRegistered(worker: "w1", host: "host-w1", slots: 2, keyName: nil)])
        #expect(h.worker("w1")?.state == .alive)
    }

    /// §2.4 READY: `engine_version` must equal the coordinator's; §2.4 DISCONNECT engine-mismatch.
    @Test func aWorkerWithAnotherEngineVersionIsRefusedAndStaysUnregistered() {
        var h = Harness()
        let refused = h.ready(worker: "w1", slots: 2, engineVersion: "0.1.0")
        let peer = h.peer(of: "w1")
        #expect(refused.disconnects(to: peer) == ["engine-mismatch"])
        #expect(refused.messages(to: peer).count == 1, "no WELCOME: \(refused.messages(to: peer))")
        // The detail is the coordinator's version and nothing else, so a program can read it.
        #expect(refused.messages(to: peer) == [.disconnect(reason: "engine-mismatch", detail: h.settings.engineVersion)])
        #expect(refused.journal.isEmpty)
        #expect(h.status.workers.isEmpty)

        let afterwards = h.request(2, from: "w1")
        #expect(afterwards.disconnects(to: peer) == ["not-registered"])
        #expect(afterwards.assigns.isEmpty)
    }

    /// §6.1 step 8: `DISCONNECT not-registered` is the only answer an unregistered peer ever gets,
    /// whatever worker command it sends; nothing else happens.
    @Test func aWorkerCommandFromAnUnregisteredConnectionGetsOnlyNotRegistered() throws {
        let cell = CellFixtures.cells(1)[0]
        let stranger = Assigned(peer: Harness.peer("ghost"), leaseId: "0123456789abcdef", cellKey: cell.key,
                                attempt: 1, cell: cell.cell)
        let commands: [WorkerMessage] = [
            .request(n: 4),
            .heartbeat,
            .progress(leaseId: stranger.leaseId, cellKey: cell.key, attempt: 1, report: ProgressReport(phase: .train, epoch: 0)),
            .failed(leaseId: stranger.leaseId, cellKey: cell.key, attempt: 1, error: "boom"),
            .result(try CellFixtures.delivery(for: stranger)),
        ]
        for command in commands {
            var h = Harness()
            h.ready(worker: "w1", slots: 4)           // someone with credit, to catch a stray ASSIGN
            h.request(4, from: "w1")
            let before = h.dispatcher.counts
            let actions = h.send(command, from: "ghost")
            #expect(actions == [.send(to: Harness.peer("ghost"), .disconnect(reason: "not-registered", detail: ""))],
                    "\(command.command)")
            #expect(h.dispatcher.counts == before, "\(command.command)")
            #expect(h.dispatcher.sessions[Harness.peer("ghost")] == nil)
        }
    }

    /// §4.1: a READY with a worker id that has a session replaces it; the leases stay in force
    /// and move to the new connection, the credit is reset to 0 (also §3.2).
    @Test func aSecondReadyFromANewConnectionTakesOverTheLeasesWithZeroCredit() {
        var h = Harness(cells: CellFixtures.cells(2))
        h.ready(worker: "w1", slots: 3)
        let leases = h.request(3, from: "w1").assigns          // 2 cells, 1 credit left outstanding
        #expect(leases.count == 2)
        #expect(h.worker("w1")?.credit == 1)

        let oldPeer = h.peer(of: "w1")
        let again = h.ready(worker: "w1", slots: 3, connection: 1)
        let newPeer = h.peer(of: "w1")
        #expect(again.messages(to: newPeer) == [.welcome(h.settings.sessionParameters)])
        #expect(again.journal.isEmpty, "a known worker id is not registered twice")
        #expect(h.worker("w1")?.credit == 0)
        #expect(h.worker("w1")?.running == 2)

        // The leases answer to the new connection: PROGRESS renews, FAILED counts.
        #expect(h.progress(leases[0], from: "w1").isEmpty)
        let failed = h.fail(leases[1], from: "w1")
        #expect(failed.journal.contains(.attemptFailed(key: leases[1].cellKey, attempt: 1, worker: "w1", error: "nan loss")))
        // The failed cell is queued and w1 has a free slot, but no credit since WELCOME.
        #expect(failed.assigns.isEmpty)
        #expect(h.request(1, from: "w1").assigns.map(\.cellKey) == [leases[1].cellKey])

        // The stale connection is forgotten.
        #expect(h.send(.heartbeat, from: "w1").isEmpty)
        let stale = h.dispatcher.receive(.worker(.heartbeat), from: oldPeer, userId: nil, now: h.now)
        #expect(stale == [.send(to: oldPeer, .disconnect(reason: "not-registered", detail: ""))])
    }

    /// §7.3: a client key cannot act as a worker. Its READY is answered `DISCONNECT wrong-role`
    /// (§2.4 DISCONNECT), so the program holding it stops instead of waiting for a WELCOME that
    /// never comes; its other worker commands are dropped, unanswered.
    @Test func workerCommandsFromAClientKeyAreRefused() {
        var h = Harness()
        let refused = h.ready(worker: "w1", slots: 2, userId: "client:ops")
        #expect(refused.messages(to: h.peer(of: "w1")) == [.disconnect(reason: "wrong-role", detail: "this key is not a worker key")])
        #expect(refused.journal.isEmpty)
        #expect(h.send(.request(n: 2), from: "w1", userId: "client:ops").onlyLogs)
        #expect(h.status.workers.isEmpty)
        #expect(h.history.assigns.isEmpty)
        // The same READY from a worker key is welcome, and the key name is journaled.
        let welcomed = h.ready(worker: "w1", slots: 2, userId: "worker:node7")
        #expect(welcomed.messages(to: h.peer(of: "w1")) == [.welcome(h.settings.sessionParameters)])
        #expect(welcomed.journal == [.workerRegistered(worker: "w1", host: "host-w1", slots: 2, keyName: "node7")])
    }

    /// §7.3: a worker key cannot act as a client; STATUS and CANCEL from it are dropped.
    @Test func clientCommandsFromAWorkerKeyAreDropped() {
        var h = Harness()
        #expect(h.client(.status(requestId: [1]), userId: "worker:node7").onlyLogs)
        #expect(h.client(.cancel(requestId: [2], mode: .now), userId: "worker:node7").onlyLogs)
        #expect(h.dispatcher.runState == .running)
        let reply = h.client(.status(requestId: [3]), userId: "client:ops")
        #expect(reply.messages(to: Harness.client).count == 1)
        #expect(reply.messages(to: Harness.client).first?.command == .statusReply)
    }
}
