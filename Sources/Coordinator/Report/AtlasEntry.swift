import Shared

/// One cell's activation atlas as the report shows it: where it sits in the sweep, its two tile
/// sheets with their images, and the numbers compared across widths.
struct AtlasEntry: Sendable, Equatable, Encodable {
    var task: String
    var width: Int
    var seed: Int
    var key: String
    /// Source class names, label index → name, for the tiles' tooltips.
    var classes: [String]
    var atlas: AtlasResult
    var directionsImage: AtlasImage
    var neuronsImage: AtlasImage
    /// The mean input behind each tile of each sheet; nil for results of engines before 0.4.0.
    var directionMeansImage: AtlasImage?
    var neuronMeansImage: AtlasImage?
    /// The source network missed the stopping rule's target accuracy (docs/architecture.md §1):
    /// shown, and flagged.
    var missedTarget: Bool
    /// Whether the per-width means use this atlas under the report's options.
    var included: Bool

    init(cell: ReportCell, result: CellResult, atlas: AtlasResult, options: ReportOptions, store: ArtifactStore?) {
        task = cell.cell.task
        width = cell.cell.width
        seed = cell.cell.seed
        key = cell.key
        classes = result.source.classes
        self.atlas = atlas
        directionsImage = AtlasImage.load(atlas.directions.image, key: cell.key, from: store)
        neuronsImage = AtlasImage.load(atlas.neurons.image, key: cell.key, from: store)
        directionMeansImage = atlas.directions.meanImage.map { AtlasImage.load($0, key: cell.key, from: store) }
        neuronMeansImage = atlas.neurons.meanImage.map { AtlasImage.load($0, key: cell.key, from: store) }
        missedTarget = cell.missedTarget
        included = cell.counts(under: options)
    }

    /// Fraction of direction tiles the network classifies as their label.
    var directionConsistency: Double { atlas.directions.consistency }
    /// The same for single-neuron tiles.
    var neuronConsistency: Double { atlas.neurons.consistency }
    var directionTiles: Int { atlas.directions.tiles.count }
    var neuronTiles: Int { atlas.neurons.tiles.count }
    var trustworthiness: Double { atlas.trustworthiness }

    /// The class name of label `index`, or "class i" should a result name one it does not list.
    func className(_ index: Int) -> String {
        classes.indices.contains(index) ? classes[index] : "class \(index)"
    }

    /// What one tile is, for its tooltip: "label: coat, network says: shirt, points: 12".
    func describe(_ tile: AtlasTile) -> String {
        var text = "label: \(className(tile.label)), network says: \(className(tile.predicted))"
        if let points = tile.points { text += ", points: \(points)" }
        if let unit = tile.unit { text += ", unit: \(unit)" }
        return text
    }

    private enum CodingKeys: String, CodingKey {
        case task, width, seed, key, missedTarget, included, directionConsistency, neuronConsistency,
             directionTiles, neuronTiles, trustworthiness, trustworthinessNeighbours, examples, layout, grid,
             tileSize, directionsImage, neuronsImage, directionMeansImage, neuronMeansImage
    }

    /// The numbers and where the images are; not the images, nor every tile (results.json has
    /// each cell's whole result).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(task, forKey: .task)
        try container.encode(width, forKey: .width)
        try container.encode(seed, forKey: .seed)
        try container.encode(key, forKey: .key)
        try container.encode(missedTarget, forKey: .missedTarget)
        try container.encode(included, forKey: .included)
        try container.encode(directionConsistency, forKey: .directionConsistency)
        try container.encode(neuronConsistency, forKey: .neuronConsistency)
        try container.encode(directionTiles, forKey: .directionTiles)
        try container.encode(neuronTiles, forKey: .neuronTiles)
        try container.encode(trustworthiness, forKey: .trustworthiness)
        try container.encode(atlas.trustworthinessNeighbours, forKey: .trustworthinessNeighbours)
        try container.encode(atlas.examples, forKey: .examples)
        try container.encode(atlas.layout, forKey: .layout)
        try container.encode(atlas.grid, forKey: .grid)
        try container.encode(atlas.tileSize, forKey: .tileSize)
        try container.encode(directionsImage, forKey: .directionsImage)
        try container.encode(neuronsImage, forKey: .neuronsImage)
        try container.encodeIfPresent(directionMeansImage, forKey: .directionMeansImage)
        try container.encodeIfPresent(neuronMeansImage, forKey: .neuronMeansImage)
    }
}
