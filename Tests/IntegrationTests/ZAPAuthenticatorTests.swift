import Foundation
import Shared
import Testing

/// The ZAP handler against RFC 27 requests sent by hand (docs/protocol.md §7.3): the decisions, and
/// that nothing a request contains stops it from serving the next one.
struct ZAPAuthenticatorTests {
    typealias H = TransportTestHelpers

    static let version = H.bytes("1.0")

    /// An RFC 27 request: version, request id, domain, address, routing id, mechanism, credentials.
    static func request(domain: String = "widthsweep", mechanism: String = "CURVE", key: [UInt8]) -> [[UInt8]] {
        [version, H.bytes("7"), H.bytes(domain), H.bytes("127.0.0.1"), [], H.bytes(mechanism), key]
    }

    /// A started handler with `peers` and a REQ socket to ask it directly.
    static func handler(_ peers: [AuthorizedPeer]) throws -> (ZMQContext, ZAPAuthenticator, ZMQSocket) {
        let context = try ZMQContext()
        let zap = ZAPAuthenticator(context: context, domain: "widthsweep", allowList: peers)
        try zap.start()
        let requester = try ZMQSocket(context: context, kind: .req)
        try requester.connect(ZAPAuthenticator.endpoint)
        return (context, zap, requester)
    }

    static func ask(_ requester: ZMQSocket, _ frames: [[UInt8]]) throws -> [[UInt8]]? {
        try requester.send(frames, dontWait: false)
        return try H.receive(requester)?.frames
    }

    /// §7.3: 200 with `<role>:<name>` for a listed CURVE key in the right domain; 400 with an empty
    /// user id for an unlisted key, another domain or another mechanism.
    @Test func repliesFollowDomainMechanismAndAllowList() throws {
        let listed = try CurveKeyPair.generate().publicKey, unlisted = try CurveKeyPair.generate().publicKey
        let (_, zap, requester) = try Self.handler([AuthorizedPeer(publicKey: listed, role: .client, name: "cli")])
        defer { zap.stop() }

        let ok = try #require(try Self.ask(requester, Self.request(key: listed.bytes)))
        #expect(ok == [Self.version, H.bytes("7"), H.bytes("200"), H.bytes("OK"), H.bytes("client:cli"), []])
        for request in [Self.request(key: unlisted.bytes), Self.request(domain: "other", key: listed.bytes),
                        Self.request(mechanism: "PLAIN", key: listed.bytes)] {
            let reply = try #require(try Self.ask(requester, request))
            #expect(reply.count == 6 && reply[2] == H.bytes("400") && reply[4].isEmpty)
        }
        #expect(zap.deniedCount == 3)
    }

    /// §6.1's rule for the network holds for the ZAP handler too: malformed requests get 500 and the
    /// handler goes on serving.
    @Test(arguments: [
        [[UInt8]](arrayLiteral: H.bytes("garbage")),
        [H.bytes("2.0"), H.bytes("1"), H.bytes("widthsweep"), [], [], H.bytes("CURVE"), [UInt8](repeating: 1, count: 32)],
        [version, H.bytes("1"), H.bytes("widthsweep"), [], [], H.bytes("CURVE"), [1, 2, 3]],
        [version, H.bytes("1"), H.bytes("widthsweep"), [], [], H.bytes("CURVE")],
        [[UInt8]](repeating: [0xFF], count: 40),
    ])
    func malformedRequestsAreRefusedAndServingContinues(garbage: [[UInt8]]) throws {
        let key = try CurveKeyPair.generate().publicKey
        let (_, zap, requester) = try Self.handler([AuthorizedPeer(publicKey: key, role: .worker, name: "w")])
        defer { zap.stop() }

        let refusal = try #require(try Self.ask(requester, garbage))
        #expect(refusal.count == 6 && [H.bytes("400"), H.bytes("500")].contains(refusal[2]))
        #expect(zap.deniedCount == 1)
        #expect(try Self.ask(requester, Self.request(key: key.bytes))?[2] == H.bytes("200"))
    }

    /// One handler per context: a second cannot bind, and says so; stopping is idempotent, and after
    /// a stop the endpoint is free for a new handler.
    @Test func secondHandlerInOneContextFailsToStartAndStopFreesTheEndpoint() throws {
        let context = try ZMQContext()
        let first = ZAPAuthenticator(context: context, domain: "widthsweep", allowList: [])
        try first.start()
        try first.start()
        let second = ZAPAuthenticator(context: context, domain: "widthsweep", allowList: [])
        let error = try #require(throws: ZMQError.self) { try second.start() }
        #expect(error.errno == ZMQErrno.addressInUse && error.operation.contains(ZAPAuthenticator.endpoint))
        first.stop()
        first.stop()
        try second.start()
        second.stop()
    }

    /// The handler thread ends on context termination too, so terminate() does not wait forever for
    /// the handler's socket.
    @Test func contextTerminationEndsTheHandler() throws {
        let context = try ZMQContext()
        let zap = ZAPAuthenticator(context: context, domain: "widthsweep", allowList: [])
        try zap.start()
        // terminate() returns only once every socket is closed: a handler that kept its socket
        // would hang it. Waited for on another thread, so a hang fails the test instead.
        let done = DispatchSemaphore(value: 0)
        Thread { context.terminate(); done.signal() }.start()
        #expect(done.wait(timeout: .now() + 20) == .success, "context termination hung: the handler kept its socket open")
        zap.stop()
    }
}
