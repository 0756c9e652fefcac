import Shared

/// The coordinator's protocol logic as a pure state machine (docs/protocol.md §3–§5).
///
/// Events go in (a validated message from a peer, a clock tick, a send that bounced) and
/// actions come out (send, assign, journal, record a result, log). It performs no I/O and reads
/// no clock: `now` is the time since the coordinator started, on its monotonic clock. The socket
/// loop (`CoordinatorServer`) executes the actions: journal entries of a batch are committed
/// before any of the batch's messages are sent.
struct Dispatcher: Sendable {
    enum RunState: String, Sendable { case running, draining, drained, cancelled, done }

    struct Cell: Sendable {
        let key: String
        let coordinate: CellCoordinate
        let ordinal: Int
        var state: CellState
        var attemptsAssigned: Int
        /// Attempts assigned by earlier coordinators of this sweep: only those can be adopted (§3.5).
        var attemptsBeforeThisRun: Int
        var failedAttempts: Int
        var lastError: String?
        /// Workers on which an attempt of this cell failed: it goes elsewhere first (§3.2).
        var failedOn: Set<String> = []
    }

    struct Lease: Sendable {
        let id: String
        let key: String
        let attempt: UInt32
        let workerId: String
        var expires: Duration
        var phase = "load"
        var epoch = 0
    }

    /// One registered connection of a worker (§4.1).
    struct Session: Sendable {
        var peer: PeerID
        let workerId: String
        var credit: Int
        var lastHeard: Duration
        var lastSent: Duration
    }

    /// What the coordinator remembers of a worker id for this run (status, quarantine).
    struct WorkerRecord: Sendable {
        var host: String
        var slots: Int
        var state: StatusReport.Worker.State
        var finished = 0
        var consecutiveFailures = 0
        /// The distinct cells of the current failure streak (§5.3 counts distinct cells).
        var streakCells: Set<String> = []
        var keyName: String?
        var lastSeen: Duration
    }

    let settings: DispatcherSettings
    var runState: RunState = .running
    var cells: [String: Cell] = [:]
    var queue = CellQueue()
    var leases: [String: Lease] = [:]
    /// Leases in force per worker id, kept with `leases` by `addLease` and `removeLease`.
    var leaseCountByWorker: [String: Int] = [:]
    /// Lease ids per cell key (usually one; more after a false death verdict or a restart).
    var leaseIdsByKey: [String: Set<String>] = [:]
    var sessions: [PeerID: Session] = [:]
    var peerOfWorker: [String: PeerID] = [:]
    /// Peers that may have credit: a superset, pruned by `dispatch`, so dispatching does not
    /// scan every session on every message (1,000 idle workers heartbeat 1,000 times a second).
    var creditPeers: Set<PeerID> = []
    var workers: [String: WorkerRecord] = [:]
    /// Key names (CURVE user ids) quarantined this run, so a new worker id on the same key is refused.
    var quarantinedKeyNames: Set<String> = []
    /// Failed attempts in a row that blame the cells' inputs; two workers agreeing stops the sweep.
    var inputErrors = InputErrorStreak()
    /// Why leasing stopped before the sweep was complete, when the coordinator stopped it itself.
    var stopReason: String?
    /// Cells a previous coordinator left in flight, kept out of the queue for `adoptionWindow`
    /// so the workers still computing them can report back (§3.5) — unless nothing else is
    /// left to hand out, because an idle worker is worse than a duplicate computation.
    var held: Set<String> = []
    var leaseIds: LeaseIdGenerator
    var finishedCount = 0
    var failedCount = 0
    var determinismWarnings = 0
    /// Cells finished in this run, with the time: throughput and ETA for the progress line.
    var finishedThisRun: [Duration] = []

    /// Builds the dispatcher from the journal's cells. Cells the journal shows as leased (a
    /// previous coordinator's leases) are queued: the journal re-queues them on open, and a
    /// lease never survives its coordinator (§3.5).
    init(settings: DispatcherSettings, cells journalCells: [JournalCell], leaseSalt: UInt64) {
        self.settings = settings
        self.leaseIds = LeaseIdGenerator(salt: leaseSalt)
        for entry in journalCells {
            var cell = Cell(key: entry.key, coordinate: entry.cell, ordinal: entry.ordinal, state: entry.state,
                            attemptsAssigned: entry.attemptsAssigned, attemptsBeforeThisRun: entry.attemptsAssigned,
                            failedAttempts: entry.failedAttempts,
                            lastError: entry.lastError)
            switch entry.state {
            case .finished: finishedCount += 1
            case .failed: failedCount += 1
            case .queued, .leased:
                cell.state = .queued
                // Assigned but neither failed nor finished: it was in flight when the last
                // coordinator stopped (or was released by a cancel).
                if entry.attemptsAssigned > entry.failedAttempts {
                    held.insert(entry.key)
                } else {
                    queue.push(entry.key, ordinal: entry.ordinal)
                }
            }
            cells[entry.key] = cell
        }
        if queue.isEmpty && held.isEmpty { runState = .done }
    }

