import Engine

/// Uniform Manifold Approximation and Projection (McInnes, Healy & Melville 2018) under the
/// cosine metric, following umap-learn 0.5 step by step:
///
/// 1. `CosinePreparation`: rows to unit length, then the leading principal components.
/// 2. `ExactNeighbours`: every point's `neighbours` nearest (itself first), by brute force.
/// 3. `SmoothNeighbourDistances` and `FuzzySimplicialSet`: the weighted, symmetric graph.
/// 4. Edges lighter than max/epochs are dropped (they would never be sampled).
/// 5. `SpectralInitialisation`: the start, from the graph's Laplacian eigenvectors.
/// 6. `LayoutCurve` and `LayoutOptimiser`: the a, b of the layout kernel, then the epochs.
///
/// Where it differs from umap-learn, and why: the neighbour search is exact, not NN-descent
/// (affordable at atlas sizes, and it removes a source of randomness); it runs on Euclidean
/// distances between unit rows, √(2·cosine distance), after an optional principal projection
/// umap-learn does not make, so neighbours are cosine neighbours but σ and ρ are measured on
/// that chord scale; disconnected components are placed from the centroids of those prepared
/// rows; the optimiser applies an edge's repulsive pushes together (`LayoutOptimiser`, a third
/// faster); and it is single-threaded with one seeded random stream, so a layout is
/// reproducible bit for bit. "Deterministic" holds for one machine: OpenBLAS kernels for other
/// CPUs round products differently, and the layout amplifies such differences.
public enum UMAP {
    /// `points`: rows = examples. Returns an n × 2 Matrix (raw embedding coordinates).
    /// Deterministic for (points, settings, seed). Throws a clear error for n < neighbours + 1 or non-finite values.
    ///
    /// - Throws: `AtlasError.tooFewPoints`, `.nonFinite`, `.noFeatures`, `.invalidSetting`;
    ///   `LAPACKError` if an eigensolver fails (not seen in practice).
    public static func embed(_ points: Matrix, settings: UMAPSettings = UMAPSettings(), seed: UInt64,
                             progress: (String) -> Void = { _ in }) throws -> Matrix {
        try settings.validate()
        let n = points.rows, d = points.cols
        guard n >= settings.neighbours + 1 else {
            throw AtlasError.tooFewPoints(n: n, needed: settings.neighbours + 1)
        }
        guard d >= 1 else { throw AtlasError.noFeatures(what: "the points to lay out") }
        for i in 0..<(n * d) where !points.base[i].isFinite {
            throw AtlasError.nonFinite(what: "point \(i / d), coordinate \(i % d) of the points to lay out")
        }

        let reduced = settings.pcaDimensions > 0 && settings.pcaDimensions < d
        progress(reduced ? "UMAP: unit rows, \(settings.pcaDimensions) principal components of \(d)"
                         : "UMAP: unit rows of width \(d)")
        let prepared = try CosinePreparation.prepare(points, dimensions: settings.pcaDimensions)

        progress("UMAP: exact \(settings.neighbours)-nearest neighbours of \(n) points")
        let table = ExactNeighbours.search(prepared, count: settings.neighbours, includeSelf: true)
        let scales = SmoothNeighbourDistances(table)
        let fuzzy = FuzzySimplicialSet.graph(table, scales: scales)
        // umap-learn prunes against the epochs actually run, or against its default of 200
        // when asked for 10 or fewer.
        let pruningEpochs = settings.epochs > 10 ? settings.epochs : 200
        let graph = fuzzy.keeping(atLeast: fuzzy.maximumWeight / Float(pruningEpochs))

        progress("UMAP: spectral initialisation of a graph with \(graph.entries / 2) edges")
        var rng = RandomStream(seed: seed)
        var layout = try SpectralInitialisation.layout(graph, points: prepared, dimensions: 2, rng: &rng)

        progress("UMAP: optimising the layout for \(settings.epochs) epochs")
        let curve = LayoutCurve(spread: Double(settings.spread), minDistance: Double(settings.minDistance))
        LayoutOptimiser.optimise(&layout, graph: graph, curve: curve, epochs: settings.epochs,
                                 negativeSamples: settings.negativeSamples, rng: &rng, progress: progress)
        return Matrix(rows: n, cols: 2, values: layout)
    }
}
