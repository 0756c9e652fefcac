import Shared

/// The worker's half of WSP/1 (docs/protocol.md §2.4, §3, §4, §5.4, §6) as a pure state machine.
///
/// Events go in (a socket opened, a message arrived, a tick, a cell reported or ended, Ctrl-C),
/// actions come out (send, start a cell, kill cells, reconnect, exit, log). It opens no socket,
/// spawns nothing and reads no clock: `now` is monotonic time since the worker started, passed
/// with every event, so heartbeats, leases and backoff are tested without sockets or sleeping.
/// Only `WorkerLoop` does I/O.
struct WorkerSession {
    /// What the worker announces and the tunables the protocol leaves to the worker.
    struct Configuration: Sendable {
        var workerId: String
        var capabilities: WorkerCapabilities
        /// A result waiting this long for its `ACK` is sent again (§5.4: SHOULD, 60 s).
        var resultResendInterval: Duration = .seconds(60)
        /// Child progress is forwarded at most once per this interval per lease, so a chatty
        /// cell cannot flood the coordinator.
        var progressForwardInterval: Duration = .seconds(1)
        /// At most one log line per this interval about invalid messages (§6.1).
        var invalidMessageLogInterval: Duration = .seconds(1)

        init(workerId: String, capabilities: WorkerCapabilities) {
            self.workerId = workerId
            self.capabilities = capabilities
        }

        var slots: Int { capabilities.slots }
        var engineVersion: String { capabilities.engineVersion }
    }

    /// Where the session stands with the coordinator.
    enum Connection: Equatable, Sendable {
        /// `READY` went out on the current socket; no `WELCOME` yet (§2.4 WELCOME).
        case awaitingWelcome
        /// `WELCOME` arrived: worker commands may be sent.
        case registered
        /// The socket is closed; the loop opens a new one after the backoff (§4.1).
        case disconnected
        /// An `exit` action was emitted; every later event is ignored.
        case stopped
    }

    /// The timers `WELCOME` sets (§2.4 WELCOME, §4.1); the defaults apply until it arrives.
    struct Timers: Equatable, Sendable {
        var heartbeatInterval: Duration = .milliseconds(1000)
        var liveness = 5
        var lease: Duration = .milliseconds(120_000)

        /// Silence after which the coordinator counts as dead: liveness × interval.
        var deadAfter: Duration { heartbeatInterval * liveness }
    }

    let configuration: Configuration
    // The state below is internal rather than private(set) only because the session's handlers
    // live in extensions in other files; nothing outside `Session/` writes it (tests read it).
    var connection: Connection = .disconnected
    var timers = Timers()
    /// Cells asked for with `REQUEST` and not yet assigned since the last `WELCOME` (§3.2).
    var credit = 0
    /// Cells being computed, in the order they were assigned.
    var running: [RunningCell] = []
    /// Results not yet acknowledged, in the order they finished (§5.4).
    var outbox: [StoredResult] = []
    /// `FAILED`s that could not be sent while unregistered; sent after the next `WELCOME`.
    var pendingFailures: [WorkerMessage] = []
    /// Ctrl-C was pressed once: no more `REQUEST`; stop when the running cells are delivered (§3.6).
    var draining = false
    var backoff: ReconnectBackoff

    /// When the coordinator last sent a valid message (liveness, §4.1).
    var lastReceived: Duration = .zero
    /// When the worker last sent anything (heartbeat timer, §4.1).
    var lastSent: Duration = .zero
    var invalidMessages = InvalidMessageLog()

    /// `jitterSeed` seeds the backoff's jitter; the loop passes a random one, tests a fixed one.
    init(configuration: Configuration, jitterSeed: UInt64) {
        self.configuration = configuration
        self.backoff = ReconnectBackoff(seed: jitterSeed)
    }

    /// Applies one event and returns what the loop must do, in order.
    mutating func handle(_ event: Event) -> [Action] {
        guard connection != .stopped else { return [] }
        var actions: [Action] = []
        switch event {
        case let .connected(now):
            connected(now, &actions)
        case let .received(message, now):
            received(message, now, &actions)
        case let .invalidMessage(reason, now):
            invalidMessages.note(reason, now: now, interval: configuration.invalidMessageLogInterval, &actions)
        case let .tick(now):
            tick(now, &actions)
        case let .cellProgress(leaseId, report, now):
            cellProgress(leaseId, report, now, &actions)
        case let .cellFinished(leaseId, delivery, now):
            cellFinished(leaseId, delivery, now, &actions)
        case let .cellFailed(leaseId, error, now):
            cellFailed(leaseId, error, now, &actions)
        case let .interrupt(now):
            interrupt(now, &actions)
        case let .terminate(now):
            stopNow(now, reason: "SIGTERM", code: 0, &actions)
        }
        finishDrainIfDone(event.now, &actions)
        return actions
    }

    // MARK: Connection