    /// True once the coordinator has nothing left to do: every cell is finished or failed, a
    /// drain has no lease left, or the sweep was cancelled.
    var isStopped: Bool { runState == .done || runState == .drained || runState == .cancelled }

    // MARK: Events

    /// A validated message from `peer`; `userId` is the ZAP user id (`worker:NAME`, `client:NAME`)
    /// under CURVE, nil without keys (§7.3, §7.4).
    mutating func receive(_ message: PeerMessage, from peer: PeerID, userId: String?, now: Duration) -> [DispatchAction] {
        var actions: [DispatchAction] = []
        switch message {
        case .client(let command):
            guard sessions[peer] == nil else {
                return [.dropped(from: peer, "\(command.command) on a worker connection: the first command fixed its role (§1.3)")]
            }
            guard userId.map({ $0.hasPrefix("client:") }) ?? true else {
                return [.dropped(from: peer, "\(command.command): key \(userId ?? "") is not a client key (§7.3)")]
            }
            handleClient(command, from: peer, now: now, into: &actions)
        case .worker(let command):
            if let refusal = refusal(of: command.command, from: peer, userId: userId, now: now) { return refusal }
            if case .ready(let workerId, let capabilities) = command {
                handleReady(workerId: workerId, capabilities: capabilities, peer: peer, userId: userId, now: now, into: &actions)
            } else {
                handleRegistered(command, from: peer, now: now, into: &actions)
            }
        }
        drainIfIdle(now: now, into: &actions)
        dispatch(now: now, into: &actions)
        return actions
    }

    /// §6.2: a well-formed `RESULT` whose result object the decoder refused (not a `CellResult`,
    /// another key than frame 3, `validate()`). It is admitted and judged like any `RESULT`
    /// (§5.4), with `reason` as its problem, so the worker is answered.
    mutating func receiveRejectedResult(cellKey key: String, attempt: UInt32, reason: String, from peer: PeerID,
                                        userId: String?, now: Duration) -> [DispatchAction] {
        if let refusal = refusal(of: .result, from: peer, userId: userId, now: now) { return refusal }
        var actions: [DispatchAction] = []
        handleResult(key: key, attempt: attempt, .rejected(reason), from: peer, now: now, into: &actions)
        drainIfIdle(now: now, into: &actions)
        dispatch(now: now, into: &actions)
        return actions
    }

    /// §7.3 and §6.1 step 8 for a worker command: the actions that answer it when `peer` may not
    /// send it (a key of the client role, a connection that never sent `READY`), or nil — and then
    /// a registered peer's liveness is renewed.
    private mutating func refusal(of command: WireConstants.Command, from peer: PeerID, userId: String?,
                                  now: Duration) -> [DispatchAction]? {
        guard userId.map({ $0.hasPrefix("worker:") }) ?? true else {
            // A READY on a client key is answered, or the program holding it would wait for a
            // WELCOME that never comes; anything else from it is dropped.
            guard command == .ready else {
                return [.dropped(from: peer, "\(command): key \(userId ?? "") is not a worker key (§7.3)")]
            }
            var actions: [DispatchAction] = []
            send(.disconnect(reason: "wrong-role", detail: "this key is not a worker key"), to: peer, now: now, into: &actions)
            actions.append(.log("refused READY from \(Self.describe(peer)): key \(userId ?? "") is not a worker key (§7.3)"))
            return actions
        }
        guard command != .ready else { return nil }
        guard let id = sessions[peer]?.workerId else {
            // The only answer an unregistered connection ever gets.
            guard command != .disconnect else { return [] }
            var actions: [DispatchAction] = []
            send(.disconnect(reason: "not-registered", detail: ""), to: peer, now: now, into: &actions)
            return actions
        }
        sessions[peer]?.lastHeard = now
        workers[id]?.lastSeen = now
        return nil
    }

