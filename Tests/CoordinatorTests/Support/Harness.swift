@testable import Coordinator
import Shared

/// A dispatcher driven by hand: a clock that moves only when told, workers named by id, and a
/// record of every action, so a test reads like a dialog of docs/protocol.md §3.
///
/// Each event method returns that event's actions and appends them to `history`.
struct Harness {
    /// Short, distinct timers, so tests cross them with a few ticks. Liveness 5 × 1 s is the
    /// protocol's default; the lease is shortened from 120 s only to keep times readable.
    static let settings = DispatcherSettings(sweepName: "test", heartbeatInterval: .seconds(1), liveness: 5,
                                             leaseDuration: .seconds(30), maxAttempts: 3, quarantineAfter: 4)
    static let client: PeerID = Array("client".utf8)

    var dispatcher: Dispatcher
    let cells: [JournalCell]
    var now: Duration = .zero
    /// Every action returned so far, in order.
    private(set) var history: [DispatchAction] = []
    /// The connection each worker id last sent `READY` on.
    private(set) var peers: [String: PeerID] = [:]

    init(cells: [JournalCell] = CellFixtures.cells(4), settings: DispatcherSettings = Harness.settings,
         leaseSalt: UInt64 = 1) {
        self.cells = cells
        dispatcher = Dispatcher(settings: settings, cells: cells, leaseSalt: leaseSalt)
    }

    var settings: DispatcherSettings { dispatcher.settings }

    /// Connection `connection` of `worker`. Names sort like the worker ids, so when several
    /// workers have credit the dispatcher serves them in the order of their ids.
    static func peer(_ worker: String, connection: Int = 0) -> PeerID { Array("\(worker)#\(connection)".utf8) }

    func peer(of worker: String) -> PeerID { peers[worker] ?? Self.peer(worker) }

    func cell(_ index: Int) -> JournalCell { cells[index] }

    // MARK: Time

    mutating func advance(by duration: Duration) { now += duration }

    @discardableResult
    mutating func tick() -> [DispatchAction] { record(dispatcher.tick(now: now)) }

    /// Moves the clock to `time` and ticks there.
    @discardableResult
    mutating func tick(at time: Duration) -> [DispatchAction] {
        now = time
        return tick()
    }

    /// Ticks once per heartbeat interval up to `time`, each time after a `HEARTBEAT` from every
    /// worker in `alive` (the workers that stay in touch without renewing anything).
    @discardableResult
    mutating func run(until time: Duration, heartbeatsFrom alive: [String] = []) -> [DispatchAction] {
        var actions: [DispatchAction] = []
        while now + settings.heartbeatInterval <= time {
            now += settings.heartbeatInterval
            for worker in alive { actions += heartbeat(from: worker) }
            actions += tick()
        }
        if now < time {
            now = time
            for worker in alive { actions += heartbeat(from: worker) }
            actions += tick()
        }
        return actions
    }

    // MARK: Worker events

    @discardableResult
    mutating func ready(worker: String, slots: Int = 1, connection: Int = 0,
                        engineVersion: String = WidthsweepVersion.engine, userId: String? = nil) -> [DispatchAction] {
        let peer = Self.peer(worker, connection: connection)
        peers[worker] = peer
        let capabilities = WorkerCapabilities(slots: slots, threads: slots, host: "host-\(worker)", engineVersion: engineVersion)
        return record(dispatcher.receive(.worker(.ready(workerId: worker, capabilities: capabilities)),
                                         from: peer, userId: userId, now: now))
    }

    /// `message` from the connection `worker` last registered on.
    @discardableResult
    mutating func send(_ message: WorkerMessage, from worker: String, userId: String? = nil) -> [DispatchAction] {
        record(dispatcher.receive(.worker(message), from: peer(of: worker), userId: userId, now: now))
    }

    @discardableResult
    mutating func request(_ n: UInt32, from worker: String) -> [DispatchAction] {
        send(.request(n: n), from: worker)
    }

    @discardableResult
    mutating func heartbeat(from worker: String) -> [DispatchAction] { send(.heartbeat, from: worker) }

    /// A `PROGRESS` renewing what `assigned` leased, from the worker it went to (or `worker`).
    @discardableResult
    mutating func progress(_ assigned: Assigned, attempt: UInt32? = nil, leaseId: String? = nil,
                           from worker: String? = nil) -> [DispatchAction] {
        let message = WorkerMessage.progress(leaseId: leaseId ?? assigned.leaseId, cellKey: assigned.cellKey,
                                             attempt: attempt ?? assigned.attempt,
                                             report: ProgressReport(phase: .train, epoch: 1, line: "epoch 1"))
        return record(dispatcher.receive(.worker(message), from: worker.map(peer(of:)) ?? assigned.peer, userId: nil, now: now))
    }

    @discardableResult
    mutating func fail(_ assigned: Assigned, error: String = "nan loss", from worker: String? = nil) -> [DispatchAction] {
        let message = WorkerMessage.failed(leaseId: assigned.leaseId, cellKey: assigned.cellKey,
                                           attempt: assigned.attempt, error: error)
        return record(dispatcher.receive(.worker(message), from: worker.map(peer(of:)) ?? assigned.peer, userId: nil, now: now))
    }

    /// A valid `RESULT` for `assigned` (or `result` in its place), from the connection it was
    /// assigned to unless `worker` names another.
    @discardableResult
    mutating func deliver(_ assigned: Assigned, result: CellResult? = nil, from worker: String? = nil) throws -> [DispatchAction] {
        let delivery = try CellFixtures.delivery(for: assigned, result: result)
        return deliver(delivery, from: worker.map(peer(of:)) ?? assigned.peer)
    }

    @discardableResult
    mutating func deliver(_ delivery: ResultDelivery, from peer: PeerID) -> [DispatchAction] {
        record(dispatcher.receive(.worker(.result(delivery)), from: peer, userId: nil, now: now))
    }

    @discardableResult
    mutating func unreachable(_ worker: String) -> [DispatchAction] {
        record(dispatcher.peerUnreachable(peer(of: worker), now: now))
    }

    @discardableResult
    mutating func bounce(_ assigned: Assigned) -> [DispatchAction] {
        record(dispatcher.assignBounced(leaseId: assigned.leaseId, to: assigned.peer, now: now))
    }

    // MARK: Client events

    @discardableResult
    mutating func client(_ message: ClientMessage, userId: String? = nil) -> [DispatchAction] {
        record(dispatcher.receive(.client(message), from: Self.client, userId: userId, now: now))
    }

    @discardableResult
    mutating func cancel(_ mode: ClientMessage.CancelMode) -> [DispatchAction] {
        record(dispatcher.cancel(mode, now: now))
    }

    // MARK: Reading the state

    var status: StatusReport { dispatcher.status(now: now) }

    func worker(_ id: String) -> StatusReport.Worker? { status.workers.first { $0.id == id } }

    private mutating func record(_ actions: [DispatchAction]) -> [DispatchAction] {
        history += actions
        return actions
    }
}
