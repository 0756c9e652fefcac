import CZlib

/// The two zlib services PNG needs: a zlib-format deflate stream and the CRC-32 of chunks.
enum Zlib {
    /// `bytes` as one zlib stream (RFC 1950) at `level`, with zlib's default window, memory level
    /// and strategy, so the same input always gives the same output bytes with a given zlib.
    static func compress(_ bytes: [UInt8], level: Int32) throws -> [UInt8] {
        var capacity = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(capacity))
        let code = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &capacity, input.baseAddress, uLong(input.count), level)
            }
        }
        guard code == Z_OK else { throw PNGError.zlib(operation: "compress2", code: code) }
        output.removeSubrange(Int(capacity)...)
        return output
    }

    /// CRC-32 (ISO 3309, the one PNG chunks carry) of `first` followed by `second`.
    static func crc32(_ first: ArraySlice<UInt8>, _ second: ArraySlice<UInt8> = []) -> UInt32 {
        var crc = CZlib.crc32(0, nil, 0)
        for part in [first, second] {
            part.withUnsafeBufferPointer { buffer in
                // Chunks are split well below 4 GiB, so the 32-bit length of crc32 suffices.
                crc = CZlib.crc32(crc, buffer.baseAddress, uInt(buffer.count))
            }
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}

/// zlib's own wording for a return code, e.g. "insufficient memory" for Z_MEM_ERROR.
func zlibMessage(_ code: Int32) -> String {
    guard let text = zError(code) else { return "unknown zlib error" }
    return String(cString: text)
}