    private mutating func handleRegistered(_ command: WorkerMessage, from peer: PeerID, now: Duration,
                                           into actions: inout [DispatchAction]) {
        switch command {
        case .ready: break
        case .heartbeat: break
        case .request(let n): handleRequest(n, from: peer, into: &actions)
        case .progress(let leaseId, let key, let attempt, let report):
            handleProgress(leaseId: leaseId, key: key, attempt: attempt, report: report, from: peer, now: now, into: &actions)
        case .result(let delivery):
            handleResult(key: delivery.cellKey, attempt: delivery.attempt, .delivered(delivery), from: peer, now: now, into: &actions)
        case .failed(let leaseId, let key, let attempt, let error):
            handleFailed(leaseId: leaseId, key: key, attempt: attempt, error: error, from: peer, now: now, into: &actions)
        case .disconnect(let reason, let detail):
            guard let session = sessions[peer] else { return }
            actions.append(.log("worker \(session.workerId) disconnected: \(reason)\(detail.isEmpty ? "" : " (\(detail))")"))
            endSession(peer, releasing: "worker \(reason)", now: now, into: &actions)
            workers[session.workerId]?.state = .dead
        }
    }

    // MARK: Registration (§2.4 READY, §4.1)

    private mutating func handleReady(workerId: String, capabilities: WorkerCapabilities, peer: PeerID, userId: String?,
                                      now: Duration, into actions: inout [DispatchAction]) {
        let keyName = userId.map { String($0.dropFirst("worker:".count)) }
        if workers[workerId]?.state == .quarantined || keyName.map(quarantinedKeyNames.contains) == true {
            send(.disconnect(reason: "quarantined", detail: "quarantined after \(settings.quarantineAfter) consecutive failed cells"),
                 to: peer, now: now, into: &actions)
            return
        }
        guard capabilities.engineVersion == settings.engineVersion else {
            actions.append(.log("refused worker \(workerId): engine \(capabilities.engineVersion), this sweep needs \(settings.engineVersion)"))
            // §2.4 DISCONNECT: the detail is the coordinator's engine version alone, for a program to read.
            send(.disconnect(reason: "engine-mismatch", detail: settings.engineVersion), to: peer, now: now, into: &actions)
            return
        }
        if let oldPeer = peerOfWorker[workerId], oldPeer != peer {
            // A reconnect the coordinator had not noticed: the new connection takes over the
            // session and its leases (§4.1); the stale connection is forgotten.
            sessions[oldPeer] = nil
        }
        if let other = sessions[peer], other.workerId != workerId {
            endSession(peer, releasing: "connection re-registered as \(workerId)", now: now, into: &actions)
        }
        let isNew = workers[workerId] == nil
        let wasDead = workers[workerId]?.state == .dead
        sessions[peer] = Session(peer: peer, workerId: workerId, credit: 0, lastHeard: now, lastSent: now)
        peerOfWorker[workerId] = peer
        var record = workers[workerId] ?? WorkerRecord(host: capabilities.host, slots: capabilities.slots, state: .alive, lastSeen: now)
        record.host = capabilities.host
        record.slots = capabilities.slots
        record.state = .alive
        record.keyName = keyName
        record.lastSeen = now
        workers[workerId] = record
        if isNew {
            actions.append(.journal(.workerRegistered(worker: workerId, host: capabilities.host, slots: capabilities.slots, keyName: keyName)))
            actions.append(.log("worker \(workerId) joined (\(capabilities.slots) slot\(capabilities.slots == 1 ? "" : "s"), host \(capabilities.host)\(keyName.map { ", key \($0)" } ?? ""))"))
        } else if wasDead {
            // A worker declared dead (a cut link, a long pause) that comes back is worth a line:
            // its cells went elsewhere, and it takes new ones from now on.
            actions.append(.log("worker \(workerId) rejoined after being declared dead (host \(capabilities.host))"))
        }
        send(.welcome(settings.sessionParameters), to: peer, now: now, into: &actions)
        // A worker that arrives after the end learns it at once (§2.4 DISCONNECT reasons).
        let ending: String? = switch runState {
        case .done: "done"
        case .drained: "drained"
        case .cancelled: "cancelled"
        case .running, .draining: nil
        }
        if let ending {
            send(.disconnect(reason: ending, detail: ""), to: peer, now: now, into: &actions)
            sessions[peer] = nil
            peerOfWorker[workerId] = nil
        }
    }

    private mutating func handleRequest(_ n: UInt32, from peer: PeerID, into actions: inout [DispatchAction]) {
        guard let session = sessions[peer], let record = workers[session.workerId] else { return }
        let held = leaseCount(of: session.workerId)
        let cap = max(0, record.slots - held)
        let wanted = session.credit + Int(n)
        if wanted > cap {
            actions.append(.log("worker \(session.workerId) asked for \(wanted) cells with \(held) of \(record.slots) slots busy; credit capped at \(cap) (§2.4 REQUEST)"))
        }
        sessions[peer]?.credit = min(wanted, cap)
        if min(wanted, cap) > 0 { creditPeers.insert(peer) }
    }

