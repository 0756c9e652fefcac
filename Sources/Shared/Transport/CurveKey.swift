/// A 32-byte CURVE key (public or secret); its text form is Z85, 40 characters, as
/// `zmq_curve_keypair` produces and docs/protocol.md §7.2 key files hold.
public struct CurveKey: Sendable, Hashable, CustomStringConvertible {
    /// Bytes in a CURVE key (RFC 26).
    public static let byteCount = 32
    /// Z85 characters in a CURVE key's text form.
    public static let textCount = 40

    /// Exactly 32 bytes.
    public let bytes: [UInt8]

    /// Throws `KeyFileError.invalidKey` unless `bytes` has exactly 32 bytes.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == Self.byteCount else {
            throw KeyFileError.invalidKey(path: nil, problem: "\(bytes.count) bytes instead of \(Self.byteCount)")
        }
        self.bytes = bytes
    }

    /// Throws `KeyFileError.invalidKey` unless `z85` is 40 valid Z85 characters.
    public init(z85: String) throws {
        let length = z85.utf8.count
        guard length == Self.textCount else {
            throw KeyFileError.invalidKey(path: nil, problem: "\(length) characters instead of \(Self.textCount)")
        }
        guard let bytes = Z85.decode(z85) else {
            throw KeyFileError.invalidKey(path: nil, problem: "not Z85 text")
        }
        self.bytes = bytes
    }

    /// The 40-character Z85 text.
    public var z85: String {
        // 32 is a multiple of 4, so encoding cannot fail.
        Z85.encode(bytes) ?? ""
    }

    /// The Z85 text. Only public keys are ever printed; nothing here prints a secret key.
    public var description: String { z85 }
}
