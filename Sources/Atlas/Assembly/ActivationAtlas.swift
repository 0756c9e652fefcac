/// One finished atlas: the two tile sheets (directions and single neurons) as PNG files, each
/// with a companion sheet of mean inputs, what
/// each tile shows, and how the layout and the visualisations fared.
public struct ActivationAtlas: Sendable {
    /// One drawn tile.
    public struct Tile: Sendable, Equatable {
        public var row: Int
        public var column: Int
        /// Points of the layout cell (direction tiles); nil for neuron tiles.
        public var points: Int?
        /// The hidden unit (neuron tiles); nil for direction tiles.
        public var unit: Int?
        /// The class the tile's direction supports most (`Attribution`).
        public var label: Int
        /// The class the network gives the tile's visualisation.
        public var predicted: Int
        public var objective: Double
    }

    /// One PNG of tiles.
    public struct Sheet: Sendable {
        public var columns: Int
        public var rows: Int
        public var tiles: [Tile]
        public var png: [UInt8]
        /// The same tiles showing the mean input behind each: a direction tile's layout cell, or
        /// the `NeuronSample.topInputs` inputs that excite a unit most.
        public var meanPNG: [UInt8]

        /// Fraction of tiles whose visualisation the network classifies as the tile's label.
        public var consistency: Double {
            tiles.isEmpty ? 0 : Double(tiles.count(where: { $0.predicted == $0.label })) / Double(tiles.count)
        }
    }

    /// Inputs laid out.
    public var examples: Int
    /// Trustworthiness of the layout and the neighbourhood size it was measured with.
    public var trustworthiness: Double
    public var trustworthinessNeighbours: Int
    /// Pixels per tile side.
    public var tileSize: Int
    public var directions: Sheet
    public var neurons: Sheet
    /// Seconds per phase, in order (activations, layout, trustworthiness, visualisation incl. grid and whitening, images): where an
    /// atlas's time goes, for the benchmark and the worker's log.
    public var phases: [(name: String, seconds: Double)]
}
