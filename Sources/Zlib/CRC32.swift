import CZlib

/// CRC-32 (ISO 3309): what PNG chunks and zip members carry.
public enum CRC32 {
    /// The CRC-32 of `parts` one after the other.
    public static func checksum(_ parts: ArraySlice<UInt8>...) -> UInt32 {
        var crc = CZlib.crc32(0, nil, 0)
        for part in parts {
            part.withUnsafeBufferPointer { buffer in
                var offset = 0
                // crc32 takes a 32-bit length; larger buffers go in pieces.
                repeat {
                    let count = min(buffer.count - offset, Int(UInt32.max))
                    crc = CZlib.crc32(crc, buffer.baseAddress.map { $0 + offset }, uInt(count))
                    offset += count
                } while offset < buffer.count
            }
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
