import Shared

/// One fake worker: a CURVE DEALER connected to the coordinator and the little state WSP/1 asks
/// a worker to keep (docs/protocol.md §2.4, §3.2, §4.1). It never trains anything.
final class FakeWorker {
    let id: String
    let socket: ZMQSocket
    let slots: Int
    /// Set by `WELCOME` (§2.4): only then may the worker `REQUEST` or send results.
    var registered = false
    /// Cells asked for and not yet assigned (§3.2).
    var credit = 0
    /// Heartbeat interval from `WELCOME`, seconds (default 1 s before one arrives, §4.1).
    var heartbeatSeconds = 1.0
    /// Monotonic time of the last message sent: a heartbeat is due one interval after it.
    var lastSent: Double
    /// Set once the coordinator sent `DISCONNECT`; its reason.
    var disconnectReason: String?
    /// Messages the socket refused (send high-water mark reached), sent before anything new.
    private var backlog: [[[UInt8]]] = []

    init(context: ZMQContext, id: String, slots: Int, endpoint: String, credentials: CurveCredentials, now: Double) throws {
        self.id = id
        self.slots = slots
        self.lastSent = now
        socket = try ZMQSocket(context: context, kind: .dealer)
        // §4.2: linger 0 so closing never waits for a coordinator that has gone; no routing id.
        try socket.setOption(ZMQOption.linger, 0)
        try socket.setOption(ZMQOption.sendHighWaterMark, 1000)
        try socket.setOption(ZMQOption.receiveHighWaterMark, 1000)
        try socket.makeCurveClient(serverPublicKey: credentials.serverKey, keyPair: credentials.keyPair)
        try socket.connect(endpoint)
    }

    /// `READY` with this worker's slots (§2.4); sent after connecting and after `not-registered`.
    func sendReady(host: String, now: Double) throws {
        let capabilities = WorkerCapabilities(slots: slots, threads: slots, host: host, engineVersion: WidthsweepVersion.engine,
                                              implementation: "coordinator-benchmark")
        try send(WireCodec.encode(.ready(workerId: id, capabilities: capabilities)), now: now)
    }

    /// Tops the credit up to `slots` with one `REQUEST` (§2.4: ask for slots − running − credit;
    /// a fake worker's cells finish the moment they arrive, so nothing is ever running).
    func requestUpToSlots(now: Double) throws {
        let wanted = slots - credit
        guard registered, wanted > 0 else { return }
        try send(WireCodec.encode(.request(n: UInt32(wanted))), now: now)
        credit += wanted
    }

    /// `HEARTBEAT` if nothing was sent for one interval (§4.1).
    func heartbeatIfDue(now: Double) throws {
        guard registered, now - lastSent >= heartbeatSeconds else { return }
        try send(WireCodec.encode(WorkerMessage.heartbeat), now: now)
    }

    /// Sends without blocking; a message the high-water mark refuses waits in the backlog.
    func send(_ frames: [[UInt8]], now: Double) throws {
        lastSent = now
        if backlog.isEmpty, try socket.send(frames, dontWait: true) { return }
        backlog.append(frames)
        try flush()
    }

    /// Retries the backlog in order; stops at the first message still refused.
    func flush() throws {
        while let first = backlog.first {
            guard try socket.send(first, dontWait: true) else { return }
            backlog.removeFirst()
        }
    }

    func close() { socket.close() }
}
