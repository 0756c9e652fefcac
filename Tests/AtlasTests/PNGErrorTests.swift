import Testing
@testable import Atlas

/// What the encoder refuses, and that its messages name the problem.
@Suite struct PNGErrorTests {
    @Test func anEmptyImageIsRefused() {
        #expect(throws: PNGError.emptyImage(width: 0, height: 4)) {
            try PNGEncoder.encode(RGBImage(width: 0, height: 4, background: RGBColor(red: 0, green: 0, blue: 0)))
        }
        #expect(throws: PNGError.emptyImage(width: 3, height: 0)) {
            try PNGEncoder.encodeGray(width: 3, height: 0, pixels: [])
        }
    }

    @Test func aSideBeyond16384PixelsIsRefusedAndOneOfExactly16384Is() throws {
        #expect(throws: PNGError.tooLarge(width: 16_385, height: 1)) {
            try PNGEncoder.encodeGray(width: 16_385, height: 1, pixels: [UInt8](repeating: 0, count: 16_385))
        }
        #expect(throws: PNGError.tooLarge(width: 1, height: 16_385)) {
            try PNGEncoder.encode(RGBImage(width: 1, height: 16_385, background: RGBColor(red: 0, green: 0, blue: 0)))
        }
        let png = try PNGEncoder.encodeGray(width: 16_384, height: 1, pixels: [UInt8](repeating: 9, count: 16_384))
        #expect(png.count > 8 + 25 + 12)
        #expect(PNGError.tooLarge(width: 16_385, height: 1).description.contains("16385×1"))
        #expect(PNGError.tooLarge(width: 16_385, height: 1).description.contains("at most 16384"))
    }

    @Test func aPixelBufferOfTheWrongLengthIsRefused() {
        #expect(throws: PNGError.pixelCountMismatch(expected: 6, actual: 5)) {
            try PNGEncoder.encodeGray(width: 3, height: 2, pixels: [1, 2, 3, 4, 5])
        }
        var image = RGBImage(width: 2, height: 2, background: RGBColor(red: 0, green: 0, blue: 0))
        image.pixels.append(0)
        #expect(throws: PNGError.pixelCountMismatch(expected: 12, actual: 13)) { try PNGEncoder.encode(image) }
        #expect(PNGError.pixelCountMismatch(expected: 12, actual: 13).description.contains("13 bytes"))
    }

    @Test func aZlibFailureNamesTheOperationAndZlibsReason() {
        // Z_MEM_ERROR is −4; zlib words it "insufficient memory".
        let message = PNGError.zlib(operation: "compress2", code: -4).description
        #expect(message.contains("compress2"))
        #expect(message.contains("insufficient memory"))
    }
}