    /// A new socket is open (§4.1): register on it with the default timers.
    mutating func connected(_ now: Duration, _ actions: inout [Action]) {
        connection = .awaitingWelcome
        timers = Timers()
        credit = 0
        lastReceived = now
        send(.ready(workerId: configuration.workerId, capabilities: configuration.capabilities), now, &actions)
    }

    private mutating func tick(_ now: Duration, _ actions: inout [Action]) {
        switch connection {
        case .awaitingWelcome, .registered:
            if now - lastReceived >= timers.deadAfter {
                coordinatorSilent(now, &actions)
                return
            }
        case .disconnected, .stopped:
            return
        }
        guard connection == .registered else { return }
        for index in outbox.indices where outbox[index].dueForResend(at: now, interval: configuration.resultResendInterval) {
            outbox[index].lastSent = now
            actions.append(.log("no ACK for \(outbox[index].delivery.cellKey.prefix(12)) after \(configuration.resultResendInterval.logText): sending the result again"))
            send(.result(outbox[index].delivery), now, &actions)
        }
        for index in running.indices where running[index].progressDue(at: now, forwardInterval: configuration.progressForwardInterval) {
            sendProgress(index, now, &actions)
        }
        requestCredit(now, &actions)
        if now - lastSent >= timers.heartbeatInterval {
            send(.heartbeat, now, &actions)
        }
    }

    /// Nothing from the coordinator for liveness × interval (§4.1): close the socket, wait the
    /// backoff, open a new one. Running cells and stored results are kept.
    private mutating func coordinatorSilent(_ now: Duration, _ actions: inout [Action]) {
        let wait = backoff.nextWait()
        actions.append(.log("coordinator silent for \((now - lastReceived).logText) (\(timers.liveness) × \(timers.heartbeatInterval.logText)): reconnecting in \(wait.logText)"))
        connection = .disconnected
        credit = 0
        actions.append(.reconnect(after: wait))
    }

    // MARK: Sending

    /// Queues `message` and restarts the heartbeat timer (any message counts as a heartbeat, §4.1).
    mutating func send(_ message: WorkerMessage, _ now: Duration, _ actions: inout [Action]) {
        actions.append(.send(message))
        lastSent = now
    }

    /// Grants credit for every free slot not already covered (§2.4 REQUEST, §3.2):
    /// `slots − running − credit`, never while draining or unregistered.
    mutating func requestCredit(_ now: Duration, _ actions: inout [Action]) {
        guard connection == .registered, !draining else { return }
        let wanted = configuration.slots - running.count - credit
        guard wanted > 0 else { return }
        credit += wanted
        send(.request(n: UInt32(wanted)), now, &actions)
    }

    mutating func sendProgress(_ index: Int, _ now: Duration, _ actions: inout [Action]) {
        let cell = running[index]
        running[index].markProgressSent(at: now)
        send(.progress(leaseId: cell.leaseId, cellKey: cell.cellKey, attempt: cell.attempt, report: cell.latest), now, &actions)
    }

    // MARK: Stopping

    /// Ctrl-C: the first drains (§3.6), the second stops at once.
    private mutating func interrupt(_ now: Duration, _ actions: inout [Action]) {
        if draining {
            stopNow(now, reason: "second Ctrl-C", code: 130, &actions)
            return
        }
        draining = true
        if !running.isEmpty || !outbox.isEmpty {
            actions.append(.log("draining: no new cells; finishing \(running.count) running cell(s) and delivering \(outbox.count + running.count) result(s); Ctrl-C again to stop now"))
        }
    }

    /// Leaves at once (§3.6): `DISCONNECT shutdown` releases this worker's leases without
    /// counting a failure; running cells are killed and unacknowledged results are lost.
    private mutating func stopNow(_ now: Duration, reason: String, code: Int32, _ actions: inout [Action]) {
        if connection == .registered {
            send(.disconnect(reason: "shutdown", detail: reason), now, &actions)
        }
        if !running.isEmpty { actions.append(.killCells) }
        var message = "stopped (\(reason))"
        if !running.isEmpty { message += "; abandoned \(running.count) running cell(s)" }
        if !outbox.isEmpty { message += "; \(outbox.count) result(s) never acknowledged" }
        exit(code: code, message: message, &actions)
    }

    /// Ends a drain once nothing is running and every result is acknowledged.
    mutating func finishDrainIfDone(_ now: Duration, _ actions: inout [Action]) {
        guard draining, connection != .stopped, running.isEmpty, outbox.isEmpty else { return }
        if connection == .registered {
            send(.disconnect(reason: "shutdown", detail: "drained"), now, &actions)
        }
        exit(code: 0, message: "stopped (Ctrl-C): no cell running and every result delivered", &actions)
    }

    mutating func exit(code: Int32, message: String, _ actions: inout [Action]) {
        connection = .stopped
        actions.append(.exit(code: code, message: message))
    }
}
