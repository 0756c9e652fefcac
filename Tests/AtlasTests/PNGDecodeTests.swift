import Foundation
import Testing
@testable import Atlas
import Engine

/// Encoded files decoded by an independent decoder (Fixtures/png/decode_png.py, Python standard
/// library only) must give back exactly the pixels that went in.
@Suite struct PNGDecodeTests {
    static let rgbSizes: [(width: Int, height: Int)] = [
        (1, 1), (1, 9), (9, 1), (2, 2), (3, 5), (17, 13), (64, 31), (640, 640),
    ]
    static let graySizes: [(width: Int, height: Int)] = [(1, 1), (1, 7), (7, 1), (13, 9), (100, 37), (640, 480)]

    @Test(.enabled(if: PNGDecodeScript.pythonPresent, PNGDecodeScript.pythonMissing))
    func randomRGBImagesOfManySizesDecodeToTheirOwnPixels() throws {
        var used = [0, 0, 0, 0, 0]
        for (n, size) in Self.rgbSizes.enumerated() {
            let image = Self.randomImage(width: size.width, height: size.height, seed: UInt64(n))
            let decoded = try PNGDecodeScript.decode(try PNGEncoder.encode(image))
            #expect(decoded.header.width == size.width && decoded.header.height == size.height, "\(size)")
            #expect(decoded.header.colorType == 2 && decoded.header.bitDepth == 8 && decoded.header.interlace == 0)
            #expect(decoded.mismatch(image.pixels) == nil, "\(size.width)×\(size.height)")
            for k in 0..<5 { used[k] += decoded.header.filters[k] }
        }
        // The images mix noise with smooth ramps, so the heuristic has reason to use every filter.
        #expect(used.allSatisfy { $0 > 0 }, "filters used: \(used)")
    }

    @Test(.enabled(if: PNGDecodeScript.pythonPresent, PNGDecodeScript.pythonMissing))
    func randomGrayImagesDecodeToTheirOwnPixels() throws {
        for (n, size) in Self.graySizes.enumerated() {
            let pixels = Self.randomBytes(width: size.width, height: size.height, channels: 1, seed: 100 + UInt64(n))
            let png = try PNGEncoder.encodeGray(width: size.width, height: size.height, pixels: pixels)
            let decoded = try PNGDecodeScript.decode(png)
            #expect(decoded.header.width == size.width && decoded.header.height == size.height, "\(size)")
            #expect(decoded.header.colorType == 0 && decoded.header.bitDepth == 8)
            #expect(decoded.mismatch(pixels) == nil, "\(size.width)×\(size.height) gray")
        }
    }

