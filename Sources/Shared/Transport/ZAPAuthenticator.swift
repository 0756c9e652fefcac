import Foundation
import Glibc

/// The coordinator's ZAP handler (RFC 27, docs/protocol.md §7.3): decides which CURVE clients may
/// complete their handshake, and names them in the User-Id every message of theirs then carries.
///
/// A REP socket on `inproc://zeromq.zap.01` in `context`, served by its own thread (the socket is
/// created, used and closed there). `start()` returns once the socket is bound, so the caller may then
/// bind its CURVE server. Each request gets `200` with User-Id `<role>:<name>` when the domain matches,
/// the mechanism is CURVE and the 32-byte client key is on the allow-list; `400` otherwise; `500` for a
/// request that is not RFC 27 at all. Nothing a request contains can crash the handler.
/// Thread-safe: the allow-list can be replaced (on SIGHUP) while handshakes are in flight.
public final class ZAPAuthenticator: @unchecked Sendable {
    /// The endpoint libzmq sends ZAP requests to (RFC 27); one handler per context.
    public static let endpoint = "inproc://zeromq.zap.01"

    private let context: ZMQContext
    private let domain: String
    private let policy: ZAPPolicy
    /// Guards the thread's lifecycle (`wakeDescriptors`, `finished`).
    private let lifecycle = NSLock()
    /// The pipe that wakes the serving thread to stop: [read end, write end]; nil unless running.
    private var wakeDescriptors: [Int32]?
    private var finished: DispatchSemaphore?

    public init(context: ZMQContext, domain: String, allowList: [AuthorizedPeer]) {
        self.context = context
        self.domain = domain
        self.policy = ZAPPolicy(domain: domain, allowList: allowList)
    }

    deinit { stop() }

    /// Starts the serving thread and returns once its REP socket is bound; throws the bind's error
    /// (e.g. `EADDRINUSE` when another handler already serves this context). Does nothing if running.
    public func start() throws {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        guard wakeDescriptors == nil else { return }
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw ZMQError(errno: errno, operation: "pipe for the ZAP handler") }
        // Not inherited by the worker processes the coordinator spawns.
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        let wakeDescriptor = descriptors[0]
        let ready = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        let startup = StartupResult()
        let thread = Thread { [context, policy] in
            Self.serve(context: context, policy: policy, wakeDescriptor: wakeDescriptor, startup: startup, ready: ready)
            finished.signal()
        }
        thread.name = "zap-handler"
        thread.start()
        ready.wait()
        if let error = startup.error {
            finished.wait()
            close(descriptors[0])
            close(descriptors[1])
            throw error
        }
        wakeDescriptors = descriptors
        self.finished = finished
    }

    /// Replaces the allow-list; handshakes from now on are judged against `peers`.
    public func replaceAllowList(_ peers: [AuthorizedPeer]) {
        policy.replaceAllowList(peers)
    }

    /// Handshakes refused so far (`400` and `500` replies), for logs and tests.
    public var deniedCount: Int { policy.deniedCount }

    /// Why the most recent handshake was refused, e.g. `unknown CURVE key … from 10.0.0.5`; nil if none was.
    public var lastDenial: String? { policy.lastDenial }

    /// Stops the thread and waits for it (its socket is closed by then). Idempotent.
    public func stop() {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        guard let descriptors = wakeDescriptors, let finished else { return }
        var byte: UInt8 = 0
        while write(descriptors[1], &byte, 1) < 0 && errno == EINTR {}
        finished.wait()
        close(descriptors[0])
        close(descriptors[1])
        wakeDescriptors = nil
        self.finished = nil
    }

    /// The thread body: bind, report, then answer requests until woken or the context terminates.
    private static func serve(context: ZMQContext, policy: ZAPPolicy, wakeDescriptor: Int32,
                              startup: StartupResult, ready: DispatchSemaphore) {
        let socket: ZMQSocket
        do {
            socket = try ZMQSocket(context: context, kind: .rep)
            try socket.setOption(ZMQOption.linger, 0)
            try socket.bind(endpoint)
        } catch {
            startup.error = error
            ready.signal()
            return
        }
        ready.signal()
        defer {
            // Releases the endpoint now rather than when the reaper gets to the closed socket, so a
            // handler started right after stop() can bind it.
            try? socket.unbind(endpoint)
            socket.close()
        }
        while true {
            // Any poll error (ETERM once the context terminates) ends the thread; with no handler left
            // libzmq fails every later handshake, so the failure mode is closed, not open.
            guard let readable = try? ZMQPoll.waitReadable(sockets: [socket], fileDescriptors: [wakeDescriptor],
                                                           timeoutMilliseconds: -1) else { return }
            if readable.fileDescriptors[0] { return }
            guard readable.sockets[0] else { continue }
            do {
                // RFC 27 requests have 7 small frames; anything much bigger is garbage, read and dropped.
                guard let request = try socket.receive(maxFrames: 16, maxTotalBytes: 64 << 10) else { continue }
                // REP must answer every request it received, or it can receive no more; the reply is
                // tiny and its peer is an in-process session, so blocking here is momentary.
                try socket.send(policy.reply(to: request), dontWait: false)
            } catch {
                return
            }
        }
    }

    /// How the thread tells `start()` that its bind failed.
    private final class StartupResult: @unchecked Sendable {
        /// Written by the thread before it signals `ready`, read by `start()` after waiting for it.
        var error: (any Error)?
    }
}
