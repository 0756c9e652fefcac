import Foundation

/// The ZAP handler's decisions (RFC 27 request in, reply frames out) and the allow-list they use.
/// Pure apart from its lock, so every kind of request can be tested without a handshake.
final class ZAPPolicy: @unchecked Sendable {
    /// RFC 27 version frame, in requests and replies.
    static let version: [UInt8] = Array("1.0".utf8)

    private let domain: [UInt8]
    private let lock = NSLock()
    private var allowed: [CurveKey: AuthorizedPeer] = [:]
    private var denied = 0
    private var lastDenialText: String?

    init(domain: String, allowList: [AuthorizedPeer]) {
        self.domain = Array(domain.utf8)
        replaceAllowList(allowList)
    }

    func replaceAllowList(_ peers: [AuthorizedPeer]) {
        let table = Dictionary(peers.map { ($0.publicKey, $0) }, uniquingKeysWith: { _, last in last })
        lock.lock()
        allowed = table
        lock.unlock()
    }

    var deniedCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return denied
    }

    var lastDenial: String? {
        lock.lock()
        defer { lock.unlock() }
        return lastDenialText
    }

    /// The reply to one request. RFC 27 request frames: version, request id, domain, address, routing
    /// id, mechanism, then the credentials (for CURVE one frame: the client's 32-byte public key).
    /// Reply frames: version, request id, status code, status text, user id, metadata.
    func reply(to request: ReceivedMessage) -> [[UInt8]] {
        let frames = request.frames
        let requestId = frames.count > 1 ? frames[1] : []
        func answer(_ status: String, _ text: String, userId: String = "") -> [[UInt8]] {
            [Self.version, requestId, Array(status.utf8), Array(text.utf8), Array(userId.utf8), []]
        }
        guard !request.overflowed, frames.count >= 6, frames[0] == Self.version else {
            recordDenial("malformed ZAP request (\(request.frameCount) frames)")
            return answer("500", "Malformed request")
        }
        let address = String(decoding: frames[3], as: UTF8.self)
        guard frames[2] == domain else {
            recordDenial("ZAP domain '\(String(decoding: frames[2], as: UTF8.self))' from \(address)")
            return answer("400", "Wrong domain")
        }
        guard frames[5] == Array("CURVE".utf8), frames.count == 7, let key = try? CurveKey(bytes: frames[6]) else {
            recordDenial("mechanism \(String(decoding: frames[5], as: UTF8.self)) without a CURVE key from \(address)")
            return answer("400", "CURVE required")
        }
        lock.lock()
        let peer = allowed[key]
        lock.unlock()
        guard let peer else {
            recordDenial("unknown CURVE key \(key.z85) from \(address)")
            return answer("400", "Unknown key")
        }
        return answer("200", "OK", userId: peer.userId)
    }

    private func recordDenial(_ text: String) {
        lock.lock()
        denied += 1
        lastDenialText = text
        lock.unlock()
    }
}
