import Glibc
import Shared
import Testing

/// `ZMQSocket` and `ZMQPoll` over real ZeroMQ on loopback TCP, as the coordinator's ROUTER and a
/// worker's DEALER use them (docs/protocol.md §2.1 framing, §4.2 socket options).
struct TransportSocketTests {
    typealias H = TransportTestHelpers

    /// §2.1: a DEALER's message reaches the ROUTER whole, behind one routing-id frame, and the ROUTER's
    /// reply addressed with that routing id reaches the DEALER without it.
    @Test func dealerMessageArrivesWholeBehindARoutingIdAndTheReplyComesBack() throws {
        let context = try ZMQContext()
        let (router, endpoint) = try H.boundRouter(context)
        let dealer = try ZMQSocket(context: context, kind: .dealer)
        try dealer.connect(endpoint)

        let frames: [[UInt8]] = [H.bytes("WSP01"), [0x08], [], [UInt8](repeating: 7, count: 100_000)]
        #expect(try dealer.send(frames))
        let atRouter = try #require(try H.receive(router))
        #expect(atRouter.frames.count == frames.count + 1)
        #expect(!atRouter.frames[0].isEmpty && atRouter.frames[0].count <= 255)
        #expect(Array(atRouter.frames.dropFirst()) == frames)
        #expect(atRouter.frameCount == 5 && !atRouter.overflowed)
        #expect(atRouter.totalBytes == atRouter.frames.reduce(0) { $0 + $1.count })
        #expect(atRouter.userId == nil, "NULL mechanism without ZAP carries no User-Id")

        let reply: [[UInt8]] = [H.bytes("WSP01"), [0x0A], H.bytes("{}")]
        #expect(try router.send([atRouter.frames[0]] + reply))
        let atDealer = try #require(try H.receive(dealer))
        #expect(atDealer.frames == reply)
    }

