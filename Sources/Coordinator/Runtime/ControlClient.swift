import Foundation
import Glibc
import Shared

/// A short-lived client of a running coordinator (docs/protocol.md §1.3 client role): one
/// `STATUS` or `CANCEL`, one `STATUS-REPLY`, then it closes.
struct ControlClient {
    var endpoint: String
    /// CURVE: the coordinator's public key and this client's key pair; nil without keys.
    var curve: (server: CurveKey, pair: CurveKeyPair)?
    /// §2.4 STATUS: a client gives up after 5 s without a reply.
    var timeout: Duration = .seconds(5)

    /// Finds the coordinator through `<dir>/coordinator.json` and the client key it made. On the
    /// coordinator's machine its pid is checked, so a killed one is named at once instead of after
    /// the reply timeout; from another machine (a shared sweep directory on a cluster) the pid
    /// means nothing here, and the client connects to the coordinator's host instead.
    static func forDirectory(_ path: String, thisHost: String = HostName.current()) throws -> ControlClient {
        let directory = SweepDirectory(path)
        guard let contact = try CoordinatorContact.read(from: directory.contactFile) else {
            throw CoordinatorError.notRunning(directory: path)
        }
        var client: ControlClient
        if let host = contact.host, host != thisHost {
            guard let remote = contact.remoteEndpoint else {
                throw CoordinatorError.loopbackOnElsewhere(directory: path, host: host)
            }
            client = ControlClient(endpoint: remote)
        } else {
            if kill(contact.pid, 0) != 0 && errno == ESRCH {
                throw CoordinatorError.staleContact(directory: path, pid: contact.pid)
            }
            client = ControlClient(endpoint: contact.endpoint)
        }
        if let serverKey = contact.serverKey {
            client.curve = (try CurveKey(z85: serverKey), try KeyFiles.readKeyPair(path: directory.localKeys + "/local-client.secret"))
        }
        return client
    }

    func request(_ message: ClientMessage) throws -> StatusReport {
        let context = try ZMQContext()
        defer { context.terminate() }
        let socket = try ZMQSocket(context: context, kind: .dealer)
        defer { socket.close() }
        try socket.setOption(ZMQOption.linger, 0)
        if let curve { try socket.makeCurveClient(serverPublicKey: curve.server, keyPair: curve.pair) }
        try socket.connect(endpoint)
        try socket.send(WireCodec.encode(message), dontWait: false)
        let requestId: [UInt8] = switch message {
        case .status(let id), .cancel(let id, _): id
        }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let left = deadline - ContinuousClock.now
            let ready = try ZMQPoll.waitReadable(sockets: [socket], fileDescriptors: [], timeoutMilliseconds: max(1, Int(left.milliseconds)))
            guard ready.sockets[0], let reply = try socket.receive(dontWait: true) else { continue }
            // Anything but our STATUS-REPLY (e.g. a HEARTBEAT) is ignored (§6.1, last paragraph).
            if case .statusReply(let id, let status)? = try? WireCodec.decodeFromCoordinator(reply.frames), id == requestId {
                return status
            }
        }
        throw CoordinatorError.noReply(endpoint: endpoint, seconds: Int(timeout.milliseconds / 1000))
    }

    static func newRequestId() -> [UInt8] { Array(UUID().uuidString.utf8) }
}
