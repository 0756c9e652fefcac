import Shared

// docs/protocol.md §5.1 (leases), §5.2 (failed attempts), §5.3 (quarantine), §5.4 (exactly-once
// recording), §6.2 (the result object).
extension Dispatcher {
    mutating func handleProgress(leaseId: String, key: String, attempt: UInt32, report: ProgressReport,
                                 from peer: PeerID, now: Duration, into actions: inout [DispatchAction]) {
        guard let workerId = sessions[peer]?.workerId else { return }
        guard let lease = leases[leaseId], lease.workerId == workerId, lease.key == key, lease.attempt == attempt else {
            if !adopt(leaseId: leaseId, key: key, attempt: attempt, workerId: workerId, now: now, into: &actions) {
                actions.append(.dropped(from: peer, "PROGRESS \(leaseId) for \(Self.short(key)) attempt \(attempt): no such lease held by this worker (§6.1 step 8)"))
            }
            return
        }
        leases[leaseId]?.expires = now + settings.leaseDuration
        leases[leaseId]?.phase = report.phase.rawValue
        leases[leaseId]?.epoch = report.epoch
    }

    /// §3.5: a worker still computing a cell leased by a previous coordinator reports it after
    /// re-registering. If the cell is waiting in the queue, the attempt is its latest and was
    /// assigned by an earlier coordinator (a lease this one let expire stays expired), and
    /// the worker has a slot for it, the coordinator adopts the lease instead of computing the
    /// cell a second time elsewhere.
    private mutating func adopt(leaseId: String, key: String, attempt: UInt32, workerId: String, now: Duration,
                                into actions: inout [DispatchAction]) -> Bool {
        guard runState == .running || runState == .draining, leases[leaseId] == nil, var cell = cells[key],
              cell.state == .queued, attempt >= 1, Int(attempt) == cell.attemptsAssigned,
              cell.attemptsAssigned <= cell.attemptsBeforeThisRun,
              let record = workers[workerId], leaseCount(of: workerId) < record.slots else { return false }
        queue.remove(key)
        held.remove(key)
        cell.state = .leased
        cells[key] = cell
        addLease(Lease(id: leaseId, key: key, attempt: attempt, workerId: workerId, expires: now + settings.leaseDuration))
        actions.append(.journal(.adopted(key: key, attempt: attempt, leaseId: leaseId, worker: workerId)))
        actions.append(.log("adopted \(cell.coordinate) attempt \(attempt): \(workerId) was still computing it"))
        return true
    }

    mutating func handleFailed(leaseId: String, key: String, attempt: UInt32, error: String,
                               from peer: PeerID, now: Duration, into actions: inout [DispatchAction]) {
        guard let workerId = sessions[peer]?.workerId, let lease = leases[leaseId],
              lease.workerId == workerId, lease.key == key, lease.attempt == attempt else {
            actions.append(.dropped(from: peer, "FAILED \(leaseId) for \(Self.short(key)) attempt \(attempt): no such lease held by this worker (§6.1 step 8)"))
            return
        }
        failAttempt(leaseId, error: error, now: now, into: &actions)
        if inputErrors.note(error: error, worker: workerId), runState == .running {
            stopForInputErrors(now: now, into: &actions)
        }
    }

    /// §5.2: the same input error from two workers in a row means every cell would fail the same
    /// way. No more `ASSIGN`s (a drain: running cells finish and are recorded); the journal keeps
    /// every state, and `coordinator run` resumes once the spec or data is fixed.
    private mutating func stopForInputErrors(now: Duration, into actions: inout [DispatchAction]) {
        let who = inputErrors.workers.joined(separator: " and ")
        let reason = "the cells' inputs look unusable: \(who) failed in a row with \(Self.lastLine(inputErrors.lastError))"
        stopReason = reason
        actions.append(.log("stopping: \(reason); no more cells are leased (fix the spec or the data, then `coordinator run` resumes with every finished cell kept)"))
        actions.append(contentsOf: cancel(.drain, now: now))
    }

    /// A `RESULT` as the dispatcher judges it: its delivery, or why the decoder refused its
    /// result object (§6.2).
    enum ResultContent {
        case delivered(ResultDelivery)
        case rejected(String)
    }

