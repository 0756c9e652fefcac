import CZlib

/// Gzip in memory: the only place in the package that talks to zlib.
///
/// Dataset files arrive gzipped or raw, and which one is decided by the gzip magic (`1f 8b`), not
/// by the file name, because renamed and half-unpacked downloads are common. Whole files are
/// inflated at once: the largest one we read (Fashion-MNIST's 26 MB of training images) inflates
/// to 47 MB, and one buffer is faster and simpler than streaming. Everything here works on bytes
/// and reports damage as `DatasetError.corruptGzip`, never by trapping.
public enum GzipFile {
    /// Whether `bytes` start with the two-byte gzip magic number.
    public static func isGzip(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// Inflates a whole gzip file image, including files of several concatenated members.
    ///
    /// `file` only names the source in errors. A stream that ends early (a cut-off download),
    /// fails its CRC, or is followed by bytes that are not another gzip member is an error.
    public static func decompress(_ compressed: UnsafeRawBufferPointer, file: String) throws -> [UInt8] {
        guard let inputBase = compressed.baseAddress, isGzip(compressed) else {
            throw DatasetError.corruptGzip(file: file, detail: "no gzip header")
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        // 15 window bits + 16: expect a gzip (not zlib) wrapper.
        let status = inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw DatasetError.corruptGzip(file: file, detail: "zlib could not start inflating (status \(status))")
        }
        defer { inflateEnd(stream) }

        var output = [UInt8](repeating: 0, count: initialCapacity(compressed))
        var produced = 0
        var consumed = 0
        let input = UnsafeMutablePointer(mutating: inputBase.assumingMemoryBound(to: UInt8.self))
        while true {
            if produced == output.count {
                output.append(contentsOf: repeatElement(0, count: max(output.count, 1 << 16)))
            }
            let availableIn = min(compressed.count - consumed, Int(UInt32.max))
            let availableOut = min(output.count - produced, Int(UInt32.max))
            stream.pointee.next_in = input + consumed
            stream.pointee.avail_in = UInt32(availableIn)
            let result = output.withUnsafeMutableBufferPointer { out -> Int32 in
                // `out` is non-empty here, so its base address exists.
                stream.pointee.next_out = out.baseAddress.map { $0 + produced }
                stream.pointee.avail_out = UInt32(availableOut)
                return inflate(stream, Z_NO_FLUSH)
            }
            consumed += availableIn - Int(stream.pointee.avail_in)
            produced += availableOut - Int(stream.pointee.avail_out)

            switch result {
            case Z_STREAM_END:
                let rest = UnsafeRawBufferPointer(rebasing: compressed[consumed...])
                if rest.isEmpty {
                    output.removeLast(output.count - produced)
                    return output
                }
                guard isGzip(rest) else {
                    throw DatasetError.corruptGzip(
                        file: file, detail: "\(rest.count) bytes of trailing data after the gzip stream")
                }
                inflateReset(stream)  // Another member follows, as `cat a.gz b.gz` makes.
            case Z_OK, Z_BUF_ERROR:
                // Progress is impossible only when all input is used and output space remains.
                if consumed == compressed.count && produced < output.count {
                    throw DatasetError.corruptGzip(
                        file: file, detail: "stream ends early after \(produced) bytes (file cut off?)")
                }
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "status \(result)"
                throw DatasetError.corruptGzip(file: file, detail: message)
            }
        }
    }

    /// Compresses `bytes` into a single gzip member (what `gzip` writes), for tests and tools
    /// that produce dataset files.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        let status = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "deflateInit2 failed with status \(status)")
        defer { deflateEnd(stream) }

        let bound = Int(deflateBound(stream, UInt(bytes.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        var input = bytes
        let result = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination -> Int32 in
                stream.pointee.next_in = source.baseAddress
                stream.pointee.avail_in = UInt32(source.count)
                stream.pointee.next_out = destination.baseAddress
                stream.pointee.avail_out = UInt32(destination.count)
                return deflate(stream, Z_FINISH)
            }
        }
        // deflateBound guarantees the whole input fits in one Z_FINISH call.
        precondition(result == Z_STREAM_END, "deflate did not finish (status \(result))")
        output.removeLast(Int(stream.pointee.avail_out))
        return output
    }

    /// A first output size: the gzip trailer's ISIZE (length mod 2³²), capped by deflate's
    /// maximum ratio (~1032:1) so a damaged trailer cannot demand absurd memory.
    private static func initialCapacity(_ compressed: UnsafeRawBufferPointer) -> Int {
        let n = compressed.count
        guard n >= 18 else { return 1 << 16 }
        let isize = Int(compressed[n - 4]) | Int(compressed[n - 3]) << 8
            | Int(compressed[n - 2]) << 16 | Int(compressed[n - 1]) << 24
        return max(1 << 16, min(isize, n * 1032))
    }
}
