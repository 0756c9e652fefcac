import CZeroMQ

/// Z85, the text encoding of ZeroMQ RFC 32 that CURVE keys are written in (40 characters per 32
/// bytes): libzmq's own `zmq_z85_encode` and `zmq_z85_decode`, with the length checks they leave
/// to the caller.
public enum Z85 {
    /// Every 4 bytes become 5 characters, big-endian; nil unless `bytes.count` is a multiple of 4.
    public static func encode(_ bytes: [UInt8]) -> String? {
        guard bytes.count % 4 == 0 else { return nil }
        guard !bytes.isEmpty else { return "" }
        var text = [CChar](repeating: 0, count: bytes.count / 4 * 5 + 1)
        let encoded = bytes.withUnsafeBufferPointer { zmq_z85_encode(&text, $0.baseAddress, $0.count) }
        guard encoded != nil else { return nil }
        return String(decoding: text.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Every 5 characters become 4 bytes; nil unless the length is a multiple of 5, every character is
    /// in the alphabet and no group exceeds 2³² − 1 (e.g. `#####`, which RFC 32 leaves undefined).
    public static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        // libzmq reads up to the first NUL, so an embedded one would silently shorten the text.
        guard characters.count % 5 == 0, !characters.contains(0) else { return nil }
        guard !characters.isEmpty else { return [] }
        var bytes = [UInt8](repeating: 0, count: characters.count / 5 * 4)
        let decoded = (characters.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { string in
            zmq_z85_decode(&bytes, string.baseAddress)
        }
        return decoded == nil ? nil : bytes
    }
}
