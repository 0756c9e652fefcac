import Testing
@testable import Atlas
import Engine

/// Tiles land where the geometry says, carry their image and frame, and shade by opacity.
@Suite struct TileSheetTests {
    static let grey = RGBColor(red: 40, green: 50, blue: 60)
    static let frameColor = RGBColor(red: 200, green: 10, blue: 20)

    @Test func tileSizeIsFrameImageTimesScaleFrame() {
        let mnist = TileSheet(columns: 20, rows: 20, imageShape: ImageShape(height: 28, width: 28, channels: 1))
        #expect(mnist.tileWidth == 32 && mnist.tileHeight == 32)
        #expect(mnist.image.width == 640 && mnist.image.height == 640)

        let wide = TileSheet(columns: 3, rows: 2, imageShape: ImageShape(height: 3, width: 5, channels: 3),
                             scale: 2, frame: 1)
        #expect(wide.tileWidth == 12 && wide.tileHeight == 8)
        #expect(wide.image.width == 36 && wide.image.height == 16)
        #expect(wide.image.pixels.allSatisfy { $0 == 255 }, "an undrawn sheet is all background (white by default)")
    }

    @Test func aGrayTileLandsInItsCellWithFrameImageAndBackgroundElsewhere() {
        // 2×3 image scaled by 2 with a 1-pixel frame: tiles are 8 wide, 6 high.
        let shape = ImageShape(height: 2, width: 3, channels: 1)
        var sheet = TileSheet(columns: 4, rows: 3, imageShape: shape, scale: 2, frame: 1, background: Self.grey)
        let values: [Float] = [0, 0.5, 1, 0.2, 0.8, 0.998]
        sheet.draw(values, row: 1, column: 2, frameColor: Self.frameColor)
        // round(255 × v): 0, 127.5 → 128, 255, 51, 204, 254.49 → 254.
        let expected: [UInt8] = [0, 128, 255, 51, 204, 254]

        let image = sheet.image
        let left = 2 * 8, top = 1 * 6
        for y in 0..<image.height {
            for x in 0..<image.width {
                let inTile = (left..<(left + 8)).contains(x) && (top..<(top + 6)).contains(y)
                let inImage = ((left + 1)..<(left + 7)).contains(x) && ((top + 1)..<(top + 5)).contains(y)
                let want: RGBColor
                if inImage {
                    let v = expected[((y - top - 1) / 2) * 3 + (x - left - 1) / 2]
                    want = RGBColor(red: v, green: v, blue: v)
                } else if inTile {
                    want = Self.frameColor
                } else {
                    want = Self.grey
                }
                #expect(image[x, y] == want, "pixel (\(x), \(y))")
            }
        }
    }

    @Test func anRGBTileKeepsItsChannelOrder() {
        let shape = ImageShape(height: 1, width: 2, channels: 3)
        var sheet = TileSheet(columns: 1, rows: 1, imageShape: shape, frame: 2)
        sheet.draw([1, 0, 0.2, 0, 0.6, 1], row: 0, column: 0, frameColor: Self.frameColor)
        #expect(sheet.image[2, 2] == RGBColor(red: 255, green: 0, blue: 51))
        #expect(sheet.image[3, 2] == RGBColor(red: 0, green: 153, blue: 255))
        #expect(sheet.image[0, 0] == Self.frameColor && sheet.image[5, 4] == Self.frameColor)
    }

