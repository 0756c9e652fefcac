import CZeroMQ
import Foundation

/// A libzmq context: the I/O threads and the inproc namespace shared by its sockets.
///
/// Thread-safe, as libzmq contexts are. Created with `ZMQ_BLOCKY=0`, so new sockets get a linger of 0
/// and `terminate()` never hangs on unsent messages; a socket that must flush on exit (the coordinator's
/// `DISCONNECT`, docs/protocol.md §4.2) sets `ZMQOption.linger` itself. Every socket keeps its context
/// alive, so the context is terminated (in `deinit` at the latest) only after its sockets are gone.
public final class ZMQContext: @unchecked Sendable {
    private let lock = NSLock()
    /// nil once terminated; guarded by `lock`.
    private var handle: UnsafeMutableRawPointer?

    public init() throws {
        guard let handle = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
        if zmq_ctx_set(handle, ZMQ_BLOCKY, 0) != 0 {
            let error = ZMQError.last("zmq_ctx_set(ZMQ_BLOCKY, 0)")
            _ = zmq_ctx_term(handle)
            throw error
        }
        self.handle = handle
    }

    deinit { terminate() }

    /// Ends the context: blocked calls in its sockets fail with `ETERM`, and the call returns once every
    /// socket has been closed (libzmq waits for that). Idempotent; `EINTR` is retried.
    ///
    /// A socket still open on another thread makes this wait until that thread closes it on `ETERM`.
    public func terminate() {
        lock.lock()
        let handle = self.handle
        self.handle = nil
        lock.unlock()
        guard let handle else { return }
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }

    /// A new libzmq socket of `type`, or `ETERM` once the context is terminated.
    ///
    /// Holding the lock across `zmq_socket` means a socket is either created before `terminate()`
    /// takes the handle (and `zmq_ctx_term` then waits for it) or fails cleanly afterwards.
    func makeSocket(type: Int32, operation: String) throws -> UnsafeMutableRawPointer {
        lock.lock()
        defer { lock.unlock() }
        guard let handle else { throw ZMQError(errno: ETERM, operation: operation) }
        guard let socket = zmq_socket(handle, type) else { throw ZMQError.last(operation) }
        return socket
    }
}
