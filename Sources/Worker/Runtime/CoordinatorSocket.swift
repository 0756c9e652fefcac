import Shared

/// The worker's DEALER to the coordinator: a new one for every connection attempt (docs/protocol.md
/// §4.1), with the options of §4.2.
final class CoordinatorSocket {
    /// CURVE credentials (§7.1): the coordinator's public key, pinned, and this worker's key pair.
    struct Curve {
        var serverPublicKey: CurveKey
        var keyPair: CurveKeyPair
    }

    /// Queued messages a closing socket may still deliver when the worker leaves (its
    /// `DISCONNECT`), in milliseconds; otherwise pending sends are discarded at close (§4.2).
    static let exitLingerMilliseconds: Int32 = 1000

    let socket: ZMQSocket
    /// Socket events, for the CURVE handshake failures that never surface otherwise (§7.5).
    let monitor: SocketMonitor
    let endpoint: String
    private let usesCurve: Bool
    /// A TCP connection was made / a ZMTP (and CURVE) handshake completed on this socket.
    private var connected = false
    private var handshakeSucceeded = false

    /// A DEALER connected to `endpoint`. No routing id is set (§1.3): the coordinator knows the
    /// worker by the id in `READY`, and a fixed one would collide with its own stale connection.
    init(context: ZMQContext, endpoint: String, curve: Curve?) throws {
        self.endpoint = endpoint
        usesCurve = curve != nil
        socket = try ZMQSocket(context: context, kind: .dealer)
        do {
            // Pending sends to a dead coordinator are discarded; stored results are resent (§4.2).
            try socket.setOption(ZMQOption.linger, 0)
            try socket.setOption(ZMQOption.sendHighWaterMark, 1000)
            try socket.setOption(ZMQOption.receiveHighWaterMark, 1000)
            // Transport-level reconnects inside one socket's life; WSP's own backoff replaces the socket.
            try socket.setOption(ZMQOption.reconnectInterval, 1000)
            try socket.setOption(ZMQOption.reconnectIntervalMax, Int32(WireConstants.reconnectBackoffCeilingMilliseconds))
            // No frame the coordinator sends may exceed WSP/1's per-frame ceiling (§2.6); libzmq
            // drops a connection announcing a bigger one before buffering it.
            try socket.setOption(ZMQOption.maxMessageSize, int64: Int64(WireConstants.maxFrameBytes))
            if let curve {
                try socket.makeCurveClient(serverPublicKey: curve.serverPublicKey, keyPair: curve.keyPair)
            }
            // Before connect, or the first handshake's events are lost.
            monitor = try SocketMonitor(context: context, socket: socket, name: "coordinator")
        } catch {
            socket.close()
            throw error
        }
        do {
            try socket.connect(endpoint)
        } catch {
            close()
            throw error
        }
    }

    /// Log lines for the socket events worth a user's attention: failed handshakes (a wrong
    /// server key or a key the coordinator does not authorize retries silently forever) and
    /// lost connections. Must be called on every loop turn: an unread monitor stalls the socket.
    func drainEvents() -> [String] {
        monitor.drain().compactMap { event in
            switch event.name {
            case "connected":
                connected = true
            case "handshake-succeeded":
                handshakeSucceeded = true
            case "disconnected" where handshakeSucceeded:
                // Only an established session is news; failed attempts repeat on every retry.
                handshakeSucceeded = false
                return "connection to \(event.endpoint) lost; reconnecting"
            case _ where event.isHandshakeFailure:
                return "handshake with \(event.endpoint) failed (\(event.name), \(event.value)): " + (usesCurve
                    ? "is this worker's key in the coordinator's authorized list?"
                    : "the coordinator requires CURVE and this worker has no keys: pass --server-key and --key "
                        + "(a coordinator started without a key directory keeps its run's in <sweep dir>/local-keys/), "
                        + "or start the coordinator with --insecure")
            default:
                break
            }
            return nil
        }
    }

    /// Why the coordinator may have stayed silent on this socket, when the socket events say.
    func silenceHint() -> String? {
        if !connected { return "nothing accepted a connection at \(endpoint): is the coordinator running there?" }
        if usesCurve && !handshakeSucceeded {
            return "the CURVE handshake with \(endpoint) never completed: is --server-key the coordinator's public key?"
        }
        return nil
    }

    /// Queues one message without blocking; false when the send queue is full (HWM reached).
    func send(_ message: WorkerMessage) throws -> Bool {
        try socket.send(WireCodec.encode(message), dontWait: true)
    }

    /// The next waiting message, or nil; never more frames or bytes than WSP/1 allows (§2.6).
    func receive() throws -> ReceivedMessage? {
        try socket.receive(dontWait: true, maxFrames: WireConstants.maxFrames, maxTotalBytes: WireConstants.maxMessageBytes)
    }

    /// Closes the socket; `flushing` gives queued messages (a final `DISCONNECT`) a moment to leave.
    func close(flushing: Bool = false) {
        // The monitor first: it stops monitoring while the socket is still open.
        monitor.close()
        if flushing { try? socket.setOption(ZMQOption.linger, Self.exitLingerMilliseconds) }
        socket.close()
    }
}