    @Test func opacityZeroLeavesBackgroundInsideTheFrame() {
        let shape = ImageShape(height: 4, width: 4, channels: 1)
        var sheet = TileSheet(columns: 2, rows: 1, imageShape: shape, frame: 1, background: Self.grey)
        sheet.draw([Float](repeating: 1, count: 16), row: 0, column: 1, frameColor: Self.frameColor, opacity: 0)
        for y in 1...4 { for x in 7...10 { #expect(sheet.image[x, y] == Self.grey, "(\(x), \(y))") } }
        #expect(sheet.image[6, 0] == Self.frameColor, "the frame keeps full strength")
    }

    @Test func partialOpacityBlendsTowardsTheBackground() {
        let black = RGBColor(red: 0, green: 0, blue: 0)
        var sheet = TileSheet(columns: 1, rows: 1, imageShape: ImageShape(height: 1, width: 1, channels: 3),
                              frame: 0, background: RGBColor(red: 0, green: 100, blue: 255))
        // 0.25 × 255 × (1, 1, 0) + 0.75 × (0, 100, 255) = (63.75, 138.75, 191.25) → (64, 139, 191).
        sheet.draw([1, 1, 0], row: 0, column: 0, frameColor: black, opacity: 0.25)
        #expect(sheet.image[0, 0] == RGBColor(red: 64, green: 139, blue: 191))
    }

    @Test func valuesOutsideTheUnitRangeAreClampedAndNaNIsBlack() {
        var sheet = TileSheet(columns: 1, rows: 1, imageShape: ImageShape(height: 1, width: 3, channels: 1), frame: 0)
        sheet.draw([-1, 2, .nan], row: 0, column: 0, frameColor: Self.frameColor)
        #expect(sheet.image.pixels == [0, 0, 0, 255, 255, 255, 0, 0, 0])
    }

    @Test func drawingATileAgainReplacesIt() {
        var sheet = TileSheet(columns: 1, rows: 1, imageShape: ImageShape(height: 1, width: 1, channels: 1), frame: 1)
        sheet.draw([1], row: 0, column: 0, frameColor: Self.frameColor)
        sheet.draw([0], row: 0, column: 0, frameColor: Self.grey)
        #expect(sheet.image[1, 1] == RGBColor(red: 0, green: 0, blue: 0))
        #expect(sheet.image[0, 0] == Self.grey)
    }

    @Test func theFirstTenClassColoursAreTableau10AndAllTwentyAreDistinct() {
        let first10 = (0..<10).map(ClassPalette.color)
        #expect(Set(first10.map { [$0.red, $0.green, $0.blue] }).count == 10)
        #expect(ClassPalette.color(0) == RGBColor(red: 0x1F, green: 0x77, blue: 0xB4))   // Tableau blue
        #expect(ClassPalette.color(3) == RGBColor(red: 0xD6, green: 0x27, blue: 0x28))   // Tableau red
        #expect(ClassPalette.color(10) == RGBColor(red: 0xAE, green: 0xC7, blue: 0xE8))  // light blue
        let all20 = (0..<20).map(ClassPalette.color)
        #expect(Set(all20.map { [$0.red, $0.green, $0.blue] }).count == 20)
        #expect(!all20.contains(RGBColor(red: 255, green: 255, blue: 255)), "no class vanishes on white")
    }

    @Test func classColoursWrapAroundAfterTwenty() {
        #expect(ClassPalette.color(20) == ClassPalette.color(0))
        #expect(ClassPalette.color(47) == ClassPalette.color(7))
        #expect(ClassPalette.color(-1) == ClassPalette.color(19))
    }

    @Test(.enabled(if: PNGDecodeScript.pythonPresent, PNGDecodeScript.pythonMissing))
    func aSheetEncodesToAPNGThatDecodesToTheSheet() throws {
        var sheet = TileSheet(columns: 3, rows: 2, imageShape: ImageShape(height: 5, width: 4, channels: 1), scale: 3)
        var rng = RandomStream(seed: 3)
        for r in 0..<2 {
            for c in 0..<3 where (r, c) != (1, 1) {
                let values = (0..<20).map { _ in rng.nextUniform() }
                sheet.draw(values, row: r, column: c, frameColor: ClassPalette.color(3 * r + c), opacity: rng.nextUniform())
            }
        }
        let decoded = try PNGDecodeScript.decode(try PNGEncoder.encode(sheet.image))
        #expect(decoded.header.width == sheet.image.width && decoded.header.height == sheet.image.height)
        #expect(decoded.mismatch(sheet.image.pixels) == nil)
    }
}
