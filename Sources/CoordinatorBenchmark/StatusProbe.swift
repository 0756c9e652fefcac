import BenchmarkSupport
import Shared

/// A WSP/1 client that asks the coordinator for `STATUS` once (docs/protocol.md §2.4, §3.7).
enum StatusProbe {
    /// Connects with the client key, sends `STATUS` and waits for the `STATUS-REPLY`. The request
    /// is queued in the DEALER as soon as `connect` returns, so the CURVE handshake and the reply
    /// are both inside the measured time.
    static func ask(endpoint: String, credentials: CurveCredentials, timeout: Double, coordinator: CoordinatorProcess) throws -> StatusReport {
        let context = try ZMQContext()
        let socket = try ZMQSocket(context: context, kind: .dealer)
        defer {
            socket.close()
            context.terminate()
        }
        try socket.setOption(ZMQOption.linger, 0)
        try socket.makeCurveClient(serverPublicKey: credentials.serverKey, keyPair: credentials.keyPair)
        try socket.connect(endpoint)
        let requestId = Array("bench-\(coordinator.pid)".utf8)
        try socket.send(WireCodec.encode(ClientMessage.status(requestId: requestId)), dontWait: false)
        let deadline = monotonicSeconds() + timeout
        while monotonicSeconds() < deadline {
            try coordinator.checkAlive()
            let ready = try ZMQPoll.waitReadable(sockets: [socket], fileDescriptors: [], timeoutMilliseconds: 50)
            guard ready.sockets[0], let message = try socket.receive(dontWait: true) else { continue }
            if case .statusReply(let echoed, let status) = try? WireCodec.decodeFromCoordinator(message.frames), echoed == requestId {
                return status
            }
        }
        throw BenchmarkError.timedOut(what: "STATUS-REPLY", seconds: timeout, log: coordinator.logPath)
    }
}
