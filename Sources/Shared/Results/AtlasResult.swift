/// One cell's activation atlas (docs/metrics.md "Activation atlas"): where its two
/// images are among the result's artifacts, what each tile shows, and how self-consistent the
/// tiles are. Present only for cells the spec's `atlas` section selects.
public struct AtlasResult: Codable, Sendable, Equatable {
    /// Source-task inputs whose penultimate activations were laid out.
    public var examples: Int
    /// The 2-D layout method ("umap").
    public var layout: String
    /// Trustworthiness (Venna & Kaski) of the 2-D layout with `trustworthinessNeighbours`
    /// neighbours, measured on a deterministic subsample: 1 keeps every neighbourhood.
    public var trustworthiness: Double
    public var trustworthinessNeighbours: Int
    /// Layout grid cells per side (the atlas has at most grid × grid tiles).
    public var grid: Int
    /// Fewest examples a layout cell needs to get a tile.
    public var minPoints: Int
    /// Pixels per tile side in both images (the input image plus its coloured frame).
    public var tileSize: Int
    /// Feature visualisations of the averaged activation of each populated layout cell.
    public var directions: AtlasSheet
    /// Feature visualisations of single hidden units, a random sample, for comparison.
    public var neurons: AtlasSheet
    /// Wall time of the whole atlas (layout, visualisation, images).
    public var seconds: Double

    /// Every artifact image the atlas names, in a fixed order.
    public var imageNames: [String] {
        [directions.image, neurons.image] + [directions.meanImage, neurons.meanImage].compactMap { $0 }
    }

    public init(examples: Int, layout: String, trustworthiness: Double, trustworthinessNeighbours: Int,
                grid: Int, minPoints: Int, tileSize: Int, directions: AtlasSheet, neurons: AtlasSheet,
                seconds: Double) {
        self.examples = examples
        self.layout = layout
        self.trustworthiness = trustworthiness
        self.trustworthinessNeighbours = trustworthinessNeighbours
        self.grid = grid
        self.minPoints = minPoints
        self.tileSize = tileSize
        self.directions = directions
        self.neurons = neurons
        self.seconds = seconds
    }
}

/// One PNG of tiles and what each tile is.
public struct AtlasSheet: Codable, Sendable, Equatable {
    /// Name of the PNG among the result's artifacts.
    public var image: String
    /// Tiles per row and per column of the image's tile grid.
    public var columns: Int
    public var rows: Int
    /// The drawn tiles, row-major; positions not listed are empty.
    public var tiles: [AtlasTile]
    /// Fraction of tiles whose visualisation the network itself classifies as the tile's label:
    /// "interpretable" as a number comparable across widths.
    public var consistency: Double

    /// Name of a second PNG with the same tiles showing the mean input behind each (a direction
    /// tile's layout cell, or the inputs that excite a unit most); absent in results of engines
    /// before 0.4.0.
    public var meanImage: String?

    public init(image: String, columns: Int, rows: Int, tiles: [AtlasTile], consistency: Double,
                meanImage: String? = nil) {
        self.image = image
        self.meanImage = meanImage
        self.columns = columns
        self.rows = rows
        self.tiles = tiles
        self.consistency = consistency
    }
}

/// One tile: a feature visualisation with its label.
public struct AtlasTile: Codable, Sendable, Equatable {
    /// Position in the image's tile grid (0-based; row 0 at the top).
    public var row: Int
    public var column: Int
    /// Examples in the layout cell (direction tiles); nil for neuron tiles.
    public var points: Int?
    /// The hidden unit (neuron tiles); nil for direction tiles.
    public var unit: Int?
    /// Source class the tile's direction most supports: argmax over classes of the attribution
    /// activation · ∂logit/∂activation (for a unit, its largest readout weight).
    public var label: Int
    /// Source class the network assigns to the tile's visualisation.
    public var predicted: Int
    /// The visualisation objective reached (best restart, without robustness transforms).
    public var objective: Double

    public init(row: Int, column: Int, points: Int?, unit: Int?, label: Int, predicted: Int, objective: Double) {
        self.row = row
        self.column = column
        self.points = points
        self.unit = unit
        self.label = label
        self.predicted = predicted
        self.objective = objective
    }
}
