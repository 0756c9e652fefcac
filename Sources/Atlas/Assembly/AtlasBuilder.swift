import Engine
import Foundation

/// Makes the activation atlas of a trained network (Carter et al. 2019, adapted to small
/// networks; docs/metrics.md "Activation atlas"):
///
/// 1. penultimate activations of the given inputs;
/// 2. UMAP layout under the cosine metric, clipped to its 1st–99th percentiles, in the unit square;
/// 3. a grid × grid cut of it, the mean activation of every cell with ≥ `minPoints` points;
/// 4. a feature visualisation of each mean by gradient ascent on the input (whitened direction,
///    dot × cos² objective, jitter/scale/rotation, decorrelated parameterisation, restarts
///    compared half-way and only the best carried on);
/// 5. each tile labelled with the class its attribution supports, shaded by its density;
/// 6. the same visualisation, same objective, for a random sample of single units (the unit
///    vector as the direction), for comparison;
/// 7. per sheet, the fraction of tiles the network itself classifies as their label;
/// 8. beside each sheet, the mean input behind each tile: a layout cell's points, or the inputs
///    that excite a unit most.
///
/// Every random choice derives from `seed`, so an atlas is a function of network, inputs and seed.
public struct AtlasBuilder {
    /// Layout cells per side of the grid.
    public var grid: Int
    /// Fewest examples a layout cell needs to get a tile; sparser cells average too few
    /// activations to stand for a region.
    public var minPoints: Int
    /// Hidden units drawn at random for the single-neuron sheet (fewer if the layer is narrower).
    public var neurons: Int
    public var layout: UMAPSettings
    public var visualisation: VisualisationSettings
    /// Neighbourhood size and sample size of the trustworthiness check (O(n²), hence a sample).
    public var trustworthinessNeighbours = 10
    public var trustworthinessSample = 2_000

    /// The values of the spec's `atlas` section (docs/spec.md; its defaults live in `AtlasSection`):
    /// `steps` gradient-ascent steps and `restarts` random restarts per visualisation.
    public init(grid: Int, minPoints: Int, neurons: Int, steps: Int, restarts: Int) {
        self.grid = grid
        self.minPoints = minPoints
        self.neurons = neurons
        layout = UMAPSettings()
        visualisation = VisualisationSettings()
        visualisation.steps = steps
        visualisation.restarts = restarts
        // Restarts compared half-way, as the default 128 of 256 (VisualisationSettings.selectionStep),
        // for directions and single units alike.
        visualisation.selectionStep = steps / 2
    }

