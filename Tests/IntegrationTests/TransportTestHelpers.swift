import Shared

/// Bounded waits for the transport tests: every wait is a poll with a timeout, so a broken transport
/// fails a test instead of hanging it.
enum TransportTestHelpers {
    /// The longest a single poll in these tests waits; handshakes on loopback take milliseconds.
    static let pollMilliseconds = 2000

    /// The next message on `socket`, or nil if none arrived within one poll.
    static func receive(_ socket: ZMQSocket, maxFrames: Int = 64, maxTotalBytes: Int = 80 << 20,
                        timeoutMilliseconds: Int = pollMilliseconds) throws -> ReceivedMessage? {
        let ready = try ZMQPoll.waitReadable(sockets: [socket], fileDescriptors: [],
                                             timeoutMilliseconds: timeoutMilliseconds)
        guard ready.sockets[0] else { return nil }
        return try socket.receive(maxFrames: maxFrames, maxTotalBytes: maxTotalBytes)
    }

    /// A bound ROUTER on an ephemeral loopback port and its actual endpoint.
    static func boundRouter(_ context: ZMQContext, configure: (ZMQSocket) throws -> Void = { _ in })
        throws -> (socket: ZMQSocket, endpoint: String)
    {
        let router = try ZMQSocket(context: context, kind: .router)
        try configure(router)
        try router.bind("tcp://127.0.0.1:*")
        guard let endpoint = router.lastEndpoint else {
            throw ZMQError(errno: 0, operation: "ZMQ_LAST_ENDPOINT after bind")
        }
        return (router, endpoint)
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// The first event `monitor` reports that satisfies `predicate`; nil once a whole poll passes
    /// without any event, or after `maxEvents` batches of others (a reconnecting peer never goes quiet).
    static func waitForEvent(_ monitor: SocketMonitor, maxEvents: Int = 100,
                             where predicate: (SocketMonitor.Event) -> Bool) throws -> SocketMonitor.Event? {
        for _ in 0..<maxEvents {
            let ready = try ZMQPoll.waitReadable(sockets: [monitor.socketToPoll], fileDescriptors: [],
                                                 timeoutMilliseconds: pollMilliseconds)
            guard ready.sockets[0] else { return nil }
            if let event = monitor.drain().first(where: predicate) { return event }
        }
        return nil
    }

    /// Whether a message is waiting on `socket` right now (no waiting).
    static func hasMessage(_ socket: ZMQSocket) throws -> Bool {
        try ZMQPoll.waitReadable(sockets: [socket], fileDescriptors: [], timeoutMilliseconds: 0).sockets[0]
    }
}
