import CZeroMQ

// Multipart send and receive. Every call retries EINTR: signals (SIGHUP to reread keys, SIGCHLD from
// workers' children) interrupt blocking libzmq calls.

extension ZMQSocket {
    /// Sends all frames as one multipart message (`ZMQ_SNDMORE` on all but the last), `EINTR`-retried.
    ///
    /// Returns false when the message could not be queued (`EAGAIN` on the first frame: HWM reached with
    /// `dontWait`, or no peer to send to); nothing was sent then. Throws `ZMQError` otherwise; a ROUTER
    /// with `ZMQOption.routerMandatory` throws `EHOSTUNREACH` for an unknown routing id. libzmq delivers
    /// multipart messages atomically, and it checks the HWM only at a message's first frame.
    @discardableResult
    public func send(_ frames: [[UInt8]], dontWait: Bool = true) throws -> Bool {
        guard !frames.isEmpty else { throw ZMQError(errno: EINVAL, operation: "zmq_msg_send(no frames)") }
        let handle = try openHandle("zmq_msg_send")
        // The operation text names the frame; it is built only on failure, because formatting it for
        // every frame of every message cost the coordinator more than the sends it described.
        func operation(_ index: Int, _ frame: [UInt8]) -> String {
            "zmq_msg_send(frame \(index + 1) of \(frames.count), \(frame.count) bytes)"
        }
        for (index, frame) in frames.enumerated() {
            guard zmq_msg_init_size(message, frame.count) == 0 else { throw ZMQError.last(operation(index, frame)) }
            if let data = zmq_msg_data(message) {
                frame.withUnsafeBytes { source in
                    if let base = source.baseAddress { data.copyMemory(from: base, byteCount: source.count) }
                }
            }
            var flags: Int32 = dontWait ? ZMQ_DONTWAIT : 0
            if index < frames.count - 1 { flags |= ZMQ_SNDMORE }
            var rc: Int32
            repeat { rc = zmq_msg_send(message, handle, flags) } while rc == -1 && zmq_errno() == EINTR
            guard rc == -1 else { continue }  // on success libzmq owns the content and resets the message
            let errno = zmq_errno()
            _ = zmq_msg_close(message)
            if index == 0 && errno == EAGAIN { return false }
            // Past the first frame the message is incomplete; libzmq discards a partial message, and
            // EAGAIN cannot happen there because the HWM is checked at message boundaries only.
            throw ZMQError(errno: errno, operation: operation(index, frame))
        }
        return true
    }

    /// Receives one whole multipart message with `zmq_msg_recv`, `EINTR`-retried; nil on `EAGAIN`
    /// (nothing waiting, with `dontWait`).
    ///
    /// Never allocates without bound: once a frame would exceed `maxFrames` frames or `maxTotalBytes`
    /// bytes, it and every later frame are read and discarded, and the message comes back with
    /// `overflowed = true` and only the whole frames that fitted. (libzmq has buffered the message by
    /// then; `ZMQOption.maxMessageSize` is what bounds a single frame before that.)
    /// `userId` is the `User-Id` metadata property of the message, nil when absent.
    public func receive(dontWait: Bool = true, maxFrames: Int = 64, maxTotalBytes: Int = 80 << 20) throws
        -> ReceivedMessage?
    {
        let handle = try openHandle("zmq_msg_recv")
        var result = ReceivedMessage(frames: [], userId: nil, overflowed: false, frameCount: 0, totalBytes: 0)
        var keptBytes = 0
        var more = true
        while more {
            guard zmq_msg_init(message) == 0 else { throw ZMQError.last("zmq_msg_init") }
            defer { _ = zmq_msg_close(message) }
            // Later frames of a multipart message are already here (atomic delivery), so they never wait.
            let flags: Int32 = (dontWait || result.frameCount > 0) ? ZMQ_DONTWAIT : 0
            var rc: Int32
            repeat { rc = zmq_msg_recv(message, handle, flags) } while rc == -1 && zmq_errno() == EINTR
            if rc == -1 {
                // EAGAIN is the usual answer to a non-blocking receive: no error text for it.
                let errno = zmq_errno()
                if result.frameCount == 0 && errno == EAGAIN { return nil }
                throw ZMQError(errno: errno, operation: "zmq_msg_recv(frame \(result.frameCount + 1))")
            }
            let size = zmq_msg_size(message)
            result.frameCount += 1
            result.totalBytes += size
            if result.userId == nil, let value = zmq_msg_gets(message, "User-Id") {
                result.userId = String(cString: value)
            }
            if !result.overflowed && result.frames.count < maxFrames && size <= maxTotalBytes - keptBytes {
                let data = zmq_msg_data(message).map { UnsafeRawBufferPointer(start: $0, count: size) }
                result.frames.append(data.map { Array($0) } ?? [])
                keptBytes += size
            } else {
                result.overflowed = true
            }
            more = zmq_msg_more(message) != 0
        }
        return result
    }
}
