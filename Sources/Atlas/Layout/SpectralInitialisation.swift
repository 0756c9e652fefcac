import Engine

/// Where the optimiser starts: umap-learn's spectral initialisation.
///
/// Each connected component of the graph is laid out by its leading non-trivial eigenvectors
/// (`NormalisedAdjacencySpectrum`). A graph of several components (well-separated clusters give
/// one each) follows umap-learn's `multi_component_layout`: the components are first placed
/// relative to one another (`ComponentPlacement`), then each is scaled to half the distance to
/// its nearest neighbour component and drawn around its place; components of fewer than
/// 2·dimensions points, too small for a spectrum, get uniform random positions there instead.
///
/// The result is scaled so its largest coordinate is 10, jittered by N(0, 10⁻⁴) (umap-learn's
/// `noisy_scale_coords`: no two points start on top of each other), and finally each axis is
/// mapped onto [0, 10], as umap-learn does before optimising.
enum SpectralInitialisation {
    /// The n × dimensions starting layout, row-major. `points` are the coordinates the graph was
    /// built from (they place the components); `rng` supplies the jitter and the random
    /// positions of tiny components.
    static func layout(_ graph: SparseGraph, points: Matrix, dimensions dim: Int,
                       rng: inout RandomStream) throws -> [Float] {
        let n = graph.vertices
        let (componentCount, labels) = graph.components()
        var coordinates: [Double]
        if componentCount == 1 {
            coordinates = try NormalisedAdjacencySpectrum.eigenvectors(graph, count: dim)
        } else {
            coordinates = [Double](repeating: 0, count: n * dim)
            let places = try ComponentPlacement.places(points: points, labels: labels,
                                                       count: componentCount, dimensions: dim)
            var members = [[Int]](repeating: [], count: componentCount)
            for v in 0..<n { members[labels[v]].append(v) }
            for label in 0..<componentCount {
                let place = Array(places[(label * dim)..<((label + 1) * dim)])
                let range = ComponentPlacement.halfGapToNearest(label, places: places, count: componentCount,
                                                                dimensions: dim)
                let size = members[label].count
                if size < 2 * dim || size <= dim + 1 {
                    for v in members[label] {
                        for c in 0..<dim {
                            coordinates[v * dim + c] = place[c] + range * (2 * Double(rng.nextUniform()) - 1)
                        }
                    }
                } else {
                    let local = try NormalisedAdjacencySpectrum.eigenvectors(graph.induced(by: members[label]), count: dim)
                    let largest = local.reduce(0) { max($0, abs($1)) }
                    let expansion = largest > 0 ? range / largest : 0
                    for (position, v) in members[label].enumerated() {
                        for c in 0..<dim {
                            coordinates[v * dim + c] = local[position * dim + c] * expansion + place[c]
                        }
                    }
                }
            }
        }
        return scaledToTen(coordinates, dimensions: dim, rng: &rng)
    }

    /// umap-learn's `noisy_scale_coords` (largest |coordinate| 10, N(0, 10⁻⁴) jitter in float32)
    /// followed by the per-axis map onto [0, 10].
    static func scaledToTen(_ coordinates: [Double], dimensions dim: Int, rng: inout RandomStream) -> [Float] {
        let largest = coordinates.reduce(0) { max($0, abs($1)) }
        let expansion = largest > 0 ? 10 / largest : 1
        var layout = coordinates.map { Float($0 * expansion) }
        for i in layout.indices { layout[i] += rng.nextNormal() * 1e-4 }
        let n = layout.count / dim
        for c in 0..<dim {
            var low = Float.infinity, high = -Float.infinity
            for v in 0..<n { low = min(low, layout[v * dim + c]); high = max(high, layout[v * dim + c]) }
            let scale = high > low ? 10 / (high - low) : 0
            for v in 0..<n { layout[v * dim + c] = (layout[v * dim + c] - low) * scale }
        }
        return layout
    }
}