    /// §4.2: with ZMQ_ROUTER_MANDATORY a send to a routing id that is not connected fails with
    /// EHOSTUNREACH instead of vanishing.
    @Test func mandatoryRouterSendToUnknownRoutingIdThrowsHostUnreachable() throws {
        let context = try ZMQContext()
        let (router, _) = try H.boundRouter(context) { try $0.setOption(ZMQOption.routerMandatory, 1) }
        let error = try #require(throws: ZMQError.self) {
            try router.send([H.bytes("nobody"), H.bytes("WSP01"), [0x08]])
        }
        #expect(error.errno == ZMQErrno.hostUnreachable)
        #expect(error.description.contains("zmq_msg_send"))
    }

    /// §6.1: a message with more frames than the receiver allows is read to its end, flagged as
    /// overflowed, and only the frames within the limit are kept; the next message is unaffected.
    @Test func receiveBeyondTheFrameLimitKeepsOnlyTheFramesWithinIt() throws {
        let context = try ZMQContext()
        let (router, endpoint) = try H.boundRouter(context)
        let dealer = try ZMQSocket(context: context, kind: .dealer)
        try dealer.connect(endpoint)

        let tooMany = (0..<10).map { [UInt8($0)] }
        try dealer.send(tooMany)
        try dealer.send([H.bytes("after")])
        let message = try #require(try H.receive(router, maxFrames: 4))
        #expect(message.overflowed)
        #expect(message.frames.count == 4)
        #expect(Array(message.frames.dropFirst()) == Array(tooMany.prefix(3)))
        #expect(message.frameCount == 11)
        #expect(message.totalBytes == message.frames[0].count + 10)

        let next = try #require(try H.receive(router, maxFrames: 4))
        #expect(!next.overflowed && next.frames.dropFirst().first == H.bytes("after"))
    }

    /// §2.6: bytes beyond the receiver's total are discarded frame by frame; only whole frames that fit
    /// are kept.
    @Test func receiveBeyondTheByteLimitKeepsOnlyWholeFramesThatFit() throws {
        let context = try ZMQContext()
        let (router, endpoint) = try H.boundRouter(context)
        let dealer = try ZMQSocket(context: context, kind: .dealer)
        try dealer.connect(endpoint)

        try dealer.send([[UInt8](repeating: 1, count: 1000), [UInt8](repeating: 2, count: 1000), [3]])
        let message = try #require(try H.receive(router, maxTotalBytes: 1500))
        #expect(message.overflowed)
        #expect(message.frames.count == 2, "routing id and the first 1000-byte frame fit; the second does not")
        #expect(message.frames[1] == [UInt8](repeating: 1, count: 1000))
        #expect(message.frameCount == 4)
        #expect(message.totalBytes == message.frames[0].count + 2001)
    }

    /// §4.2: a non-blocking send that finds the high-water mark reached returns false rather than
    /// throwing or blocking. Nothing listens at the peer's port, so nothing drains the queue.
    @Test func sendAtAFullHighWaterMarkReturnsFalse() throws {
        let context = try ZMQContext()
        let dealer = try ZMQSocket(context: context, kind: .dealer)
        try dealer.setOption(ZMQOption.sendHighWaterMark, 1)
        let port = try Self.reserveUnlistenedPort()
        defer { close(port.descriptor) }
        try dealer.connect("tcp://127.0.0.1:\(port.number)")

        var results: [Bool] = []
        for _ in 0..<8 { results.append(try dealer.send([H.bytes("WSP01"), [0x08]])) }
        #expect(results.first == true, "the first message fits under a high-water mark of 1")
        #expect(results.contains(false))
        #expect(results.drop { $0 }.allSatisfy { !$0 }, "once full, every send reports false")
    }

    /// Child processes are watched through pipes: the poll reports a pipe readable once bytes are in it,
    /// and a socket readable once a message is waiting, each in its own slot.
    @Test func pollReportsAPipeAndASocketReadableIndependently() throws {
        let context = try ZMQContext()
        let (router, endpoint) = try H.boundRouter(context)
        let dealer = try ZMQSocket(context: context, kind: .dealer)
        try dealer.connect(endpoint)
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }

        let idle = try ZMQPoll.waitReadable(sockets: [router], fileDescriptors: [fds[0]], timeoutMilliseconds: 0)
        #expect(idle.sockets == [false] && idle.fileDescriptors == [false])

        var byte: UInt8 = 1
        try #require(write(fds[1], &byte, 1) == 1)
        let piped = try ZMQPoll.waitReadable(sockets: [router], fileDescriptors: [fds[0]],
                                             timeoutMilliseconds: H.pollMilliseconds)
        #expect(piped.sockets == [false] && piped.fileDescriptors == [true])
        #expect(read(fds[0], &byte, 1) == 1)

        try dealer.send([H.bytes("x")])
        let messaged = try ZMQPoll.waitReadable(sockets: [router], fileDescriptors: [fds[0]],
                                                timeoutMilliseconds: H.pollMilliseconds)
        #expect(messaged.sockets == [true] && messaged.fileDescriptors == [false])
    }

    /// Operations on a closed socket fail with ENOTSOCK naming the call instead of touching freed memory;
    /// closing twice and terminating the context twice are harmless.
    @Test func closedSocketsAndTerminatedContextsFailCleanly() throws {
        let context = try ZMQContext()
        let socket = try ZMQSocket(context: context, kind: .dealer)
        socket.close()
        socket.close()
        let error = try #require(throws: ZMQError.self) { try socket.bind("tcp://127.0.0.1:*") }
        #expect(error.errno == ZMQErrno.notSocket && error.operation == "zmq_bind(tcp://127.0.0.1:*)")
        #expect(socket.lastEndpoint == nil)
        #expect(throws: ZMQError.self) {
            try ZMQPoll.waitReadable(sockets: [socket], fileDescriptors: [], timeoutMilliseconds: 0)
        }
        context.terminate()
        context.terminate()
        let late = try #require(throws: ZMQError.self) { try ZMQSocket(context: context, kind: .router) }
        #expect(late.errno == ZMQErrno.terminated)
    }

    /// A bind that cannot succeed reports the endpoint and errno in one line.
    @Test func failedBindNamesTheEndpointAndErrno() throws {
        let context = try ZMQContext()
        let (first, endpoint) = try H.boundRouter(context)
        defer { first.close() }  // keeps the first socket bound while the second tries
        let second = try ZMQSocket(context: context, kind: .router)
        let error = try #require(throws: ZMQError.self) { try second.bind(endpoint) }
        #expect(error.errno == ZMQErrno.addressInUse)
        #expect(error.description.hasPrefix("zmq_bind(\(endpoint)) failed: "))
        #expect(error.description.hasSuffix("(errno \(ZMQErrno.addressInUse))"))
    }

    /// A loopback TCP port that is bound but not listening: connections to it are refused, so a
    /// DEALER connected there queues its messages and never drains them.
    static func reserveUnlistenedPort() throws -> (descriptor: Int32, number: UInt16) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        try #require(bound)
        return (descriptor, UInt16(bigEndian: address.sin_port))
    }
}
