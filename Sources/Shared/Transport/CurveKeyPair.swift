import CZeroMQ

/// A CURVE public key with its secret key (one `NAME.secret` file, docs/protocol.md §7.2).
public struct CurveKeyPair: Sendable {
    public let publicKey: CurveKey
    public let secretKey: CurveKey

    public init(publicKey: CurveKey, secretKey: CurveKey) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// A fresh key pair from `zmq_curve_keypair` (libsodium's random source).
    public static func generate() throws -> CurveKeyPair {
        var publicText = [CChar](repeating: 0, count: CurveKey.textCount + 1)
        var secretText = [CChar](repeating: 0, count: CurveKey.textCount + 1)
        guard zmq_curve_keypair(&publicText, &secretText) == 0 else { throw ZMQError.last("zmq_curve_keypair") }
        return CurveKeyPair(publicKey: try CurveKey(z85: text(publicText)),
                            secretKey: try CurveKey(z85: text(secretText)))
    }

    /// The public key that belongs to `secretKey` (`zmq_curve_public`), to check that a key file's two
    /// lines belong together.
    public static func publicKey(for secretKey: CurveKey) throws -> CurveKey {
        var publicText = [CChar](repeating: 0, count: CurveKey.textCount + 1)
        var secretText = Array(secretKey.z85.utf8CString)
        guard zmq_curve_public(&publicText, &secretText) == 0 else { throw ZMQError.last("zmq_curve_public") }
        return try CurveKey(z85: text(publicText))
    }

    /// A NUL-terminated buffer libzmq filled, as text.
    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
