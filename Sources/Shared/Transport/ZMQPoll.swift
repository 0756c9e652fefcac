import CZeroMQ

/// `zmq_poll` for readability over sockets and raw file descriptors (e.g. pipes from child processes).
public enum ZMQPoll {
    /// Waits up to `timeoutMilliseconds` (negative: forever, 0: just look) until at least one socket
    /// has a message or one descriptor is readable (or hung up), and says which.
    ///
    /// `EINTR` returns all false, so the caller's loop gets to look at the signal that interrupted.
    /// A closed socket throws `ENOTSOCK`; a terminated context throws `ETERM`.
    public static func waitReadable(sockets: [ZMQSocket], fileDescriptors: [Int32], timeoutMilliseconds: Int)
        throws -> (sockets: [Bool], fileDescriptors: [Bool])
    {
        var items: [zmq_pollitem_t] = []
        items.reserveCapacity(sockets.count + fileDescriptors.count)
        for socket in sockets {
            let handle = try socket.openHandle("zmq_poll")
            items.append(zmq_pollitem_t(socket: handle, fd: -1, events: Int16(ZMQ_POLLIN), revents: 0))
        }
        for descriptor in fileDescriptors {
            items.append(zmq_pollitem_t(socket: nil, fd: descriptor, events: Int16(ZMQ_POLLIN), revents: 0))
        }
        let none = (sockets: [Bool](repeating: false, count: sockets.count),
                    fileDescriptors: [Bool](repeating: false, count: fileDescriptors.count))
        let rc = items.withUnsafeMutableBufferPointer { buffer in
            zmq_poll(buffer.baseAddress, Int32(buffer.count), timeoutMilliseconds)
        }
        if rc == -1 {
            let error = ZMQError.last("zmq_poll(\(items.count) items)")
            if error.errno == EINTR { return none }
            throw error
        }
        // POLLERR/POLLHUP on a pipe count as readable: the read that follows sees the end or the error.
        let ready = items.map { $0.revents != 0 }
        return (sockets: Array(ready.prefix(sockets.count)), fileDescriptors: Array(ready.dropFirst(sockets.count)))
    }
}