    /// - Parameters:
    ///   - inputs: standardised inputs, rows = examples, as the network sees them.
    ///   - pixelMean, pixelStandardDeviation: the standardisation, to turn visualisations back into pixels.
    public func build(network: Network, inputs: Matrix, shape: ImageShape, pixelMean: Float,
                      pixelStandardDeviation: Float, seed: UInt64,
                      progress: (String) -> Void = { _ in }) throws -> ActivationAtlas {
        var phases: [(name: String, seconds: Double)] = []
        let clock = ContinuousClock()
        var start = clock.now
        func lap(_ name: String) {
            phases.append((name, (clock.now - start).seconds))
            start = clock.now
        }
        let seeds = (layout: Self.derive(seed, 1), neurons: Self.derive(seed, 2), ascent: Self.derive(seed, 3),
                     sample: Self.derive(seed, 4))

        let activations = Self.features(network, inputs)
        lap("activations")
        progress("atlas: laying out \(inputs.rows) activations of width \(activations.cols) (UMAP, cosine)")
        let embedding = try UMAP.embed(activations, settings: layout, seed: seeds.layout)
        let positions = LayoutNormalisation.unitSquare(embedding)
        lap("layout")
        let trust = trustworthiness(activations, embedding, seed: seeds.sample)
        lap("trustworthiness")
        let grid = LayoutGrid(positions: positions, activations: activations, inputs: inputs, grid: self.grid,
                              minPoints: minPoints)
        guard !grid.cells.isEmpty else {
            throw AtlasError.emptyGrid(grid: self.grid, minPoints: minPoints, examples: inputs.rows)
        }

        let attribution = Attribution(network: network)
        let whitening = try Whitening(activations: activations)
        let units = NeuronSample.draw(self.neurons, activations: activations, seed: seeds.neurons)
        let targets = grid.cells.map {
            VisualisationTarget(direction: $0.mean, whitened: whitening.apply($0.mean), cosinePower: visualisation.cosinePower)
        } + units.map {
            // The same objective family as the directions, with the unit vector as the direction
            // (docs/metrics.md): a neuron tile and a direction tile differ only in what they aim at.
            var unit = [Float](repeating: 0, count: activations.cols)
            unit[$0] = 1
            return VisualisationTarget(direction: unit, whitened: whitening.apply(unit), cosinePower: visualisation.cosinePower)
        }
        progress("atlas: visualising \(grid.cells.count) directions and \(units.count) neurons "
                 + "(\(visualisation.steps) steps × \(visualisation.restarts) restarts)")
        let visualiser = FeatureVisualiser(network: network, shape: shape, pixelMean: pixelMean,
                                           pixelStandardDeviation: pixelStandardDeviation, settings: visualisation)
        var lastReport = -1
        let images = visualiser.visualise(targets, seed: seeds.ascent) { done, total in
            let percent = total > 0 ? 100 * done / total : 100
            if percent / 25 != lastReport / 25 {
                lastReport = percent
                progress("atlas: visualisation \(percent)%")
            }
        }
        let predicted = images.map { visualiser.predictedClass($0.pixels) }
        lap("visualisation")

        let painter = AtlasPainter(shape: shape)
        let directionTiles = zip(grid.cells, zip(images, predicted)).map { cell, drawn in
            ActivationAtlas.Tile(row: cell.row, column: cell.column, points: cell.points, unit: nil,
                                 label: attribution.label(cell.mean), predicted: drawn.1, objective: drawn.0.objective)
        }
        let neuronImages = Array(zip(images, predicted).dropFirst(grid.cells.count))
        let neuronColumns = max(1, Int(Double(units.count).squareRoot().rounded(.up)))
        let neuronTiles = zip(units.indices, zip(units, neuronImages)).map { index, pair in
            ActivationAtlas.Tile(row: index / neuronColumns, column: index % neuronColumns, points: nil, unit: pair.0,
                                 label: attribution.label(unit: pair.0), predicted: pair.1.1, objective: pair.1.0.objective)
        }
        // Mean inputs back in pixel units ([0, 1]), as the visualisations are.
        func pixels(_ standardised: [Float]) -> [Float] { standardised.map { $0 * pixelStandardDeviation + pixelMean } }
        let directions = try painter.sheet(tiles: directionTiles, images: images.prefix(grid.cells.count).map(\.pixels),
                                           means: grid.cells.map { pixels($0.meanInput) },
                                           columns: self.grid, rows: self.grid)
        let neurons = try painter.sheet(tiles: neuronTiles, images: neuronImages.map(\.0.pixels),
                                        means: units.map { pixels(NeuronSample.meanTopInput(unit: $0, activations: activations,
                                                                                            inputs: inputs)) },
                                        columns: neuronColumns, rows: max(1, (units.count + neuronColumns - 1) / neuronColumns))
        lap("images")
        return ActivationAtlas(examples: inputs.rows, trustworthiness: trust.score, trustworthinessNeighbours: trust.neighbours,
                               tileSize: painter.tileSize, directions: directions, neurons: neurons, phases: phases)
    }

    /// Trustworthiness on a seeded sample of at most `trustworthinessSample` points.
    private func trustworthiness(_ activations: Matrix, _ embedding: Matrix, seed: UInt64) -> (score: Double, neighbours: Int) {
        let n = activations.rows
        var rows = Array(0..<n)
        if n > trustworthinessSample {
            var rng = RandomStream(seed: seed)
            rows.withUnsafeMutableBufferPointer { rng.shuffle($0) }
            rows = rows.prefix(trustworthinessSample).sorted()
        }
        let k = min(trustworthinessNeighbours, max(1, (rows.count - 1) / 2 - 1))
        return (Trustworthiness.score(high: Self.rows(rows, of: activations), low: Self.rows(rows, of: embedding),
                                      neighbours: k, metric: .cosine), k)
    }

    /// Penultimate activations of every row of `inputs`, in chunks the network's buffers hold.
    public static func features(_ network: Network, _ inputs: Matrix) -> Matrix {
        let out = Matrix(rows: inputs.rows, cols: network.featureWidth)
        let chunk = Matrix(rows: 0, cols: inputs.cols, rowCapacity: network.batchCapacity)
        var first = 0
        while first < inputs.rows {
            let count = min(network.batchCapacity, inputs.rows - first)
            chunk.rows = count
            chunk.base.update(from: inputs.base + first * inputs.cols, count: count * inputs.cols)
            let hidden = network.features(chunk)
            (out.base + first * out.cols).update(from: hidden.base, count: count * out.cols)
            first += count
        }
        return out
    }

    static func rows(_ indices: [Int], of matrix: Matrix) -> Matrix {
        let out = Matrix(rows: indices.count, cols: matrix.cols)
        for (r, i) in indices.enumerated() {
            (out.base + r * matrix.cols).update(from: matrix.base + i * matrix.cols, count: matrix.cols)
        }
        return out
    }

    static func derive(_ seed: UInt64, _ purpose: UInt64) -> UInt64 {
        SplitMix64.mix(seed ^ SplitMix64.mix(purpose &* 0x9E37_79B9_7F4A_7C15))
    }
}
