import Shared

// docs/protocol.md §3.6 (drain and cancel), §3.7 (status), §3.8 (sweep done).
extension Dispatcher {
    mutating func handleClient(_ command: ClientMessage, from peer: PeerID, now: Duration, into actions: inout [DispatchAction]) {
        switch command {
        case .status(let requestId):
            actions.append(.send(to: peer, .statusReply(requestId: requestId, status: status(now: now))))
        case .cancel(let requestId, let mode):
            actions.append(.log("cancel (\(mode.rawValue)) requested by a client"))
            actions.append(contentsOf: cancel(mode, now: now))
            actions.append(.send(to: peer, .statusReply(requestId: requestId, status: status(now: now))))
        }
    }

    /// Drain: no more `ASSIGN`s, running cells finish, then every worker gets `DISCONNECT drained`.
    /// Now: every lease is released (not failed) and every worker gets `DISCONNECT cancelled`.
    /// Queued and released cells stay in the journal for the next `coordinator run`.
    mutating func cancel(_ mode: ClientMessage.CancelMode, now: Duration) -> [DispatchAction] {
        var actions: [DispatchAction] = []
        guard !isStopped else { return actions }
        switch mode {
        case .drain:
            if runState == .running { runState = .draining }
            drainIfIdle(now: now, into: &actions)
        case .now:
            for lease in leases.values { releaseLease(lease.id, reason: "sweep cancelled", into: &actions) }
            runState = .cancelled
            disconnectAll(reason: "cancelled", now: now, into: &actions)
        }
        return actions
    }

    mutating func drainIfIdle(now: Duration, into actions: inout [DispatchAction]) {
        guard runState == .draining, leases.isEmpty else { return }
        runState = .drained
        actions.append(.log("drained: no cell in flight"))
        disconnectAll(reason: "drained", now: now, into: &actions)
    }

    /// §3.8: once every cell is finished or failed, every worker is told `done`.
    mutating func finishIfComplete(now: Duration, into actions: inout [DispatchAction]) {
        guard finishedCount + failedCount == cells.count, runState == .running || runState == .draining else { return }
        runState = .done
        disconnectAll(reason: "done", now: now, into: &actions)
    }

    private mutating func disconnectAll(reason: String, now: Duration, into actions: inout [DispatchAction]) {
        for peer in sessions.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            send(.disconnect(reason: reason, detail: ""), to: peer, now: now, into: &actions)
        }
    }

    struct Counts: Sendable, Equatable {
        var total, finished, failed, running, queued: Int
    }

    var counts: Counts {
        Counts(total: cells.count, finished: finishedCount, failed: failedCount,
               running: cells.count - finishedCount - failedCount - queue.count - held.count,
               queued: queue.count + held.count)
    }

    var aliveWorkers: Int { sessions.count }

    /// Cells finished in this run during the last `window` before `now`, per second.
    func throughput(now: Duration, window: Duration = .seconds(60)) -> Double {
        guard let first = finishedThisRun.first else { return 0 }
        let since = max(first, now - window)
        let recent = finishedThisRun.reversed().prefix { $0 >= since }.count
        let span = Double((now - since).milliseconds) / 1000
        return span > 0 ? Double(recent) / span : 0
    }

    func status(now: Duration) -> StatusReport {
        let c = counts
        let state: StatusReport.State = switch runState {
        case .running: .running
        case .draining: .draining
        case .drained: .drained
        case .cancelled: .cancelled
        case .done: .done
        }
        let workerList = workers.keys.sorted().compactMap { id -> StatusReport.Worker? in
            guard let record = workers[id] else { return nil }
            let credit = peerOfWorker[id].flatMap { sessions[$0]?.credit } ?? 0
            return StatusReport.Worker(
                id: id, host: record.host, slots: record.slots, running: leaseCount(of: id), credit: credit,
                state: record.state, finished: record.finished, consecutiveFailures: record.consecutiveFailures,
                lastSeenMilliseconds: Int((now - record.lastSeen).milliseconds))
        }
        let running = leases.values.sorted { ($0.key, $0.attempt) < ($1.key, $1.attempt) }.map { lease in
            StatusReport.Lease(cell: cells[lease.key].map { "\($0.coordinate)" } ?? "", key: lease.key,
                               attempt: Int(lease.attempt), worker: lease.workerId, phase: lease.phase,
                               epoch: lease.epoch, leaseRemainingMilliseconds: Int(max(.zero, lease.expires - now).milliseconds))
        }
        let failed = cells.values.filter { $0.state == .failed }.sorted { $0.ordinal < $1.ordinal }.map {
            StatusReport.FailedCell(cell: "\($0.coordinate)", key: $0.key, attempts: $0.failedAttempts,
                                    error: String($0.lastError?.suffix(2000) ?? ""))
        }
        return StatusReport(sweep: settings.sweepName, state: state, engineVersion: settings.engineVersion,
                            cells: .init(total: c.total, finished: c.finished, failed: c.failed, running: c.running, queued: c.queued),
                            determinismWarnings: determinismWarnings, workers: workerList, running: running, failed: failed,
                            variants: variantCounts)
    }

    /// Cell counts per model variant in dispatch order of first appearance; nil when every cell
    /// has the empty variant (the spec lists no model axis).
    var variantCounts: [StatusReport.VariantCells]? {
        var names: [String] = []
        var counts: [String: StatusReport.Cells] = [:]
        for cell in cells.values.sorted(by: { $0.ordinal < $1.ordinal }) {
            let variant = cell.coordinate.variant
            if counts[variant] == nil {
                names.append(variant)
                counts[variant] = .init(total: 0, finished: 0, failed: 0, running: 0, queued: 0)
            }
            counts[variant]?.total += 1
            switch cell.state {
            case .finished: counts[variant]?.finished += 1
            case .failed: counts[variant]?.failed += 1
            case .leased: counts[variant]?.running += 1
            case .queued: counts[variant]?.queued += 1
            }
        }
        guard names.contains(where: { !$0.isEmpty }) else { return nil }
        return names.compactMap { name in counts[name].map { StatusReport.VariantCells(variant: name, cells: $0) } }
    }
}
