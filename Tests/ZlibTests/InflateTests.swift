import Testing
import Zlib

/// The Zlib target: known answers, round trips, and what damaged or hostile input does.
struct InflateTests {
    /// Raw deflate data is a zlib stream without its 2-byte header and 4-byte Adler-32 trailer
    /// (RFC 1950), which is how a zip archive stores a member.
    static func rawDeflate(_ bytes: [UInt8]) throws -> [UInt8] {
        let stream = try Deflate.zlib(bytes, level: 6)
        return Array(stream[2..<(stream.count - 4)])
    }

    static let sample: [UInt8] = (0..<100_000).map { UInt8(truncatingIfNeeded: ($0 * 7919) >> 5) }

    @Test func crc32KnownAnswer() {
        // The check value of CRC-32/ISO-HDLC for "123456789".
        #expect(CRC32.checksum(Array("123456789".utf8)[...]) == 0xCBF4_3926)
        #expect(CRC32.checksum(Array("1234".utf8)[...], Array("56789".utf8)[...]) == 0xCBF4_3926, "parts in order")
        #expect(CRC32.checksum([][...]) == 0)
    }

    @Test func rawDeflateInflatesToTheExactPromisedSize() throws {
        let raw = try Self.rawDeflate(Self.sample)
        #expect(try raw.withUnsafeBytes { try Inflate.raw($0, size: Self.sample.count) } == Self.sample)
        let empty = try Self.rawDeflate([])
        #expect(try empty.withUnsafeBytes { try Inflate.raw($0, size: 0) } == [])
    }

    /// A zip directory that lies about a member's size: too small is refused before more than the
    /// promised bytes (plus one) are held; too large is refused when the stream ends.
    @Test func aWrongPromisedSizeIsAnError() throws {
        let raw = try Self.rawDeflate(Self.sample)
        #expect { try raw.withUnsafeBytes { try Inflate.raw($0, size: 1_000) } } throws: { error in
            (error as? ZlibError)?.detail == "inflates to more than 1000 bytes"
        }
        #expect { try raw.withUnsafeBytes { try Inflate.raw($0, size: Self.sample.count + 1) } } throws: { error in
            (error as? ZlibError)?.detail == "inflates to 100000 bytes, but 100001 were promised"
        }
    }

    @Test func cutOffOrTrailingRawDataIsAnError() throws {
        let raw = try Self.rawDeflate(Self.sample)
        #expect(throws: ZlibError.self) { try Array(raw.prefix(raw.count / 2)).withUnsafeBytes { try Inflate.raw($0, size: Self.sample.count) } }
        #expect { try (raw + [1, 2, 3]).withUnsafeBytes { try Inflate.raw($0, size: Self.sample.count) } } throws: { error in
            (error as? ZlibError)?.detail == "3 bytes of trailing data after the stream"
        }
        #expect(throws: ZlibError.self) { try [UInt8](repeating: 0xFF, count: 64).withUnsafeBytes { try Inflate.raw($0, size: 10) } }
    }

    /// A few bytes that inflate to far more than promised (deflate's ~1032:1) stop at the promise.
    @Test func aBombStopsAtThePromisedSize() throws {
        let raw = try Self.rawDeflate([UInt8](repeating: 0, count: 50_000_000))
        #expect(raw.count < 100_000)
        #expect { try raw.withUnsafeBytes { try Inflate.raw($0, size: 4_096) } } throws: { error in
            (error as? ZlibError)?.detail == "inflates to more than 4096 bytes"
        }
    }

    @Test func gzipRoundTripAndMembers() throws {
        let one = try Deflate.gzip(Self.sample)
        #expect(try one.withUnsafeBytes { try Inflate.gzip($0) } == Self.sample)
        let two = try Deflate.gzip([1, 2]) + Deflate.gzip([3])
        #expect(try two.withUnsafeBytes { try Inflate.gzip($0) } == [1, 2, 3])
        #expect { try Self.sample.withUnsafeBytes { try Inflate.gzip($0) } } throws: { error in
            (error as? ZlibError)?.detail == "no gzip header"
        }
    }
}
