/// The knobs of a UMAP layout (McInnes, Healy & Melville 2018), named and defaulted as in
/// umap-learn except where noted.
public struct UMAPSettings: Sendable, Equatable {
    /// Nearest neighbours per point, the point itself included (umap-learn's `n_neighbors`):
    /// the size of the neighbourhood whose shape the layout keeps.
    public var neighbours: Int = 15
    /// How tightly points may pack in the layout, in layout units (umap-learn's `min_dist`).
    public var minDistance: Float = 0.1
    /// The scale of the layout's neighbourhood kernel; `minDistance` must not exceed it.
    public var spread: Float = 1
    /// Optimisation epochs. umap-learn takes 500 below 10,000 points and 200 above; an atlas
    /// lays out 10,000, and 200 keeps the layout inside its share of the time budget.
    public var epochs: Int = 200
    /// Repulsive samples drawn per attractive one (umap-learn's `negative_sample_rate`).
    public var negativeSamples: Int = 5
    /// Principal components kept after cosine normalisation and before the neighbour search;
    /// 0 turns the reduction off. 50 keeps nearly all of the neighbourhood structure of a hidden
    /// layer while making the exact search at width 4,096 eighty times cheaper.
    public var pcaDimensions: Int = 50

    public init(neighbours: Int = 15, minDistance: Float = 0.1, spread: Float = 1, epochs: Int = 200,
                negativeSamples: Int = 5, pcaDimensions: Int = 50) {
        self.neighbours = neighbours
        self.minDistance = minDistance
        self.spread = spread
        self.epochs = epochs
        self.negativeSamples = negativeSamples
        self.pcaDimensions = pcaDimensions
    }

    /// Throws `AtlasError.invalidSetting` naming the first setting outside its range.
    func validate() throws {
        guard neighbours >= 2 else {
            throw AtlasError.invalidSetting("neighbours is \(neighbours); a neighbourhood needs the point and at least one other (≥ 2)")
        }
        guard spread.isFinite, spread > 0 else {
            throw AtlasError.invalidSetting("spread is \(spread); it must be positive and finite")
        }
        guard minDistance.isFinite, minDistance >= 0, minDistance <= spread else {
            throw AtlasError.invalidSetting("minDistance is \(minDistance); it must lie in [0, spread = \(spread)]")
        }
        guard epochs >= 1 else { throw AtlasError.invalidSetting("epochs is \(epochs); at least 1 is needed") }
        guard negativeSamples >= 0 else {
            throw AtlasError.invalidSetting("negativeSamples is \(negativeSamples); it cannot be negative")
        }
        guard pcaDimensions >= 0 else {
            throw AtlasError.invalidSetting("pcaDimensions is \(pcaDimensions); use 0 to turn the reduction off")
        }
    }
}
