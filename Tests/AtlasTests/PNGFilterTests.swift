import Testing
@testable import Atlas

/// The per-row filter choice: libpng's minimum sum of absolute (signed) residues.
@Suite struct PNGFilterTests {
    /// Red rises 4 per column, green 8 per row, blue is flat: every pixel is exactly
    /// left + above − upper-left, so Paeth leaves zeros below the first row, where there is no
    /// row above and Sub (tied with Paeth, earlier in order) leaves (4, 0, 0) per pixel.
    /// Sides up to 64 × 32 keep the ramps below 256.
    static func gradient(width: Int = 48, height: Int = 30) -> RGBImage {
        var image = RGBImage(width: width, height: height, background: RGBColor(red: 0, green: 0, blue: 0))
        for y in 0..<height {
            for x in 0..<width { image[x, y] = RGBColor(red: UInt8(4 * x), green: UInt8(8 * y), blue: 128) }
        }
        return image
    }

    static func filterTypes(_ scanlines: [UInt8], height: Int) -> [UInt8] {
        let stride = scanlines.count / height
        return (0..<height).map { scanlines[$0 * stride] }
    }

    @Test func aGradientUsesSubOnTheFirstRowAndPaethBelow() {
        let image = Self.gradient()
        let lines = PNGScanlines(width: image.width, height: image.height, bytesPerPixel: 3)
            .filter(image.pixels, using: .adaptive)
        let types = Self.filterTypes(lines, height: image.height)
        #expect(types == [PNGRowFilter.sub.rawValue] + Array(repeating: PNGRowFilter.paeth.rawValue, count: image.height - 1))
        // Below the first row Paeth leaves zeros, except in the first pixel: with no left
        // neighbour it predicts the byte above, 8 less in green.
        let stride = 1 + 3 * image.width
        for y in 1..<image.height {
            let residues = Array(lines[(y * stride + 1)..<((y + 1) * stride)])
            #expect(residues == [0, 8, 0] + Array(repeating: 0, count: 3 * (image.width - 1)), "row \(y)")
        }
    }

    @Test func theHeuristicMakesAGradientSmallerThanFilterNoneAlone() throws {
        let image = Self.gradient(width: 64, height: 32)
        let adaptive = try PNGEncoder.encode(image)
        let unfiltered = try PNGEncoder.encode(image, filtering: .fixed(.none))
        #expect(adaptive.count < unfiltered.count, "adaptive \(adaptive.count) B, None only \(unfiltered.count) B")
    }

    @Test func grayRowsPickAverageAndNoneWhenTheyAreCheapest() {
        // Row 0 (100, 100): Sub 100 beats None/Up 200 and Average 150 (Paeth ties at 100, later).
        // Row 1 (50, 75) under (100, 100): each byte is the mean of its left and upper
        // neighbours, so Average leaves (0, 0); Up leaves (−50, −25) → 75, Sub 50 + 25 = 75.
        // Row 2 (0, 0): None costs 0 and comes first.
        let pixels: [UInt8] = [100, 100, 50, 75, 0, 0]
        let lines = PNGScanlines(width: 2, height: 3, bytesPerPixel: 1).filter(pixels, using: .adaptive)
        #expect(lines == [1, 100, 0, 3, 0, 0, 0, 0, 0])
    }

    @Test func eachFixedFilterLeavesTheResiduesOfItsDefinition() {
        // Gray rows (50, 72) then (30, 45); residues by hand, modulo 256. In row 1's second byte
        // left = 30, above = 72, upper-left = 50: Paeth's p = 52 is nearest the upper-left.
        let pixels: [UInt8] = [50, 72, 30, 45]
        let expected: [PNGRowFilter: [UInt8]] = [
            .none: [0, 50, 72, 0, 30, 45],
            .sub: [1, 50, 22, 1, 30, 15],                // 72 − 50; 45 − 30
            .up: [2, 50, 72, 2, 236, 229],               // 30 − 50, 45 − 72
            .average: [3, 50, 47, 3, 5, 250],            // 72 − 50/2; 30 − 50/2, 45 − (30 + 72)/2
            .paeth: [4, 50, 22, 4, 236, 251],            // row 0 predicts left; 30 − 50, 45 − 50
        ]
        for filter in PNGRowFilter.allCases {
            let lines = PNGScanlines(width: 2, height: 2, bytesPerPixel: 1).filter(pixels, using: .fixed(filter))
            #expect(lines == expected[filter], "\(filter)")
        }
    }

    @Test(.enabled(if: PNGDecodeScript.pythonPresent, PNGDecodeScript.pythonMissing),
          arguments: PNGRowFilter.allCases)
    func everyFilterTypeDecodesBackToThePixels(filter: PNGRowFilter) throws {
        let image = PNGDecodeTests.randomImage(width: 23, height: 19, seed: 42)
        let decoded = try PNGDecodeScript.decode(try PNGEncoder.encode(image, filtering: .fixed(filter)))
        var expectedCounts = [0, 0, 0, 0, 0]
        expectedCounts[Int(filter.rawValue)] = image.height
        #expect(decoded.header.filters == expectedCounts)
        #expect(decoded.mismatch(image.pixels) == nil)

        let gray = PNGDecodeTests.randomBytes(width: 9, height: 14, channels: 1, seed: 43)
        let decodedGray = try PNGDecodeScript.decode(
            try PNGEncoder.encodeGray(width: 9, height: 14, pixels: gray, filtering: .fixed(filter)))
        #expect(decodedGray.mismatch(gray) == nil)
    }
}
