import Engine

/// Finds, for each target direction in a frozen network's penultimate layer, an input image the
/// network maps close to it: regularised gradient ascent on the image (Olah et al. 2017), as
/// used for the tiles of an activation atlas (Carter et al. 2019).
///
/// The image is parameterised in a 1/f-scaled DCT basis through a sigmoid (`SpectralBasis`),
/// randomly jittered, zoomed and rotated at every step (`WarpTransform`), standardised like the
/// training data, and pushed through the network; Adam climbs the target's objective
/// (`VisualisationTarget`). Several random starts per target run side by side until
/// `selectionStep`; the one with the best objective on the plain, untransformed image is carried
/// on alone for the remaining steps, and the others are dropped. Backward through the network
/// uses the layers' own `backward` with parameter gradients switched off, plus Lucid's
/// redirected ReLU gradient for rows a ReLU blocks entirely (`AscentPipeline`).
///
/// Speed (release, OPENBLAS_CORETYPE=SkylakeX, 2 vCPUs with AVX-512): 325 targets ×
/// 3 restarts × 256 steps on 28×28 inputs, width 1024, chunks of 244 images (capacity 256):
/// one hidden layer 10.0 s on 2 BLAS threads, 14.2 s on 1; two hidden layers 15.5 s and 23.6 s.
/// About half of it is sgemm; the rest is the per-pixel warp (~11 ns a pixel for table,
/// forward and adjoint), sigmoid, objective and Adam, all single-threaded. Those figures run
/// every restart to the last step; comparing the restarts at `selectionStep` (then: directions
/// half-way, neurons after 1/16; since engine 0.4.0 both half-way) ran 38% fewer image-steps, and
/// the time fell in proportion (AtlasBenchmark, width 1024, one thread, loaded machine:
/// 7.75 → 4.94 s).
///
/// Not thread-safe: it drives the network's own buffers, and it changes (and restores) the
/// layers' gradient switches during `visualise`.
public final class FeatureVisualiser {
    public let network: Network
    public let shape: ImageShape
    public let pixelMean: Float
    public let pixelStandardDeviation: Float
    public let settings: VisualisationSettings

    let pipeline: AscentPipeline
    private let adam: AdamAscent
    private let coefficients: Matrix
    private let coefficientGradient: Matrix

    /// - Parameters:
    ///   - network: the trained network (not modified; its gradient switches are restored).
    ///   - shape: the input images' shape; must have as many values as the network's input.
    ///   - pixelMean, pixelStandardDeviation: the data's standardisation, (pixel − mean) / std
    ///     for pixels in [0, 1].
    public init(network: Network, shape: ImageShape, pixelMean: Float, pixelStandardDeviation: Float,
                settings: VisualisationSettings = VisualisationSettings()) {
        precondition(settings.steps >= 0 && settings.restarts >= 1, "need steps ≥ 0 and at least one restart")
        precondition(settings.scaleRange.lowerBound > 0, "scales must be positive")
        self.network = network
        self.shape = shape
        self.pixelMean = pixelMean
        self.pixelStandardDeviation = pixelStandardDeviation
        self.settings = settings
        pipeline = AscentPipeline(network: network, shape: shape, pixelMean: pixelMean,
                                  pixelStandardDeviation: pixelStandardDeviation, decay: settings.spectrumDecay)
        let capacity = network.batchCapacity
        adam = AdamAscent(learningRate: settings.learningRate, rows: capacity, cols: shape.count)
        coefficients = Matrix(rows: capacity, cols: shape.count)
        coefficientGradient = Matrix(rows: capacity, cols: shape.count)
    }

