import Testing
@testable import Datasets

@Suite struct GzipFileTests {
    private func inflate(_ bytes: [UInt8]) throws -> [UInt8] {
        try bytes.withUnsafeBytes { try GzipFile.decompress($0, file: "memory") }
    }

    @Test func compressThenDecompressReturnsTheOriginalBytes() throws {
        let original = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        #expect(try inflate(GzipFile.compress(original)) == original)
        #expect(try inflate(GzipFile.compress([])) == [])
    }

    @Test func concatenatedMembersDecompressToTheirConcatenation() throws {
        let first: [UInt8] = Array("first member\n".utf8), second: [UInt8] = Array("second\n".utf8)
        #expect(try inflate(GzipFile.compress(first) + GzipFile.compress(second)) == first + second)
    }

    @Test func garbageAfterTheStreamIsACorruptGzipError() throws {
        let error = datasetError { try inflate(GzipFile.compress([1, 2, 3]) + [0, 0, 0]) }
        guard case .corruptGzip(let file, let detail) = error else {
            Issue.record("expected corruptGzip, got \(String(describing: error))")
            return
        }
        #expect(file == "memory" && detail.contains("trailing"))
    }

    @Test func aDamagedChecksumIsACorruptGzipError() throws {
        var compressed = GzipFile.compress(Array(repeating: 7, count: 1000))
        compressed[compressed.count - 6] ^= 0xFF  // Inside the CRC-32 of the trailer.
        guard case .corruptGzip = datasetError({ try inflate(compressed) }) else {
            Issue.record("expected corruptGzip")
            return
        }
    }
}
