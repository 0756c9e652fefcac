import Engine

/// Finds, for each target direction in a frozen network's penultimate layer, an input image the
/// network maps close to it: regularised gradient ascent on the image (Olah et al. 2017), as
/// used for the tiles of an activation atlas (Carter et al. 2019).
///
/// The image is parameterised in a 1/f-scaled DCT basis through a sigmoid (`SpectralBasis`),
/// randomly jittered, zoomed and rotated at every step (`WarpTransform`), standardised like the
/// training data, and pushed through the network; Adam climbs the target's objective
/// (`VisualisationTarget`). Several random starts per target run side by side and the one with
/// the best objective on the plain, untransformed image is kept. Backward through the network
/// uses the layers' own `backward` with parameter gradients switched off, plus Lucid's
/// redirected ReLU gradient for rows a ReLU blocks entirely (`AscentPipeline`).
///
/// Speed (release, OPENBLAS_CORETYPE=SkylakeX, 2 vCPUs with AVX-512): 325 targets ×
/// 3 restarts × 256 steps on 28×28 inputs, width 1024, chunks of 244 images (capacity 256):
/// one hidden layer 10.0 s on 2 BLAS threads, 14.2 s on 1; two hidden layers 15.5 s and 23.6 s.
/// About half of it is sgemm; the rest is the per-pixel warp (~11 ns a pixel for table,
/// forward and adjoint), sigmoid, objective and Adam, all single-threaded.
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
    /// rows are chunked. `progress` counts image-steps: total = targets × restarts × steps.
    public func visualise(_ targets: [VisualisationTarget], seed: UInt64,
                          progress: (Int, Int) -> Void = { _, _ in }) -> [VisualisedInput] {
        guard !targets.isEmpty else { return [] }
        for target in targets {
            precondition(target.direction.count == network.featureWidth,
                         "a target of width \(target.direction.count) for \(network.featureWidth) features")
        }
        let objectives = targets.map(VisualisationObjective.init)
        let restarts = settings.restarts, steps = settings.steps
        let totalRows = targets.count * restarts
        // Balanced chunks: 900 rows at capacity 256 run as 4 × 225, not 3 × 256 + 132.
        let chunks = (totalRows + pipeline.capacity - 1) / pipeline.capacity
        let chunkSize = (totalRows + chunks - 1) / chunks
        let total = totalRows * steps
        var done = 0
        var best = [VisualisedInput?](repeating: nil, count: targets.count)
        pipeline.withInputGradients {
            for start in stride(from: 0, to: totalRows, by: chunkSize) {
                let rows = min(chunkSize, totalRows - start)
                let rowObjectives = (0..<rows).map { objectives[(start + $0) / restarts] }
                let final = ascend(rows: rows, firstRow: start, objectives: rowObjectives, seed: seed) { stepsDone in
                    progress(done + stepsDone * rows, total)
                }
                done += rows * steps
                for r in 0..<rows {
                    let t = (start + r) / restarts
                    if best[t].map({ final[r] > $0.objective }) ?? true {
                        let image = pipeline.pixels.base + r * shape.count
                        best[t] = VisualisedInput(pixels: Array(UnsafeBufferPointer(start: image, count: shape.count)),
                                                  objective: final[r])
                    }
                }
            }
        }
        progress(total, total)
        // Every target owns `restarts` ≥ 1 rows, so each has a best.
        return best.compactMap { $0 }
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

    /// Runs the ascent on `rows` fresh images and returns their final objectives, leaving their
    /// plain (untransformed) pixels in `pipeline.pixels`. `stepDone(k)` hears every few steps.
    private func ascend(rows: Int, firstRow: Int, objectives: [VisualisationObjective], seed: UInt64,
                        stepDone: (Int) -> Void) -> [Double] {
        let featureWidth = network.featureWidth
        var streams = (0..<rows).map { RandomStream(seed: Self.rowSeed(seed, row: firstRow + $0)) }
        coefficients.rows = rows
        // Lucid's start: small noise around zero logits, i.e. a flat grey image. Each image draws
        // its coefficients in (channel, u, v) order, wherever the batch layout puts them.
        for r in 0..<rows {
            for ch in 0..<shape.channels {
                for u in 0..<shape.height {
                    for v in 0..<shape.width {
                        coefficients.base[pipeline.coefficientIndex(row: r, channel: ch, u, v, rows: rows)] =
                            0.01 * streams[r].nextNormal()
                    }
                }
            }
        }
        adam.reset(rows: rows)
        for step in 0..<settings.steps {
            for r in 0..<rows { pipeline.warp.prepare(row: r, .random(settings, &streams[r])) }
            let features = pipeline.forward(coefficients, rows: rows, warped: true)
            for r in 0..<rows {
                _ = objectives[r].evaluate(features.base + r * featureWidth,
                                           gradient: pipeline.featureGradient.base + r * featureWidth)
            }
            pipeline.backward(into: coefficientGradient)
            adam.step(coefficients, gradient: coefficientGradient)
            if (step + 1) % 16 == 0 { stepDone(step + 1) }
        }
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