    /// One image per target. All targets × restarts are optimised together as rows of one batch (in chunks of at
    /// most network.batchCapacity rows), so every step is a few large GEMMs. Deterministic from `seed`.
    /// `progress(done, total)` is called every few steps.
    ///
    /// Each (target, restart) row draws its start and its transforms from a stream of its own,
    /// derived from `seed` and the row's index, so a row's random choices do not depend on how
    /// rows are chunked. A target's restarts run side by side for its selection step (its own
    /// `selectionStep`, else the settings'); then only its best goes on, with its own stream and
    /// Adam moments, for the remaining steps. `progress` counts image-steps: per target
    /// restarts × selection + the rest.
    public func visualise(_ targets: [VisualisationTarget], seed: UInt64,
                          progress: (Int, Int) -> Void = { _, _ in }) -> [VisualisedInput] {
        guard !targets.isEmpty else { return [] }
        for target in targets {
            precondition(target.direction.count == network.featureWidth,
                         "a target of width \(target.direction.count) for \(network.featureWidth) features")
        }
        let objectives = targets.map(VisualisationObjective.init)
        let restarts = settings.restarts, steps = settings.steps
        let selections = targets.map { max(0, min($0.selectionStep ?? settings.selectionStep, steps)) }
        let total = selections.reduce(0) { $0 + restarts * $1 + (steps - $1) }
        var done = 0
        var rows = (0..<(targets.count * restarts)).map {
            AscentRow(target: $0 / restarts, stream: RandomStream(seed: Self.rowSeed(seed, row: $0)),
                      parameters: shape.count)
        }
        pipeline.withInputGradients {
            // Every row goes on to the next step at which some target compares its restarts (the
            // last step included, to finish them all); there the targets comparing keep their best.
            var from = 0
            for boundary in Set(selections).union([steps]).sorted() {
                advance(&rows, objectives: objectives, steps: from..<boundary) { done += $0; progress(done, total) }
                from = boundary
                rows = Self.keepingBest(rows) { selections[$0] == boundary }
            }
        }
        progress(total, total)
        return rows.map { VisualisedInput(pixels: $0.pixels, objective: $0.objective) }
    }

    /// The objective for given [0,1] pixels (no transforms), and the network's predicted class for them.
    public func objective(_ pixels: [Float], _ target: VisualisationTarget) -> Double {
        precondition(target.direction.count == network.featureWidth,
                     "a target of width \(target.direction.count) for \(network.featureWidth) features")
        let features = network.features(standardised(pixels))
        return VisualisationObjective(target).evaluate(features.base)
    }

    /// The class whose logit is largest for `pixels` (in [0, 1], no transforms).
    public func predictedClass(_ pixels: [Float]) -> Int {
        let logits = network.forward(standardised(pixels))
        var best = 0
        for k in 1..<logits.cols where logits.base[k] > logits.base[best] { best = k }
        return best
    }

    /// Runs ascent steps `steps` (numbered from the start, for Adam's bias correction) on every
    /// row, in balanced chunks of at most the pipeline's capacity (900 rows at capacity 256 run as
    /// 4 × 225, not 3 × 256 + 132), and leaves in each row its state, plain pixels and objective.
    /// `imageSteps(n)` hears of n more image-steps every few steps.
    private func advance(_ rows: inout [AscentRow], objectives: [VisualisationObjective], steps: Range<Int>,
                         imageSteps: (Int) -> Void) {
        let chunks = (rows.count + pipeline.capacity - 1) / pipeline.capacity
        let chunkSize = (rows.count + chunks - 1) / chunks
        for start in stride(from: 0, to: rows.count, by: chunkSize) {
            let range = start..<min(start + chunkSize, rows.count)
            load(rows[range])
            var streams = rows[range].map(\.stream)
            let rowObjectives = rows[range].map { objectives[$0.target] }
            let final = ascend(rows: range.count, objectives: rowObjectives, streams: &streams, steps: steps) {
                imageSteps($0 * range.count)
            }
            for (r, i) in range.enumerated() {
                rows[i].stream = streams[r]
                rows[i].objective = final[r]
                let image = pipeline.pixels.base + r * shape.count
                rows[i].pixels = Array(UnsafeBufferPointer(start: image, count: shape.count))
            }
            store(into: &rows[range])
        }
    }