    /// §5.4, in its order: a key outside the sweep is rejected; an attempt never assigned is
    /// dropped; a key that already has a result is a duplicate (compared when the result is
    /// readable); a result that fails §6.2 is rejected and its attempt, if this worker holds the
    /// lease, fails; otherwise it is recorded. The key, not the lease, decides.
    mutating func handleResult(key: String, attempt: UInt32, _ content: ResultContent, from peer: PeerID, now: Duration,
                               into actions: inout [DispatchAction]) {
        guard let workerId = sessions[peer]?.workerId, let host = workers[workerId]?.host else { return }
        let reply = { (status: CoordinatorMessage.AckStatus, detail: String) -> CoordinatorMessage in
            .ack(cellKey: key, attempt: attempt, status: status, detail: detail)
        }
        guard let cell = cells[key] else {
            actions.append(.log("rejected a result from \(workerId): \(Self.short(key)) is not a cell of this sweep"))
            send(reply(.rejected, "key not in this sweep"), to: peer, now: now, into: &actions)
            return
        }
        guard Int(attempt) <= cell.attemptsAssigned else {
            actions.append(.dropped(from: peer, "RESULT for \(cell.coordinate) attempt \(attempt) from \(workerId): highest attempt assigned is \(cell.attemptsAssigned) (§5.4)"))
            return
        }
        if cell.state == .finished {
            endLeases(of: key, held: workerId)
            if case .delivered(let delivery) = content {
                actions.append(.compareDuplicate(delivery, worker: workerId, host: host))
            }
            send(reply(.duplicate, ""), to: peer, now: now, into: &actions)
            return
        }
        let problem: String? = switch content {
        case .delivered(let delivered): self.problem(with: delivered, cell: cell)
        case .rejected(let reason): reason
        }
        guard problem == nil, case .delivered(let delivery) = content else {
            reject(key: key, attempt: attempt, problem: problem ?? "", cell: cell, worker: workerId, peer: peer, now: now, into: &actions)
            return
        }
        // A cell that had failed terminally can still be rescued by a late valid result.
        if cell.state == .failed { failedCount -= 1 } else { queue.remove(key); held.remove(key) }
        for lease in leases(of: key) { removeLease(lease.id) }
        cells[key]?.state = .finished
        finishedCount += 1
        finishedThisRun.append(now)
        workers[workerId]?.finished += 1
        workers[workerId]?.consecutiveFailures = 0
        inputErrors.reset()
        workers[workerId]?.streakCells = []
        actions.append(.recordResult(delivery, worker: workerId, host: host))
        send(reply(.accepted, ""), to: peer, now: now, into: &actions)
        finishIfComplete(now: now, into: &actions)
    }

    /// §5.4 step 2: `ACK rejected` with the problem; the attempt fails if this worker holds its lease.
    private mutating func reject(key: String, attempt: UInt32, problem: String, cell: Cell, worker workerId: String,
                                 peer: PeerID, now: Duration, into actions: inout [DispatchAction]) {
        actions.append(.log("rejected the result for \(cell.coordinate) from \(workerId): \(problem)"))
        if let lease = leases(of: key).first(where: { $0.workerId == workerId && $0.attempt == attempt }) {
            failAttempt(lease.id, error: "result rejected: \(problem)", now: now, into: &actions)
        }
        let detail = String(problem.utf8.prefix(WireConstants.maxDetailBytes)) ?? "invalid result"
        send(.ack(cellKey: key, attempt: attempt, status: .rejected, detail: detail), to: peer, now: now, into: &actions)
    }

    /// §6.2: what makes a well-formed `RESULT` unacceptable.
    private func problem(with delivery: ResultDelivery, cell: Cell) -> String? {
        let result = delivery.result
        if result.cellKey != delivery.cellKey { return "cellKey \(Self.short(result.cellKey)) differs from frame 3" }
        // The variant's name is not part of the key: a result leased before a single model value
        // became a list carries none, and its key is still the variant's (docs/spec.md §4).
        let claimed = result.cell, expected = cell.coordinate
        if (claimed.width, claimed.seed, claimed.task) != (expected.width, expected.seed, expected.task)
            || (!claimed.variant.isEmpty && claimed.variant != expected.variant) {
            return "cell \(claimed) but the key is \(expected)"
        }
        if result.engineVersion != settings.engineVersion {
            return "engine \(result.engineVersion), this sweep needs \(settings.engineVersion)"
        }
        do { try result.validate() } catch { return "\(error)" }
        return nil
    }

