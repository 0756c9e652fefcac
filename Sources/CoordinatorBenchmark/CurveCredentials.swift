import Shared

/// What a CURVE client needs: the server's public key and its own key pair (§7.1).
struct CurveCredentials {
    var serverKey: CurveKey
    var keyPair: CurveKeyPair
}
