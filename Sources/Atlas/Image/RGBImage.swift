/// 8-bit RGB raster, row-major, 3 bytes per pixel.
///
/// `pixels[3 * (y * width + x) + k]` is channel `k` (red, green, blue) of the pixel in column `x`
/// and row `y`, row 0 at the top — the order PNG scanlines use, so encoding needs no reshuffle.
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width × height × 3` bytes. Kept `var` so bulk writers can fill it directly; the encoder
    /// refuses a buffer whose size no longer matches the dimensions.
    public var pixels: [UInt8]

    /// An image filled with `background`.
    public init(width: Int, height: Int, background: RGBColor) {
        precondition(width >= 0 && height >= 0, "image dimensions must not be negative: \(width)×\(height)")
        self.width = width
        self.height = height
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for i in stride(from: 0, to: pixels.count, by: 3) {
            pixels[i] = background.red
            pixels[i + 1] = background.green
            pixels[i + 2] = background.blue
        }
        self.pixels = pixels
    }

    /// The pixel in column `x`, row `y` (row 0 at the top): `image[x, y]`.
    public subscript(x: Int, y: Int) -> RGBColor {
        get {
            let i = offset(x, y)
            return RGBColor(red: pixels[i], green: pixels[i + 1], blue: pixels[i + 2])
        }
        set {
            let i = offset(x, y)
            pixels[i] = newValue.red
            pixels[i + 1] = newValue.green
            pixels[i + 2] = newValue.blue
        }
    }

    private func offset(_ x: Int, _ y: Int) -> Int {
        precondition(x >= 0 && x < width && y >= 0 && y < height,
                     "pixel (\(x), \(y)) is outside the \(width)×\(height) image")
        return 3 * (y * width + x)
    }
}
