import Zlib

/// Gzip in memory for dataset files, worded as `DatasetError`s naming the file.
///
/// Dataset files arrive gzipped or raw, and which one is decided by the gzip magic (`1f 8b`), not
/// by the file name, because renamed and half-unpacked downloads are common. The inflating itself
/// is the Zlib target's, the package's one door to zlib.
public enum GzipFile {
    /// Whether `bytes` start with the two-byte gzip magic number.
    public static func isGzip(_ bytes: UnsafeRawBufferPointer) -> Bool { Inflate.isGzip(bytes) }

    /// Inflates a whole gzip file image, including files of several concatenated members.
    ///
    /// `file` only names the source in errors. A stream that ends early (a cut-off download),
    /// fails its CRC, or is followed by bytes that are not another gzip member is an error.
    public static func decompress(_ compressed: UnsafeRawBufferPointer, file: String) throws -> [UInt8] {
        do {
            return try Inflate.gzip(compressed)
        } catch {
            throw DatasetError.corruptGzip(file: file, detail: error.detail)
        }
    }

    /// Compresses `bytes` into a single gzip member (what `gzip` writes), for tests and tools
    /// that produce dataset files.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        do {
            return try Deflate.gzip(bytes, level: level)
        } catch {
            // Only a level outside 0–9 or no memory can fail here; callers pass constants.
            preconditionFailure("gzip compression failed: \(error)")
        }
    }
}
