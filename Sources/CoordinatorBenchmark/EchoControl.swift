import Foundation

/// What the echo thread and the measuring thread share: the bound endpoint, a stop flag, the
/// echo thread's error. Guarded by one lock; the semaphores signal "endpoint known" and "done".
final class EchoControl: @unchecked Sendable {
    private let lock = NSLock()
    private let started = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var endpoint: String?
    private var stopped = false
    private var failure: Error?

    var isStopped: Bool { lock.withLock { stopped } }
    var error: Error? { lock.withLock { failure } }

    /// Says the ROUTER is bound at `endpoint`, or failed with `error` before it could serve.
    func publish(endpoint: String?, error: Error? = nil) {
        lock.withLock {
            self.endpoint = endpoint
            failure = failure ?? error
        }
        started.signal()
    }

    func waitForEndpoint() -> String? {
        started.wait()
        return lock.withLock { endpoint }
    }

    func finish(error: Error?) {
        lock.withLock { failure = failure ?? error }
        finished.signal()
    }

    /// Tells the echo thread to stop and waits until it has closed its socket.
    func stop() {
        let wasStopped = lock.withLock {
            defer { stopped = true }
            return stopped
        }
        if !wasStopped { finished.wait() }
    }
}
