import CZlib

/// Compression, in the two wrappers the package writes: zlib streams (RFC 1950) inside PNG
/// files, and gzip members (RFC 1952) for dataset files that tests and tools produce.
///
/// Both use zlib's default window, memory level and strategy, so the same input at the same level
/// gives the same bytes with a given zlib: atlas PNGs are byte-for-byte reproducible.
public enum Deflate {
    /// `bytes` as one zlib stream at `level` (0–9).
    public static func zlib(_ bytes: [UInt8], level: Int32) throws(ZlibError) -> [UInt8] {
        try deflate(bytes, level: level, windowBits: 15)
    }

    /// `bytes` as one gzip member at `level` (what `gzip` writes).
    public static func gzip(_ bytes: [UInt8], level: Int32 = 6) throws(ZlibError) -> [UInt8] {
        try deflate(bytes, level: level, windowBits: 15 + 16)
    }

    private static func deflate(_ bytes: [UInt8], level: Int32, windowBits: Int32) throws(ZlibError) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        let status = deflateInit2_(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw ZlibError(operation: "deflateInit2", code: status, detail: ZlibError.message(status))
        }
        defer { deflateEnd(stream) }

        // deflateBound guarantees the whole input fits in one Z_FINISH call; +32 for the gzip wrapper.
        let bound = Int(deflateBound(stream, UInt(bytes.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        var input = bytes
        let result = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination -> Int32 in
                stream.pointee.next_in = source.baseAddress
                stream.pointee.avail_in = UInt32(source.count)
                stream.pointee.next_out = destination.baseAddress
                stream.pointee.avail_out = UInt32(destination.count)
                return CZlib.deflate(stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else {
            throw ZlibError(operation: "deflate", code: result, detail: ZlibError.message(result))
        }
        output.removeLast(Int(stream.pointee.avail_out))
        return output
    }
}