    // MARK: Assignment (§3.2)

    /// Leases queued cells in dispatch order to workers with credit (§3.2). Each cell goes to
    /// the next worker in turn that has credit and on which it has not failed before. When it
    /// has failed on every worker with credit, that worker gets the first queued cell it has not
    /// failed instead, and only if there is none the cell itself: a preference, never a stall.
    mutating func dispatch(now: Duration, into actions: inout [DispatchAction]) {
        guard runState == .running else { return }
        guard !queue.isEmpty || !held.isEmpty, !creditPeers.isEmpty else { return }
        creditPeers = creditPeers.filter { (sessions[$0]?.credit ?? 0) > 0 }
        var ready = creditPeers.sorted { $0.lexicographicallyPrecedes($1) }
        if queue.isEmpty && !ready.isEmpty { releaseHeld() }
        var turn = 0
        while !ready.isEmpty, let first = queue.popFirst() {
            let order = (0..<ready.count).map { (turn + $0) % ready.count }
            let failedOn = cells[first]?.failedOn ?? []
            var key = first
            var choice = order[0]
            if let preferred = order.first(where: { sessions[ready[$0]].map { !failedOn.contains($0.workerId) } ?? false }) {
                choice = preferred
            } else if let worker = sessions[ready[choice]]?.workerId, let ordinal = cells[first]?.ordinal {
                queue.push(first, ordinal: ordinal)
                key = queue.pop(preferring: { self.cells[$0]?.failedOn.contains(worker) != true }) ?? first
            }
            let peer = ready[choice]
            assign(key, to: peer, now: now, into: &actions)
            if (sessions[peer]?.credit ?? 0) <= 0 {
                ready.remove(at: choice)
                turn = ready.isEmpty ? 0 : choice % ready.count
            } else {
                turn = (choice + 1) % ready.count
            }
        }
    }

    private mutating func assign(_ key: String, to peer: PeerID, now: Duration, into actions: inout [DispatchAction]) {
        guard var cell = cells[key], let session = sessions[peer] else { return }
        cell.attemptsAssigned += 1
        cell.state = .leased
        cells[key] = cell
        let attempt = UInt32(cell.attemptsAssigned)
        let leaseId = leaseIds.next()
        addLease(Lease(id: leaseId, key: key, attempt: attempt, workerId: session.workerId,
                       expires: now + settings.leaseDuration))
        sessions[peer]?.credit -= 1
        sessions[peer]?.lastSent = now
        actions.append(.journal(.leased(key: key, attempt: attempt, leaseId: leaseId, worker: session.workerId)))
        actions.append(.assign(to: peer, leaseId: leaseId, cellKey: key, attempt: attempt, cell: cell.coordinate))
    }

    /// Ends the adoption window: held cells join the queue in their dispatch order.
    mutating func releaseHeld() {
        for key in held { if let cell = cells[key] { queue.push(key, ordinal: cell.ordinal) } }
        held.removeAll()
    }

    // MARK: Helpers

    mutating func send(_ message: CoordinatorMessage, to peer: PeerID, now: Duration, into actions: inout [DispatchAction]) {
        sessions[peer]?.lastSent = now
        actions.append(.send(to: peer, message))
    }

    func leaseCount(of workerId: String) -> Int { leaseCountByWorker[workerId] ?? 0 }

    func leases(of key: String) -> [Lease] { (leaseIdsByKey[key] ?? []).compactMap { leases[$0] } }

    mutating func addLease(_ lease: Lease) {
        leases[lease.id] = lease
        leaseCountByWorker[lease.workerId, default: 0] += 1
        leaseIdsByKey[lease.key, default: []].insert(lease.id)
    }

    @discardableResult
    mutating func removeLease(_ id: String) -> Lease? {
        guard let lease = leases.removeValue(forKey: id) else { return nil }
        leaseCountByWorker[lease.workerId, default: 1] -= 1
        leaseIdsByKey[lease.key]?.remove(id)
        if leaseIdsByKey[lease.key]?.isEmpty == true { leaseIdsByKey[lease.key] = nil }
        return lease
    }

    /// A routing id as hex, for log lines (§6.1: peers are named by routing id when unknown).
    static func describe(_ peer: PeerID) -> String {
        "peer " + peer.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