    /// `rows` with the restarts of each target for which `selecting` holds reduced to the one with
    /// the highest objective (the first of equals); the others' rows unchanged. A target's rows
    /// are consecutive.
    static func keepingBest(_ rows: [AscentRow], selecting: (Int) -> Bool) -> [AscentRow] {
        var kept: [AscentRow] = []
        kept.reserveCapacity(rows.count)
        var first = 0
        while first < rows.count {
            let target = rows[first].target
            var end = first + 1
            while end < rows.count && rows[end].target == target { end += 1 }
            if selecting(target) {
                kept.append(rows[first..<end].reduce(rows[first]) { $1.objective > $0.objective ? $1 : $0 })
            } else {
                kept.append(contentsOf: rows[first..<end])
            }
            first = end
        }
        return kept
    }

    /// Puts the coefficients and moments of `rows` into the batch layout and Adam.
    private func load(_ rows: ArraySlice<AscentRow>) {
        let count = rows.count
        coefficients.rows = count
        adam.resume(rows: count, steps: 0)
        for (r, row) in rows.enumerated() {
            var k = 0
            for ch in 0..<shape.channels {
                for u in 0..<shape.height {
                    for v in 0..<shape.width {
                        let index = pipeline.coefficientIndex(row: r, channel: ch, u, v, rows: count)
                        coefficients.base[index] = row.coefficients[k]
                        adam.firstMoment.base[index] = row.firstMoment[k]
                        adam.secondMoment.base[index] = row.secondMoment[k]
                        k += 1
                    }
                }
            }
        }
    }

    /// Takes the coefficients and moments of `rows` back out of the batch layout.
    private func store(into rows: inout ArraySlice<AscentRow>) {
        let count = rows.count
        for (r, i) in rows.indices.enumerated() {
            var k = 0
            for ch in 0..<shape.channels {
                for u in 0..<shape.height {
                    for v in 0..<shape.width {
                        let index = pipeline.coefficientIndex(row: r, channel: ch, u, v, rows: count)
                        rows[i].coefficients[k] = coefficients.base[index]
                        rows[i].firstMoment[k] = adam.firstMoment.base[index]
                        rows[i].secondMoment[k] = adam.secondMoment.base[index]
                        k += 1
                    }
                }
            }
        }
    }

    /// Runs `steps` on the `rows` loaded images and returns their final objectives, leaving their
    /// plain (untransformed) pixels in `pipeline.pixels`. `stepDone(k)` hears every few steps.
    private func ascend(rows: Int, objectives: [VisualisationObjective], streams: inout [RandomStream],
                        steps: Range<Int>, stepDone: (Int) -> Void) -> [Double] {
        let featureWidth = network.featureWidth
        adam.resume(rows: rows, steps: steps.lowerBound)
        var reported = 0
        for step in steps {
            for r in 0..<rows { pipeline.warp.prepare(row: r, .random(settings, &streams[r])) }
            let features = pipeline.forward(coefficients, rows: rows, warped: true)
            for r in 0..<rows {
                _ = objectives[r].evaluate(features.base + r * featureWidth,
                                           gradient: pipeline.featureGradient.base + r * featureWidth)
            }
            pipeline.backward(into: coefficientGradient)
            adam.step(coefficients, gradient: coefficientGradient)
            if (step + 1) % 16 == 0 { stepDone(step + 1 - steps.lowerBound - reported); reported = step + 1 - steps.lowerBound }
        }
        if reported < steps.count { stepDone(steps.count - reported) }
        let features = pipeline.forward(coefficients, rows: rows, warped: false)
        return (0..<rows).map { objectives[$0].evaluate(features.base + $0 * featureWidth) }
    }

    /// A 1-row network input holding `pixels` standardised.
    private func standardised(_ pixels: [Float]) -> Matrix {
        precondition(pixels.count == shape.count, "\(pixels.count) pixels for images of \(shape)")
        let x = Matrix(rows: 1, cols: shape.count)
        for i in 0..<pixels.count { x.base[i] = pipeline.standardise(pixels[i]) }
        return x
    }

    /// The seed of row `row`'s own stream: both mixed, so neighbouring rows and seeds share nothing.
    static func rowSeed(_ seed: UInt64, row: Int) -> UInt64 {
        SplitMix64.mix(SplitMix64.mix(seed) &+ UInt64(row))
    }
}
