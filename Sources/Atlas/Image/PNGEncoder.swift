import Zlib

/// Writes PNG files (ISO/IEC 15948, the PNG spec) of 8-bit RGB and gray rasters.
///
/// Output is deterministic: the same pixels give the same bytes with the same zlib, because the
/// filters are chosen by a fixed rule and deflate runs at a fixed level with its default strategy.
public enum PNGEncoder {
    /// The largest width or height accepted. An atlas sheet is a few thousand pixels at most;
    /// the limit catches a runaway grid before it allocates gigabytes.
    public static let maximumSide = 16_384

    /// zlib level 9: a sheet is encoded once and embedded in reports, so spend the time on size.
    static let compressionLevel: Int32 = 9

    /// Largest IDAT payload. libpng splits at 8 KiB; 64 KiB keeps the chunk overhead
    /// (12 bytes each) negligible while staying far below the 2³¹ − 1 chunk limit.
    static let idatChunkBytes = 65_536

    /// A complete PNG file (signature, IHDR, one or more IDAT, IEND), colour type 2 (RGB) 8-bit,
    /// non-interlaced. Per-row filter chosen by the minimum-sum-of-absolute-differences heuristic
    /// (libpng's default) among None/Sub/Up/Average/Paeth. Deterministic bytes for the same image
    /// (fixed zlib level 9, default strategy).
    public static func encode(_ image: RGBImage) throws -> [UInt8] {
        try encode(image, filtering: .adaptive)
    }

    /// 8-bit grayscale (colour type 0) for single-channel images: `pixels` is `width × height`
    /// bytes, row-major, row 0 at the top.
    public static func encodeGray(width: Int, height: Int, pixels: [UInt8]) throws -> [UInt8] {
        try encodeGray(width: width, height: height, pixels: pixels, filtering: .adaptive)
    }

    static func encode(_ image: RGBImage, filtering: PNGFiltering) throws -> [UInt8] {
        try encode(width: image.width, height: image.height, colorType: .rgb, pixels: image.pixels, filtering: filtering)
    }

    static func encodeGray(width: Int, height: Int, pixels: [UInt8], filtering: PNGFiltering) throws -> [UInt8] {
        try encode(width: width, height: height, colorType: .gray, pixels: pixels, filtering: filtering)
    }

    /// The two colour types written, by their IHDR code (spec §11.2.2).
    enum ColorType: UInt8 {
        case gray = 0
        case rgb = 2

        var channels: Int { self == .rgb ? 3 : 1 }
    }

    static func encode(width: Int, height: Int, colorType: ColorType, pixels: [UInt8],
                       filtering: PNGFiltering) throws -> [UInt8] {
        guard width > 0 && height > 0 else { throw PNGError.emptyImage(width: width, height: height) }
        guard width <= maximumSide && height <= maximumSide else {
            throw PNGError.tooLarge(width: width, height: height)
        }
        let expected = width * height * colorType.channels
        guard pixels.count == expected else {
            throw PNGError.pixelCountMismatch(expected: expected, actual: pixels.count)
        }

        let scanlines = PNGScanlines(width: width, height: height, bytesPerPixel: colorType.channels)
            .filter(pixels, using: filtering)
        let stream: [UInt8]
        do {
            stream = try Deflate.zlib(scanlines, level: compressionLevel)
        } catch {
            throw PNGError.zlib(operation: error.operation, code: error.code)
        }

        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file.reserveCapacity(stream.count + stream.count / idatChunkBytes * 12 + 64)

        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        // Bit depth 8, colour type, then compression 0 (deflate), filter method 0 (the five
        // adaptive filters) and interlace 0 (none).
        header += [8, colorType.rawValue, 0, 0, 0]
        appendChunk("IHDR", header[...], to: &file)

        var start = 0
        repeat {
            let end = min(start + idatChunkBytes, stream.count)
            appendChunk("IDAT", stream[start..<end], to: &file)
            start = end
        } while start < stream.count
        appendChunk("IEND", [], to: &file)
        return file
    }

    /// Length, type, data, then the CRC of type and data (spec §5.3).
    static func appendChunk(_ type: String, _ data: ArraySlice<UInt8>, to file: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        precondition(typeBytes.count == 4, "a chunk type is four ASCII letters")
        file.appendBigEndian(UInt32(data.count))
        file += typeBytes
        file += data
        file.appendBigEndian(CRC32.checksum(typeBytes[...], data))
    }
}

extension Array where Element == UInt8 {
    /// PNG stores every integer in network byte order.
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value >> 24))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }
}
