import Engine
import Foundation

/// Draws tiles into a `TileSheet` and encodes it: each visualisation framed in its label's
/// palette colour and, for direction tiles, faded by how few points its layout cell holds
/// (Carter et al. size tiles by density; with fixed-size tiles, opacity says the same).
struct AtlasPainter {
    let shape: ImageShape
    /// Small inputs (8×8 digits) are scaled up so a tile stays visible next to 28×28 ones.
    let scale: Int
    static let frame = 2

    init(shape: ImageShape) {
        self.shape = shape
        scale = max(1, 24 / max(shape.height, shape.width))
    }

    var tileSize: Int { max(shape.width, shape.height) * scale + 2 * Self.frame }

    /// The sheet of `images` and, in a second PNG with the same tiles and frames, of `means`
    /// (the mean input behind each tile).
    func sheet(tiles: [ActivationAtlas.Tile], images: [[Float]], means: [[Float]], columns: Int,
               rows: Int) throws -> ActivationAtlas.Sheet {
        precondition(tiles.count == images.count && tiles.count == means.count,
                     "\(tiles.count) tiles for \(images.count) images and \(means.count) means")
        return ActivationAtlas.Sheet(columns: columns, rows: rows, tiles: tiles,
                                     png: try draw(tiles, images, columns: columns, rows: rows),
                                     meanPNG: try draw(tiles, means, columns: columns, rows: rows))
    }

    private func draw(_ tiles: [ActivationAtlas.Tile], _ images: [[Float]], columns: Int, rows: Int) throws -> [UInt8] {
        var sheet = TileSheet(columns: columns, rows: rows, imageShape: shape, scale: scale, frame: Self.frame)
        let densest = tiles.compactMap(\.points).max() ?? 1
        for (tile, pixels) in zip(tiles, images) {
            sheet.draw(pixels, row: tile.row, column: tile.column, frameColor: ClassPalette.color(tile.label),
                       opacity: Self.opacity(points: tile.points, densest: densest))
        }
        return try PNGEncoder.encode(sheet.image)
    }

    /// 1 for the densest cell, falling with log density to 0.35 for a single point: sparse
    /// regions stay visible but do not compete with the well-populated ones.
    static func opacity(points: Int?, densest: Int) -> Float {
        guard let points, densest > 1 else { return 1 }
        let fraction = log(Double(max(1, points))) / log(Double(densest))
        return Float(0.35 + 0.65 * min(1, max(0, fraction)))
    }
}
