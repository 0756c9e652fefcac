import Shared
import Testing

/// CURVE with the ZAP handler over real loopback TCP: who gets through, and what the rest see
/// (docs/protocol.md §7.1 CURVE, §7.3 ZAP, §7.5 unknown peers).
struct CurveHandshakeTests {
    typealias H = TransportTestHelpers

    /// A coordinator-like setup: ZAP handler started first, then a CURVE ROUTER bound to loopback.
    final class Server {
        let context: ZMQContext
        let keys: CurveKeyPair
        let zap: ZAPAuthenticator
        let router: ZMQSocket
        let monitor: SocketMonitor
        let endpoint: String

        init(allowing peers: [AuthorizedPeer]) throws {
            context = try ZMQContext()
            let keys = try CurveKeyPair.generate()
            self.keys = keys
            zap = ZAPAuthenticator(context: context, domain: "widthsweep", allowList: peers)
            try zap.start()
            (router, endpoint) = try H.boundRouter(context) { router in
                try router.makeCurveServer(secretKey: keys.secretKey, zapDomain: "widthsweep")
            }
            monitor = try SocketMonitor(context: context, socket: router, name: "coordinator")
        }

        /// A worker DEALER with `pair`, its monitor attached before it connects.
        func client(_ pair: CurveKeyPair, serverKey: CurveKey? = nil) throws -> (ZMQSocket, SocketMonitor) {
            let dealer = try ZMQSocket(context: context, kind: .dealer)
            try dealer.makeCurveClient(serverPublicKey: serverKey ?? keys.publicKey, keyPair: pair)
            let monitor = try SocketMonitor(context: context, socket: dealer, name: "worker")
            try dealer.connect(endpoint)
            return (dealer, monitor)
        }

        deinit { zap.stop() }
    }

    static func peer(_ pair: CurveKeyPair, _ role: AuthorizedPeer.Role, _ name: String) -> AuthorizedPeer {
        AuthorizedPeer(publicKey: pair.publicKey, role: role, name: name)
    }

    /// §7.3: a key on the allow-list completes the handshake, and every message it sends carries the
    /// User-Id `<role>:<name>` the coordinator takes the peer's role from.
    @Test func allowedClientsMessagesArriveWithTheirRoleAndName() throws {
        let worker = try CurveKeyPair.generate(), client = try CurveKeyPair.generate()
        let server = try Server(allowing: [Self.peer(worker, .worker, "node7"), Self.peer(client, .client, "cli")])
        let (workerSocket, _) = try server.client(worker)
        let (clientSocket, _) = try server.client(client)

        try workerSocket.send([H.bytes("WSP01"), [0x01]])
        let fromWorker = try #require(try H.receive(server.router))
        #expect(fromWorker.userId == "worker:node7")
        #expect(Array(fromWorker.frames.dropFirst()) == [H.bytes("WSP01"), [0x01]])

        try clientSocket.send([H.bytes("WSP01"), [0x10]])
        let fromClient = try #require(try H.receive(server.router))
        #expect(fromClient.userId == "client:cli")

        try server.router.send([fromWorker.frames[0], H.bytes("WSP01"), [0x0A]])
        #expect(try H.receive(workerSocket)?.frames == [H.bytes("WSP01"), [0x0A]])
        #expect(server.zap.deniedCount == 0)
    }

    /// §7.5: a key not on the list fails the handshake: nothing it sends reaches the ROUTER, the ZAP
    /// handler counts the refusal, and the client's monitor reports handshake-failed-auth with status 400.
    @Test func clientWhoseKeyIsNotAllowedGetsNothingThrough() throws {
        let allowed = try CurveKeyPair.generate(), stranger = try CurveKeyPair.generate()
        let server = try Server(allowing: [Self.peer(allowed, .worker, "good")])
        let (strangerSocket, strangerMonitor) = try server.client(stranger)
        try strangerSocket.send([H.bytes("WSP01"), [0x01], H.bytes("stranger")])

        let failure = try #require(try H.waitForEvent(strangerMonitor) { $0.isHandshakeFailure })
        #expect(failure.name == "handshake-failed-auth" && failure.value == 400)
        #expect(server.zap.deniedCount >= 1)
        #expect(server.zap.lastDenial?.contains(stranger.publicKey.z85) == true)
        #expect(try !H.hasMessage(server.router))

        // The allowed worker's message, sent after the refusal, is the first and only one to arrive.
        let (allowedSocket, _) = try server.client(allowed)
        try allowedSocket.send([H.bytes("WSP01"), [0x01], H.bytes("good")])
        let first = try #require(try H.receive(server.router))
        #expect(first.userId == "worker:good" && first.frames.last == H.bytes("good"))
        #expect(try !H.hasMessage(server.router))
    }

    /// §7.1: the server is pinned by its public key; a client holding the wrong one cannot complete the
    /// handshake (the server cannot even open its HELLO, so ZAP is never asked) and gets nothing through.
    @Test func clientWithTheWrongServerKeyGetsNothingThrough() throws {
        let worker = try CurveKeyPair.generate()
        let server = try Server(allowing: [Self.peer(worker, .worker, "node7")])
        let (socket, _) = try server.client(worker, serverKey: try CurveKeyPair.generate().publicKey)
        try socket.send([H.bytes("WSP01"), [0x01]])

        let failure = try #require(try H.waitForEvent(server.monitor) { $0.isHandshakeFailure })
        #expect(failure.name == "handshake-failed-protocol")
        #expect(try !H.hasMessage(server.router))
        #expect(try H.receive(socket, timeoutMilliseconds: 0) == nil)
        #expect(server.zap.deniedCount == 0)
    }

    /// §7.2 (SIGHUP rereads `authorized`): a replaced allow-list decides the next handshakes, so a removed
    /// key is refused on its next connection and an added one admitted.
    @Test func replacedAllowListDecidesLaterHandshakes() throws {
        let old = try CurveKeyPair.generate(), new = try CurveKeyPair.generate()
        let server = try Server(allowing: [Self.peer(old, .worker, "old")])
        server.zap.replaceAllowList([Self.peer(new, .worker, "new")])

        let (oldSocket, oldMonitor) = try server.client(old)
        try oldSocket.send([H.bytes("old")])
        #expect(try H.waitForEvent(oldMonitor) { $0.isHandshakeFailure }?.value == 400)

        let (newSocket, _) = try server.client(new)
        try newSocket.send([H.bytes("new")])
        let message = try #require(try H.receive(server.router))
        #expect(message.userId == "worker:new" && message.frames.last == H.bytes("new"))
    }
}
