import CZeroMQ

// CURVE roles (docs/protocol.md §4.2 and §7.1): the coordinator's ROUTER is the server, every worker
// and client DEALER a client.

extension ZMQSocket {
    /// Makes this socket a CURVE server: `ZMQ_CURVE_SERVER`=1, `ZMQ_CURVE_SECRETKEY`, and
    /// `ZMQ_ZAP_DOMAIN`=`zapDomain` so every handshake is put to the ZAP handler (§7.3). Call before bind,
    /// and only with a `ZAPAuthenticator` running: without one CURVE admits every client.
    public func makeCurveServer(secretKey: CurveKey, zapDomain: String) throws {
        try setOption(ZMQ_CURVE_SERVER, 1)
        try setOption(ZMQ_CURVE_SECRETKEY, bytes: secretKey.bytes)
        try setOption(ZMQ_ZAP_DOMAIN, string: zapDomain)
    }

    /// Makes this socket a CURVE client that pins the server's public key and presents `keyPair`.
    /// Call before connect.
    public func makeCurveClient(serverPublicKey: CurveKey, keyPair: CurveKeyPair) throws {
        try setOption(ZMQ_CURVE_SERVERKEY, bytes: serverPublicKey.bytes)
        try setOption(ZMQ_CURVE_PUBLICKEY, bytes: keyPair.publicKey.bytes)
        try setOption(ZMQ_CURVE_SECRETKEY, bytes: keyPair.secretKey.bytes)
    }
}