    @Test(.enabled(if: PNGDecodeScript.pythonPresent, PNGDecodeScript.pythonMissing))
    func aLargeImageSpreadsItsDataOverSeveralIDATChunksInOrder() throws {
        // Noise barely compresses: 640×640×3 bytes need about 19 chunks of 64 KiB.
        var rng = RandomStream(seed: 11)
        var image = RGBImage(width: 640, height: 640, background: RGBColor(red: 0, green: 0, blue: 0))
        for i in image.pixels.indices { image.pixels[i] = UInt8(rng.nextInt(below: 256)) }
        let decoded = try PNGDecodeScript.decode(try PNGEncoder.encode(image))
        #expect(decoded.header.idatChunks > 1)
        #expect(decoded.header.chunks == ["IHDR"] + Array(repeating: "IDAT", count: decoded.header.idatChunks) + ["IEND"])
        #expect(decoded.mismatch(image.pixels) == nil)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pngcheck"),
                   "pngcheck is not installed (Debian package pngcheck; scripts/install-deps installs it)"))
    func pngcheckSaysOKToRGBAndGrayFiles() throws {
        let rgb = try PNGEncoder.encode(Self.randomImage(width: 640, height: 640, seed: 5))
        let gray = try PNGEncoder.encodeGray(width: 31, height: 17,
                                             pixels: Self.randomBytes(width: 31, height: 17, channels: 1, seed: 6))
        for png in [rgb, gray] {
            let result = try PNGDecodeScript.run("/usr/bin/pngcheck", arguments: [], file: png)
            #expect(result.status == 0, "pngcheck: \(result.stdout) \(result.stderr)")
            #expect(result.stdout.hasPrefix("OK:"), "pngcheck: \(result.stdout)")
        }
    }

    /// An RGB image whose rows alternate between pure noise and smooth ramps with a little noise,
    /// so that different rows favour different filters.
    static func randomImage(width: Int, height: Int, seed: UInt64) -> RGBImage {
        var image = RGBImage(width: width, height: height, background: RGBColor(red: 0, green: 0, blue: 0))
        image.pixels = randomBytes(width: width, height: height, channels: 3, seed: seed)
        return image
    }

    static func randomBytes(width: Int, height: Int, channels: Int, seed: UInt64) -> [UInt8] {
        var rng = RandomStream(seed: seed)
        var bytes = [UInt8](repeating: 0, count: width * height * channels)
        for y in 0..<height {
            let style = rng.nextInt(below: 4)
            for x in 0..<width {
                for k in 0..<channels {
                    let value: Int
                    switch style {
                    case 0: value = rng.nextInt(below: 256)
                    case 1: value = 3 * x + 2 * y + 40 * k
                    case 2: value = (x * x + y * y) / 7 + rng.nextInt(below: 3)
                    default: value = 2 * x + rng.nextInt(below: 5)
                    }
                    bytes[(y * width + x) * channels + k] = UInt8(truncatingIfNeeded: value)
                }
            }
        }
        return bytes
    }
}

/// Runs Fixtures/png/decode_png.py with Debian's python3 and reads back its verdict.
enum PNGDecodeScript {
    static let python = "/usr/bin/python3"
    static var pythonPresent: Bool { FileManager.default.isExecutableFile(atPath: python) }
    static let pythonMissing: Comment = "needs Debian's /usr/bin/python3 to run the independent PNG decoder"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/png/decode_png.py").path

    /// What the script prints: the IHDR fields, chunk types in order and rows per filter type.
    struct Header: Decodable {
        var width: Int
        var height: Int
        var bitDepth: Int
        var colorType: Int
        var interlace: Int
        var chunks: [String]
        var idatChunks: Int
        /// Rows filtered with None, Sub, Up, Average, Paeth.
        var filters: [Int]
    }

    struct Decoded {
        var header: Header
        var pixels: [UInt8]

        /// Nil when the decoded pixels are `expected`, else where they first differ. Used instead of
        /// `#expect(a == b)`, whose failure report diffs the two arrays: quadratic, and minutes
        /// long for a 640×640 image.
        func mismatch(_ expected: [UInt8]) -> String? {
            guard pixels.count == expected.count else { return "\(pixels.count) bytes decoded, \(expected.count) expected" }
            guard let i = pixels.indices.first(where: { pixels[$0] != expected[$0] }) else { return nil }
            return "byte \(i) decoded as \(pixels[i]), expected \(expected[i])"
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Decodes `png` with the script; throws with the script's complaint if it rejects the file.
    static func decode(_ png: [UInt8]) throws -> Decoded {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let raw = directory.appendingPathComponent("pixels.raw").path
        let result = try run(python, arguments: [script], file: png, extra: [raw], in: directory)
        guard result.status == 0 else { throw Failure(description: "decode_png.py: \(result.stderr)") }
        let header = try JSONDecoder().decode(Header.self, from: Data(result.stdout.utf8))
        let pixels = [UInt8](try Data(contentsOf: URL(fileURLWithPath: raw)))
        return Decoded(header: header, pixels: pixels)
    }

    /// Writes `file` to a temporary PNG and runs `executable arguments… that.png extra…`.
    static func run(_ executable: String, arguments: [String], file: [UInt8], extra: [String] = [],
                    in directory: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let folder = try directory ?? temporaryDirectory()
        defer { if directory == nil { try? FileManager.default.removeItem(at: folder) } }
        let png = folder.appendingPathComponent("image.png")
        try Data(file).write(to: png)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + [png.path] + extra
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are drained before waiting, so a chatty child cannot block on a full pipe.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("png-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
