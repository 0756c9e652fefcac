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

    /// A DEALER connected to `endpoint`. No routing id is set (§1.3): the coordinator knows the
    /// worker by the id in `READY`, and a fixed one would collide with its own stale connection.
    init(context: ZMQContext, endpoint: String, curve: Curve?) throws {
        socket = try ZMQSocket(context: context, kind: .dealer)
        do {
            // Pending sends to a dead coordinator are discarded; stored results are resent (§4.2).
            try socket.setOption(ZMQOption.linger, 0)
            try socket.setOption(ZMQOption.sendHighWaterMark, 1000)
            try socket.setOption(ZMQOption.receiveHighWaterMark, 1000)
            // Transport-level reconnects inside one socket's life; WSP's own backoff replaces the socket.
            try socket.setOption(ZMQOption.reconnectInterval, 1000)
            try socket.setOption(ZMQOption.reconnectIntervalMax, 32_000)
            // No frame the coordinator sends may exceed WSP/1's per-frame ceiling (§2.6); libzmq
            // drops a connection announcing a bigger one before buffering it.
            try socket.setOption(ZMQOption.maxMessageSize, int64: Int64(WireConstants.maxFrameBytes))
            if let curve {
                try socket.makeCurveClient(serverPublicKey: curve.serverPublicKey, keyPair: curve.keyPair)
            }
            try socket.connect(endpoint)
        } catch {
            socket.close()
            throw error
        }
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
        if flushing { try? socket.setOption(ZMQOption.linger, Self.exitLingerMilliseconds) }
        socket.close()
    }
}
