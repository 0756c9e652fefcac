import CZeroMQ

/// A libzmq call that failed, with the call and the errno it left behind.
///
/// Like swift-nio's `IOError`: the operation names the call and its argument (the endpoint, the option),
/// so one log line says what was attempted and why it failed.
public struct ZMQError: Error, Sendable, CustomStringConvertible {
    /// `zmq_errno()` right after the failing call.
    public let errno: Int32
    /// The call and its argument, e.g. `zmq_bind(tcp://0.0.0.0:5555)`.
    public let operation: String

    public init(errno: Int32, operation: String) {
        self.errno = errno
        self.operation = operation
    }

    /// The error the last libzmq call on this thread left, for `operation`.
    static func last(_ operation: String) -> ZMQError {
        ZMQError(errno: zmq_errno(), operation: operation)
    }

    /// `zmq_bind(...) failed: Address already in use (errno 98)`.
    public var description: String {
        let reason = zmq_strerror(errno).map { String(cString: $0) } ?? "unknown error"
        return "\(operation) failed: \(reason) (errno \(errno))"
    }
}
