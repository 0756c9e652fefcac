import Testing
@testable import Atlas
import Engine

/// Byte-exact structure of tiny PNGs, checked against the PNG spec with checksums computed here
/// independently of zlib.
@Suite struct PNGKnownBytesTests {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The one IEND every PNG ends with: empty data, CRC-32("IEND") = 0xAE426082.
    static let iend: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]

    @Test func theChecksumsOfThisTestMatchPublishedValues() {
        // Check values from the CRC catalogue (CRC-32/ISO-HDLC) and RFC 1950's Adler-32 of "Wikipedia".
        #expect(Checksums.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Checksums.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(Checksums.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test func aOneRedPixelFileHasSignatureHeaderOneIDATAndIEND() throws {
        var image = RGBImage(width: 1, height: 1, background: RGBColor(red: 0, green: 0, blue: 0))
        image[0, 0] = RGBColor(red: 255, green: 0, blue: 0)
        let png = try PNGEncoder.encode(image)

        #expect(Array(png[0..<8]) == Self.signature)
        let chunks = try #require(Chunk.parse(png))
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        for chunk in chunks { #expect(chunk.crc == Checksums.crc32(Array(chunk.type.utf8) + chunk.data), "\(chunk.type)") }
        // Width 1, height 1, depth 8, colour type 2, deflate, adaptive filtering, no interlace;
        // 0x907753DE is the IHDR CRC found in every 1×1 RGB PNG.
        #expect(chunks[0].data == [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
        #expect(chunks[0].crc == 0x9077_53DE)
        // All five filters cost 1 on a lone red pixel (0xFF reads as −1); the tie goes to None.
        try Self.expectZlibStream(chunks[1].data, inflatingTo: [0, 255, 0, 0])
        #expect(Array(png.suffix(12)) == Self.iend)
        #expect(png.count == 8 + 25 + 12 + chunks[1].data.count + 12)
    }

    @Test func aTwoByTwoImageFiltersItsRowsWithSubThenUp() throws {
        // Both rows are (10,20,30)(10,20,30). Row 0 (zeros above): None/Up cost 120, Sub 60,
        // Average 90, Paeth 60 → Sub wins the tie with Paeth by coming first. Row 1: Up and
        // Paeth both cost 0 → Up.
        var image = RGBImage(width: 2, height: 2, background: RGBColor(red: 10, green: 20, blue: 30))
        #expect(image[1, 1] == RGBColor(red: 10, green: 20, blue: 30))
        let png = try PNGEncoder.encode(image)
        let chunks = try #require(Chunk.parse(png))
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        for chunk in chunks { #expect(chunk.crc == Checksums.crc32(Array(chunk.type.utf8) + chunk.data), "\(chunk.type)") }
        #expect(chunks[0].data == [0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0])
        try Self.expectZlibStream(chunks[1].data, inflatingTo: [1, 10, 20, 30, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0])
        #expect(Array(png.suffix(12)) == Self.iend)

        // A change of one pixel changes the scanlines the Adler-32 pins down.
        image[1, 1] = RGBColor(red: 11, green: 20, blue: 30)
        let other = try #require(Chunk.parse(try PNGEncoder.encode(image)))
        #expect(Array(other[1].data.suffix(4)) != Array(chunks[1].data.suffix(4)))
    }

    @Test func aGrayFileHasColourTypeZero() throws {
        let png = try PNGEncoder.encodeGray(width: 3, height: 1, pixels: [0, 128, 255])
        let chunks = try #require(Chunk.parse(png))
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        #expect(chunks[0].data == [0, 0, 0, 3, 0, 0, 0, 1, 8, 0, 0, 0, 0])
        for chunk in chunks { #expect(chunk.crc == Checksums.crc32(Array(chunk.type.utf8) + chunk.data), "\(chunk.type)") }
        // None 0+128+1 = 129; Sub 0, 128, 127 → 0+128+127 = 255; Average 0, 128, 255−64 = 191 → 193;
        // Paeth = Sub on row 0. None wins.
        try Self.expectZlibStream(chunks[1].data, inflatingTo: [0, 0, 128, 255])
    }

    @Test func theSameImageAlwaysGivesTheSameBytes() throws {
        var rng = RandomStream(seed: 7)
        var image = RGBImage(width: 37, height: 23, background: RGBColor(red: 0, green: 0, blue: 0))
        for i in image.pixels.indices { image.pixels[i] = UInt8(rng.nextInt(below: 256)) }
        let first = try PNGEncoder.encode(image)
        let second = try PNGEncoder.encode(image)
        #expect(first == second)
    }

    /// A zlib stream (RFC 1950) at level 9 whose Adler-32 trailer is that of `raw`. The deflate
    /// payload itself is checked by the independent decoder in PNGDecodeTests.
    static func expectZlibStream(_ stream: [UInt8], inflatingTo raw: [UInt8]) throws {
        try #require(stream.count >= 6)
        #expect(stream[0] == 0x78, "deflate with a 32 KiB window")
        #expect((Int(stream[0]) << 8 | Int(stream[1])) % 31 == 0, "header check bits")
        #expect(stream[1] >> 6 == 3, "FLEVEL says maximum compression")
        #expect(stream[1] & 0x20 == 0, "no preset dictionary")
        let trailer = stream.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(trailer == Checksums.adler32(raw))
    }
}

/// One chunk of a PNG file, read without the encoder's code.
struct Chunk {
    var type: String
    var data: [UInt8]
    var crc: UInt32

    /// The chunks after the signature, or nil if the file is cut short.
    static func parse(_ png: [UInt8]) -> [Chunk]? {
        var chunks: [Chunk] = []
        var pos = 8
        while pos < png.count {
            guard pos + 8 <= png.count else { return nil }
            let length = Int(bigEndian(png, at: pos))
            guard pos + 12 + length <= png.count else { return nil }
            let type = String(decoding: png[(pos + 4)..<(pos + 8)], as: UTF8.self)
            let data = Array(png[(pos + 8)..<(pos + 8 + length)])
            chunks.append(Chunk(type: type, data: data, crc: bigEndian(png, at: pos + 8 + length)))
            pos += 12 + length
        }
        return chunks
    }

    static func bigEndian(_ bytes: [UInt8], at i: Int) -> UInt32 {
        bytes[i..<(i + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }
}

/// CRC-32 and Adler-32 written out from their definitions, so the tests do not trust zlib's.
enum Checksums {
    /// Table for the reflected polynomial 0xEDB88320 (PNG spec annex D).
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }
}
