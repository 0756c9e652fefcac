import CZeroMQ
import Foundation

/// Socket events of one socket, above all CURVE handshake failures, which never surface in send or
/// receive (docs/protocol.md §7.5): a worker with the wrong server key or a key not on the allow-list
/// otherwise just retries in silence.
///
/// `zmq_socket_monitor` publishes the events on an inproc endpoint; this class reads them through a
/// PAIR socket that the owner's loop polls (`socketToPoll`) and drains without blocking. Attach it
/// before `connect`/`bind`, or the first events are lost. Like `ZMQSocket`, use it on one thread.
///
/// **Drain it on every loop turn, or close it.** libzmq sends events with a blocking send from the
/// monitored socket's I/O thread: once `eventQueueLimit` events wait unread, that thread stalls, and
/// with it every handshake and message of the socket. For the same reason the monitor keeps the
/// monitored socket alive and stops monitoring before its own PAIR closes (an event sent to a PAIR
/// with no peer would block forever).
public final class SocketMonitor {
    /// One event as libzmq reported it.
    public struct Event: Sendable, Equatable {
        /// `ZMQ_EVENT_*`.
        public var event: Int32
        /// The event's value: the ZAP status code for `handshake-failed-auth`, the
        /// `ZMQ_PROTOCOL_ERROR_*` code for `handshake-failed-protocol`, an errno or a descriptor otherwise.
        public var value: Int32
        /// The endpoint the event concerns.
        public var endpoint: String
        /// A log-friendly name: `connected`, `handshake-failed-auth`, … (`event-0x…` if unknown).
        public var name: String

        public init(event: Int32, value: Int32, endpoint: String) {
            self.event = event
            self.value = value
            self.endpoint = endpoint
            self.name = Self.name(of: event)
        }

        /// Any of the three handshake-failure events.
        public var isHandshakeFailure: Bool {
            [ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL, ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL,
             ZMQ_EVENT_HANDSHAKE_FAILED_AUTH].contains(event)
        }

        static func name(of event: Int32) -> String {
            switch event {
            case ZMQ_EVENT_CONNECTED: "connected"
            case ZMQ_EVENT_CONNECT_DELAYED: "connect-delayed"
            case ZMQ_EVENT_CONNECT_RETRIED: "connect-retried"
            case ZMQ_EVENT_LISTENING: "listening"
            case ZMQ_EVENT_BIND_FAILED: "bind-failed"
            case ZMQ_EVENT_ACCEPTED: "accepted"
            case ZMQ_EVENT_ACCEPT_FAILED: "accept-failed"
            case ZMQ_EVENT_CLOSED: "closed"
            case ZMQ_EVENT_CLOSE_FAILED: "close-failed"
            case ZMQ_EVENT_DISCONNECTED: "disconnected"
            case ZMQ_EVENT_MONITOR_STOPPED: "monitor-stopped"
            case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL: "handshake-failed-no-detail"
            case ZMQ_EVENT_HANDSHAKE_SUCCEEDED: "handshake-succeeded"
            case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL: "handshake-failed-protocol"
            case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: "handshake-failed-auth"
            default: "event-0x" + String(event, radix: 16)
            }
        }
    }

    /// Events that may wait unread before libzmq's I/O thread blocks (see above): far more than a
    /// loop turn produces, even with a peer failing its handshake on every reconnect.
    public static let eventQueueLimit: Int32 = 10_000

    /// What the owner called this monitor, for its log lines (e.g. `coordinator`, `worker`).
    public let name: String
    private let pair: ZMQSocket
    /// Kept so that monitoring can be stopped before `pair` closes.
    private let monitored: ZMQSocket

    /// Starts monitoring every event of `socket`. Throws if the socket is closed.
    public init(context: ZMQContext, socket: ZMQSocket, name: String) throws {
        // Unique per monitor: two monitors on one endpoint name would fail to bind.
        let endpoint = "inproc://monitor-\(UUID().uuidString)"
        // The PAIR connects first (inproc allows connecting before the bind) so that libzmq's monitor
        // socket has its peer from its first event on; an event to a PAIR without one blocks.
        let pair = try ZMQSocket(context: context, kind: .pair)
        try pair.setOption(ZMQOption.receiveHighWaterMark, Self.eventQueueLimit)
        try pair.connect(endpoint)
        let operation = "zmq_socket_monitor(\(name), \(endpoint))"
        guard zmq_socket_monitor(try socket.openHandle(operation), endpoint, ZMQ_EVENT_ALL) == 0 else {
            throw ZMQError.last(operation)
        }
        self.pair = pair
        self.monitored = socket
        self.name = name
    }

    deinit { close() }

    /// The socket to include in the owner's `ZMQPoll`; readable when events are waiting.
    public var socketToPoll: ZMQSocket { pair }

    /// Every event waiting now, oldest first; never blocks. Malformed event messages are skipped.
    public func drain() -> [Event] {
        var events: [Event] = []
        while let message = try? pair.receive(dontWait: true, maxFrames: 4, maxTotalBytes: 4096) {
            // Frame 0: a 16-bit event number and a 32-bit value in native byte order; frame 1: the endpoint.
            guard message.frames.count >= 2, message.frames[0].count == 6 else { continue }
            let header = message.frames[0]
            let event = header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: UInt16.self) }
            let value = header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 2, as: UInt32.self) }
            events.append(Event(event: Int32(event), value: Int32(bitPattern: value),
                                endpoint: String(decoding: message.frames[1], as: UTF8.self)))
        }
        return events
    }

    /// Stops monitoring and closes the PAIR socket; idempotent, and `deinit` does it too.
    public func close() {
        guard pair.handle != nil else { return }
        // Make room for libzmq's final MONITOR_STOPPED event, which it sends blocking, then stop.
        _ = drain()
        if let handle = monitored.handle { _ = zmq_socket_monitor(handle, nil, 0) }
        pair.close()
    }
}
