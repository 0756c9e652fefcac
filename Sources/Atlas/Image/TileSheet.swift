import Engine

/// A grid of tiles: each tile is one input-sized image scaled by an integer factor, inside a frame.
///
/// Tiles touch: the sheet is `columns × tileWidth` by `rows × tileHeight` pixels, and the frames
/// of neighbouring tiles are what separates their images. Cells never drawn stay background, so
/// empty atlas cells read as gaps.
public struct TileSheet: Sendable {
    public let columns: Int
    public let rows: Int
    /// Shape of each tile's image: height × width × channels, channels 1 (gray) or 3 (RGB).
    public let imageShape: ImageShape
    /// Integer upscaling of each tile image (1 for 28×28); each image pixel becomes a
    /// `scale × scale` block, never interpolated, so pixels stay readable.
    public let scale: Int
    /// Frame thickness in pixels on each side of a tile.
    public let frame: Int

    private let background: RGBColor
    private var canvas: RGBImage

    /// Tile width in pixels: frame + imageShape.width × scale + frame.
    public var tileWidth: Int { frame + imageShape.width * scale + frame }
    /// Tile height in pixels: frame + imageShape.height × scale + frame.
    public var tileHeight: Int { frame + imageShape.height * scale + frame }

    /// An empty sheet of `rows × columns` tiles, all background.
    public init(columns: Int, rows: Int, imageShape: ImageShape, scale: Int = 1, frame: Int = 2,
                background: RGBColor = RGBColor(red: 255, green: 255, blue: 255)) {
        precondition(columns >= 0 && rows >= 0, "a sheet of \(rows)×\(columns) tiles")
        precondition(imageShape.channels == 1 || imageShape.channels == 3,
                     "tile images are gray or RGB, not \(imageShape.channels) channels")
        precondition(imageShape.width > 0 && imageShape.height > 0, "tile images of shape \(imageShape)")
        precondition(scale >= 1 && frame >= 0, "scale \(scale) must be ≥ 1 and frame \(frame) ≥ 0")
        self.columns = columns
        self.rows = rows
        self.imageShape = imageShape
        self.scale = scale
        self.frame = frame
        self.background = background
        let tileWidth = frame + imageShape.width * scale + frame
        let tileHeight = frame + imageShape.height * scale + frame
        canvas = RGBImage(width: columns * tileWidth, height: rows * tileHeight, background: background)
    }

    /// Draws `pixels` ([0,1], h×w×c; 1 channel → gray) at tile (row, column), framed in `frameColor`;
    /// the image is blended towards the background by `1 − opacity` (opacity in [0,1]) to shade by
    /// density.
    ///
    /// The frame is drawn at full strength whatever the opacity, so a faint tile still shows its
    /// class. Values outside [0, 1] are clamped and NaN counts as 0 (a visualisation that diverged
    /// shows as black rather than breaking the sheet). Drawing a tile twice replaces it.
    public mutating func draw(_ pixels: [Float], row: Int, column: Int, frameColor: RGBColor, opacity: Float = 1) {
        precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                     "tile (\(row), \(column)) is outside the \(rows)×\(columns) sheet")
        precondition(pixels.count == imageShape.count,
                     "a tile image of shape \(imageShape) has \(imageShape.count) values, not \(pixels.count)")
        let alpha = opacity.isNaN ? 0 : Swift.min(Swift.max(opacity, 0), 1)
        let left = column * tileWidth, top = row * tileHeight
        let channels = imageShape.channels, width = imageShape.width, scale = self.scale
        let backgroundValues = [Float(background.red), Float(background.green), Float(background.blue)]

        for y in top..<(top + tileHeight) {
            for x in left..<(left + tileWidth) { canvas[x, y] = frameColor }
        }

        let sheetWidth = canvas.width
        canvas.pixels.withUnsafeMutableBufferPointer { sheet in
            for iy in 0..<imageShape.height {
                for ix in 0..<width {
                    let first = (iy * width + ix) * channels
                    // Gray images repeat their one channel into red, green and blue.
                    func shade(_ k: Int) -> UInt8 {
                        let value = pixels[first + (channels == 1 ? 0 : k)]
                        let unit = value.isNaN ? 0 : Swift.min(Swift.max(value, 0), 1)
                        let blended = alpha * unit * 255 + (1 - alpha) * backgroundValues[k]
                        return UInt8(Swift.min(Swift.max(blended.rounded(), 0), 255))
                    }
                    let rgb = (shade(0), shade(1), shade(2))
                    // The image pixel covers a scale × scale block inside the frame.
                    for dy in 0..<scale {
                        let y = top + frame + iy * scale + dy
                        for dx in 0..<scale {
                            let x = left + frame + ix * scale + dx
                            let i = 3 * (y * sheetWidth + x)
                            sheet[i] = rgb.0
                            sheet[i + 1] = rgb.1
                            sheet[i + 2] = rgb.2
                        }
                    }
                }
            }
        }
    }

    /// The sheet as drawn so far.
    public var image: RGBImage { canvas }
}
