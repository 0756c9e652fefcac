import CZlib

/// Decompression of whole buffers: gzip files (dataset downloads, possibly several members, as
/// `cat a.gz b.gz` makes) and raw deflate data (the members of a `.npz` zip archive).
///
/// Whole buffers at once: the largest input we read (Fashion-MNIST's 26 MB of training images)
/// inflates to 47 MB, and one buffer is faster and simpler than streaming. Damage is an error
/// naming what was wrong, never a trap.
public enum Inflate {
    /// Whether `bytes` start with the two-byte gzip magic number.
    public static func isGzip(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// Inflates a whole gzip file image. A stream that ends early (a cut-off download), fails its
    /// CRC, or is followed by bytes that are not another gzip member is an error.
    public static func gzip(_ compressed: UnsafeRawBufferPointer) throws(ZlibError) -> [UInt8] {
        guard isGzip(compressed) else { throw ZlibError(operation: "gzip header", code: Z_DATA_ERROR, detail: "no gzip header") }
        return try inflate(compressed, windowBits: 15 + 16, capacity: gzipCapacity(compressed), members: true)
    }

    /// Inflates raw deflate data (RFC 1951, no wrapper) that must come to exactly `size` bytes,
    /// as a zip archive's directory promises for each member. Data that ends early, runs past
    /// `size`, or is followed by more input is an error.
    public static func raw(_ compressed: UnsafeRawBufferPointer, size: Int) throws(ZlibError) -> [UInt8] {
        // Start from what the input could plausibly give, not the promise: a lying directory must
        // not make us allocate what the data never fills.
        let capacity = min(size, max(1 << 16, compressed.count.multipliedReportingOverflow(by: 8).partialValue))
        let output = try inflate(compressed, windowBits: -15, capacity: capacity, members: false, limit: size)
        guard output.count == size else {
            throw ZlibError(operation: "inflate", code: Z_DATA_ERROR,
                            detail: "inflates to \(output.count) bytes, but \(size) were promised")
        }
        return output
    }

    /// The inflate loop. With `members`, input after a stream's end must be another gzip member;
    /// with `limit`, output beyond it is an error (a hostile archive cannot make us allocate more).
    private static func inflate(_ compressed: UnsafeRawBufferPointer, windowBits: Int32, capacity: Int, members: Bool,
                                limit: Int = .max) throws(ZlibError) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        let status = inflateInit2_(stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw ZlibError(operation: "inflateInit2", code: status, detail: "zlib could not start inflating (status \(status))")
        }
        defer { inflateEnd(stream) }

        // One spare byte past the limit, so output that overruns it is seen rather than cut off.
        var output = [UInt8](repeating: 0, count: min(max(capacity, 1), limit == .max ? .max : limit + 1))
        var produced = 0
        var consumed = 0
        let input = UnsafeMutablePointer(mutating: compressed.baseAddress?.assumingMemoryBound(to: UInt8.self))
        while true {
            if produced == output.count {
                // Grow by doubling, never past one byte beyond the limit (enough to see an overrun).
                let grow = max(output.count, 1 << 16)
                let room = limit == .max ? grow : min(grow, limit + 1 - output.count)
                guard room > 0 else {
                    throw ZlibError(operation: "inflate", code: Z_DATA_ERROR, detail: "inflates to more than \(limit) bytes")
                }
                output.append(contentsOf: repeatElement(0, count: room))
            }
            let availableIn = min(compressed.count - consumed, Int(UInt32.max))
            let availableOut = min(output.count - produced, Int(UInt32.max))
            stream.pointee.next_in = input.map { $0 + consumed }
            stream.pointee.avail_in = UInt32(availableIn)
            let result = output.withUnsafeMutableBufferPointer { out -> Int32 in
                // `out` is non-empty here, so its base address exists.
                stream.pointee.next_out = out.baseAddress.map { $0 + produced }
                stream.pointee.avail_out = UInt32(availableOut)
                return CZlib.inflate(stream, Z_NO_FLUSH)
            }
            consumed += availableIn - Int(stream.pointee.avail_in)
            produced += availableOut - Int(stream.pointee.avail_out)
            guard produced <= limit else {
                throw ZlibError(operation: "inflate", code: Z_DATA_ERROR, detail: "inflates to more than \(limit) bytes")
            }

            switch result {
            case Z_STREAM_END:
                let rest = UnsafeRawBufferPointer(rebasing: compressed[consumed...])
                if rest.isEmpty {
                    output.removeLast(output.count - produced)
                    return output
                }
                guard members, isGzip(rest) else {
                    throw ZlibError(operation: "inflate", code: Z_DATA_ERROR,
                                    detail: "\(rest.count) bytes of trailing data after the \(members ? "gzip " : "")stream")
                }
                inflateReset(stream)  // Another member follows.
            case Z_OK, Z_BUF_ERROR:
                // Progress is impossible only when all input is used and output space remains.
                if consumed == compressed.count && produced < output.count {
                    throw ZlibError(operation: "inflate", code: Z_BUF_ERROR,
                                    detail: "stream ends early after \(produced) bytes (file cut off?)")
                }
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "status \(result)"
                throw ZlibError(operation: "inflate", code: result, detail: message)
            }
        }
    }

    /// A first output size for a gzip file: the trailer's ISIZE (length mod 2³²), capped by
    /// deflate's maximum ratio (~1032:1) so a damaged trailer cannot demand absurd memory.
    private static func gzipCapacity(_ compressed: UnsafeRawBufferPointer) -> Int {
        let n = compressed.count
        guard n >= 18 else { return 1 << 16 }
        let isize = Int(compressed[n - 4]) | Int(compressed[n - 3]) << 8
            | Int(compressed[n - 2]) << 16 | Int(compressed[n - 1]) << 24
        return max(1 << 16, min(isize, n * 1032))
    }
}
