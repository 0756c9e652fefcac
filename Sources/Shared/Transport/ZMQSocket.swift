import CZeroMQ

/// One libzmq socket.
///
/// Not thread-safe, as libzmq sockets are not: create it and use it on one thread (or hand it over
/// exactly once). It is deliberately not `Sendable`. It keeps its context alive until it is closed.
/// After `close()` every operation throws `ENOTSOCK` instead of touching freed memory.
public final class ZMQSocket {
    /// The socket types WSP/1 and its tests use (docs/protocol.md §1.3).
    public enum Kind: Sendable {
        case router, dealer, rep, req, pair

        var zmqType: Int32 {
            switch self {
            case .router: ZMQ_ROUTER
            case .dealer: ZMQ_DEALER
            case .rep: ZMQ_REP
            case .req: ZMQ_REQ
            case .pair: ZMQ_PAIR
            }
        }
    }

    public let kind: Kind
    /// nil once closed.
    private(set) var handle: UnsafeMutableRawPointer?
    /// Kept so that the context cannot be terminated (and freed) under an open socket.
    let context: ZMQContext
    /// One `zmq_msg_t` with a stable address for every send and receive: libzmq keeps small messages
    /// inside the struct, so it must neither move nor be copied while initialised.
    let message: UnsafeMutablePointer<zmq_msg_t>

    public init(context: ZMQContext, kind: Kind) throws {
        self.handle = try context.makeSocket(type: kind.zmqType, operation: "zmq_socket(\(kind))")
        self.kind = kind
        self.context = context
        self.message = .allocate(capacity: 1)
    }

    deinit {
        close()
        message.deallocate()
    }

    /// Closes the socket (pending messages get its linger time in the background). Idempotent.
    public func close() {
        guard let handle else { return }
        self.handle = nil
        _ = zmq_close(handle)
    }

    /// The open handle, or `ENOTSOCK` naming `operation` if the socket was closed.
    func openHandle(_ operation: @autoclosure () -> String) throws -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError(errno: ENOTSOCK, operation: operation()) }
        return handle
    }

    // MARK: Options

    /// Sets an integer option such as `ZMQOption.linger` or `ZMQOption.sendHighWaterMark`.
    public func setOption(_ option: Int32, _ value: Int32) throws {
        var value = value
        try setRaw(option, &value, MemoryLayout<Int32>.size, "\(value)")
    }

    /// Sets a 64-bit option; `ZMQOption.maxMessageSize` is the one that needs it.
    public func setOption(_ option: Int32, int64 value: Int64) throws {
        var value = value
        try setRaw(option, &value, MemoryLayout<Int64>.size, "\(value)")
    }

    /// Sets a binary option, e.g. a 32-byte CURVE key.
    public func setOption(_ option: Int32, bytes: [UInt8]) throws {
        // The value is left out of the operation: it may be a secret key.
        try bytes.withUnsafeBytes { buffer in
            try setRaw(option, buffer.baseAddress, buffer.count, "\(buffer.count) bytes")
        }
    }

    /// Sets a string option, e.g. `ZMQ_ZAP_DOMAIN`, without a terminating NUL (as libzmq expects).
    public func setOption(_ option: Int32, string: String) throws {
        try setOption(option, bytes: Array(string.utf8))
    }

    private func setRaw(_ option: Int32, _ value: UnsafeRawPointer?, _ size: Int, _ shown: String) throws {
        let operation = "zmq_setsockopt(\(ZMQOption.name(option)), \(shown))"
        let handle = try openHandle(operation)
        guard zmq_setsockopt(handle, option, value, size) == 0 else { throw ZMQError.last(operation) }
    }

    // MARK: Endpoints

    public func bind(_ endpoint: String) throws {
        let operation = "zmq_bind(\(endpoint))"
        guard zmq_bind(try openHandle(operation), endpoint) == 0 else { throw ZMQError.last(operation) }
    }

    /// Stops binding `endpoint`. Unlike `close()`, which libzmq completes in the background, this
    /// releases an inproc endpoint before it returns, so it can be bound again at once.
    public func unbind(_ endpoint: String) throws {
        let operation = "zmq_unbind(\(endpoint))"
        guard zmq_unbind(try openHandle(operation), endpoint) == 0 else { throw ZMQError.last(operation) }
    }

    public func connect(_ endpoint: String) throws {
        let operation = "zmq_connect(\(endpoint))"
        guard zmq_connect(try openHandle(operation), endpoint) == 0 else { throw ZMQError.last(operation) }
    }

    /// `ZMQ_LAST_ENDPOINT`, e.g. `tcp://127.0.0.1:41233` after binding `tcp://127.0.0.1:*`; nil before any
    /// bind or connect, or once closed.
    public var lastEndpoint: String? {
        guard let handle else { return nil }
        // Endpoints are short; 1 KiB covers an ipc path of the longest kind (108 bytes) many times over.
        var buffer = [CChar](repeating: 0, count: 1024)
        var size = buffer.count
        guard zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size) == 0 else { return nil }
        let bytes = buffer.prefix(min(size, buffer.count)).prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