    /// Leases for a finished key still held by `workerId` end without consequence.
    private mutating func endLeases(of key: String, held workerId: String) {
        for lease in leases(of: key) where lease.workerId == workerId { removeLease(lease.id) }
    }

    /// §5.2: a failed attempt re-queues the cell or, at `maxAttempts`, fails it; §5.3: it also
    /// extends the worker's failure streak.
    mutating func failAttempt(_ leaseId: String, error: String, now: Duration, into actions: inout [DispatchAction]) {
        guard let lease = removeLease(leaseId), var cell = cells[lease.key] else { return }
        // The cell finished elsewhere meanwhile: this lease just ends.
        guard cell.state == .leased else { return }
        cell.failedAttempts += 1
        cell.lastError = error
        cell.failedOn.insert(lease.workerId)
        if cell.failedAttempts >= settings.maxAttempts {
            cell.state = .failed
            failedCount += 1
            actions.append(.journal(.cellFailed(key: lease.key, attempt: lease.attempt, worker: lease.workerId, error: error)))
            actions.append(.log("cell \(cell.coordinate) failed after \(cell.failedAttempts) attempts: \(Self.lastLine(error))"))
        } else if stillLeasedElsewhere(lease.key) {
            actions.append(.journal(.attemptFailed(key: lease.key, attempt: lease.attempt, worker: lease.workerId, error: error)))
        } else {
            cell.state = .queued
            queue.push(lease.key, ordinal: cell.ordinal)
            actions.append(.journal(.attemptFailed(key: lease.key, attempt: lease.attempt, worker: lease.workerId, error: error)))
            actions.append(.log("cell \(cell.coordinate) attempt \(lease.attempt) failed on \(lease.workerId): \(Self.lastLine(error)); re-queued"))
        }
        cells[lease.key] = cell
        noteFailure(of: lease.workerId, cell: lease.key, now: now, into: &actions)
        finishIfComplete(now: now, into: &actions)
    }

    /// A lease that ends without failing (worker shutdown, cancel, bounced ASSIGN): back to the queue.
    mutating func releaseLease(_ leaseId: String, reason: String, into actions: inout [DispatchAction]) {
        guard let lease = removeLease(leaseId), var cell = cells[lease.key], cell.state == .leased else { return }
        actions.append(.journal(.released(key: lease.key, attempt: lease.attempt, reason: reason)))
        guard !stillLeasedElsewhere(lease.key) else { return }
        cell.state = .queued
        cells[lease.key] = cell
        queue.push(lease.key, ordinal: cell.ordinal)
    }

    private func stillLeasedElsewhere(_ key: String) -> Bool {
        leaseIdsByKey[key] != nil
    }

    private mutating func noteFailure(of workerId: String, cell key: String, now: Duration, into actions: inout [DispatchAction]) {
        guard var record = workers[workerId], record.state != .quarantined else { return }
        if record.streakCells.insert(key).inserted { record.consecutiveFailures += 1 }
        workers[workerId] = record
        guard record.consecutiveFailures >= settings.quarantineAfter else { return }
        quarantine(workerId, now: now, into: &actions)
    }

    private mutating func quarantine(_ workerId: String, now: Duration, into actions: inout [DispatchAction]) {
        let detail = "\(settings.quarantineAfter) consecutive failed cells"
        workers[workerId]?.state = .quarantined
        let keyName = workers[workerId]?.keyName
        if let keyName { quarantinedKeyNames.insert(keyName) }
        actions.append(.journal(.workerQuarantined(worker: workerId, keyName: keyName, detail: detail)))
        actions.append(.log("worker \(workerId) quarantined: \(detail); it gets no more work this run"))
        for lease in leases.values where lease.workerId == workerId {
            failAttempt(lease.id, error: "worker \(workerId) quarantined", now: now, into: &actions)
        }
        if let peer = peerOfWorker[workerId], sessions[peer] != nil {
            send(.disconnect(reason: "quarantined", detail: detail), to: peer, now: now, into: &actions)
            sessions[peer] = nil
            peerOfWorker[workerId] = nil
        }
    }

    static func short(_ key: String) -> String { String(key.prefix(12)) }

    /// The last non-empty line of an error text: a child's stderr tail ends with its error.
    static func lastLine(_ text: String) -> String {
        String(text.split(separator: "\n", omittingEmptySubsequences: true).last ?? "")
    }
}
