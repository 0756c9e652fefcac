import Shared

// What the worker does with each command the coordinator sends (docs/protocol.md §2.4).
extension WorkerSession {
    mutating func received(_ message: CoordinatorMessage, _ now: Duration, _ actions: inout [Action]) {
        guard connection == .awaitingWelcome || connection == .registered else { return }
        // Any valid message counts as a heartbeat (§4.1).
        lastReceived = now
        switch message {
        case let .welcome(parameters):
            welcome(parameters, now, &actions)
        case let .assign(leaseId, cellKey, attempt, cell):
            assign(leaseId: leaseId, cellKey: cellKey, attempt: attempt, cell: cell, now, &actions)
        case let .ack(cellKey, attempt, status, detail):
            ack(cellKey: cellKey, attempt: attempt, status: status, detail: detail, &actions)
        case .heartbeat:
            break
        case let .disconnect(reason, detail):
            disconnect(reason: reason, detail: detail, now, &actions)
        case .statusReply:
            // Only a client's request is answered with STATUS-REPLY; a worker never sends one.
            actions.append(.log("dropped STATUS-REPLY: this worker sent no STATUS"))
        }
    }

    /// Registered (§2.4 WELCOME): adopt the timers, reset credit and backoff, resend every stored
    /// result before any `REQUEST` (§5.4), renew running leases, then ask for work.
    private mutating func welcome(_ parameters: SessionParameters, _ now: Duration, _ actions: inout [Action]) {
        connection = .registered
        timers = Timers(heartbeatInterval: .milliseconds(parameters.heartbeatMilliseconds),
                        liveness: parameters.liveness, lease: .milliseconds(parameters.leaseMilliseconds))
        credit = 0
        backoff.reset()
        actions.append(.log("registered with sweep \(parameters.sweep) (heartbeat \(timers.heartbeatInterval.logText), liveness \(timers.liveness))"))
        if parameters.engineVersion != configuration.engineVersion {
            actions.append(.log("warning: coordinator engine \(parameters.engineVersion), this worker \(configuration.engineVersion); every cell will fail its key check"))
        }
        for index in outbox.indices {
            outbox[index].lastSent = now
            send(.result(outbox[index].delivery), now, &actions)
        }
        for failure in pendingFailures {
            send(failure, now, &actions)
        }
        pendingFailures = []
        // Leases may have gone unrenewed while disconnected; renew them now rather than at lease/4,
        // and before asking for work, so a restarted coordinator can adopt them (§3.5) before it
        // hands their cells to someone else.
        for index in running.indices {
            sendProgress(index, now, &actions)
        }
        requestCredit(now, &actions)
    }

    /// A lease (§2.4 ASSIGN): run it only within our credit and slots, and only if the key
    /// material hashes to the key and names our engine; otherwise `FAILED key-mismatch`.
    private mutating func assign(leaseId: String, cellKey: String, attempt: UInt32, cell: CellAssignment,
                                 _ now: Duration, _ actions: inout [Action]) {
        let name = "\(cell.cell) (lease \(leaseId), attempt \(attempt))"
        guard connection == .registered, credit > 0, running.count < configuration.slots else {
            actions.append(.log("dropped ASSIGN \(name): beyond the credit this worker granted (credit \(credit), running \(running.count) of \(configuration.slots))"))
            return
        }
        guard !running.contains(where: { $0.leaseId == leaseId }) else {
            actions.append(.log("dropped ASSIGN \(name): lease already running"))
            return
        }
        credit -= 1
        if let problem = AssignmentCheck.problem(cellKey: cellKey, assignment: cell, engineVersion: configuration.engineVersion) {
            actions.append(.log("refused \(name): \(problem)"))
            send(.failed(leaseId: leaseId, cellKey: cellKey, attempt: attempt, error: problem), now, &actions)
            requestCredit(now, &actions)
            return
        }
        let lease = Duration.milliseconds(cell.leaseMilliseconds)
        running.append(RunningCell(leaseId: leaseId, cellKey: cellKey, attempt: attempt, coordinate: cell.cell,
                                   lease: lease, startedAt: now))
        actions.append(.log("starting \(name)"))
        actions.append(.startCell(leaseId: leaseId, cellKey: cellKey, attempt: attempt, cell: cell))
    }

    /// On any `ACK` the stored result for that key is discarded (§2.4 ACK, §5.4).
    private mutating func ack(cellKey: String, attempt: UInt32, status: CoordinatorMessage.AckStatus, detail: String,
                              _ actions: inout [Action]) {
        guard let index = outbox.firstIndex(where: { $0.delivery.cellKey == cellKey }) else {
            actions.append(.log("ACK \(status.rawValue) for \(cellKey.prefix(12)) attempt \(attempt): no stored result (already acknowledged)"))
            return
        }
        let cell = outbox[index].delivery.result.cell
        outbox.remove(at: index)
        switch status {
        case .accepted: actions.append(.log("\(cell) recorded"))
        case .duplicate: actions.append(.log("\(cell) was already recorded; compared and dropped\(detail.isEmpty ? "" : ": \(detail)")"))
        case .rejected: actions.append(.log("\(cell) rejected by the coordinator: \(detail)"))
        }
    }

    /// The session ends (§2.4 DISCONNECT, table of reasons).
    private mutating func disconnect(reason: String, detail: String, _ now: Duration, _ actions: inout [Action]) {
        let suffix = detail.isEmpty ? "" : ": \(detail)"
        switch reason {
        case "not-registered":
            // The coordinator does not know this connection (typically it restarted): register
            // again on the same socket, keeping running cells and stored results. Once per
            // reconnection (§3.5): every message queued before the coordinator knew this socket
            // gets its own not-registered, and the first one already made this worker send READY.
            guard connection != .awaitingWelcome else { return }
            actions.append(.log("coordinator does not know this connection; sending READY again"))
            connected(now, &actions)
        case "done", "drained":
            if !running.isEmpty { actions.append(.killCells) }
            exit(code: 0, message: reason == "done" ? "sweep done" : "coordinator drained\(suffix)", &actions)
        case "cancelled":
            if !running.isEmpty { actions.append(.killCells) }
            exit(code: 0, message: "sweep cancelled; abandoned \(running.count) running cell(s)", &actions)
        case "quarantined":
            if !running.isEmpty { actions.append(.killCells) }
            exit(code: 1, message: "quarantined by the coordinator after repeated failures\(suffix)", &actions)
        case "engine-mismatch":
            if !running.isEmpty { actions.append(.killCells) }
            let theirs = detail.isEmpty ? "" : ", which runs engine \(detail)"
            exit(code: 1, message: "engine version \(configuration.engineVersion) refused by the coordinator\(theirs)", &actions)
        default:
            if !running.isEmpty { actions.append(.killCells) }
            exit(code: 1, message: "coordinator disconnected this worker: \(reason)\(suffix)", &actions)
        }
    }
}
