import Testing
@testable import Atlas
import Engine

/// ∂objective/∂coefficients through basis, sigmoid, a fixed warp, standardisation and a small
/// random network, against central differences of the objective.
@Suite struct VisualisationGradientTests {
    /// A 4×4×2 input (two channels exercise the batch layout ↔ NHWC shuffles), two hidden layers of 12.
    static let mlp = ModelConfig(architecture: .mlp(depth: 2), inputShape: ImageShape(height: 4, width: 4, channels: 2),
                                 classes: 3, width: 12, parameterization: .standard, baseWidth: 12)
    /// The CNN on 6×6 colour images: three channels, max-pooling and average pooling in the chain.
    static let cnn = ModelConfig(architecture: .cnn, inputShape: ImageShape(height: 6, width: 6, channels: 3),
                                 classes: 3, width: 2, parameterization: .standard, baseWidth: 2)

    static func makeVisualiser(rows: Int, config: ModelConfig = mlp) -> FeatureVisualiser {
        let network = Network(config: config, batchCapacity: rows, optimizer: .sgd, seed: 3)
        return FeatureVisualiser(network: network, shape: config.inputShape, pixelMean: 0.3, pixelStandardDeviation: 0.4)
    }

    /// Mismatch lines for `targets` (one per row) at random coefficients under fixed warps.
    func mismatches(_ config: ModelConfig = mlp, _ makeTargets: ([[Float]]) -> [VisualisationTarget]) -> [String] {
        let rows = 2
        let visualiser = Self.makeVisualiser(rows: rows, config: config)
        let pipeline = visualiser.pipeline
        let width = visualiser.network.featureWidth
        let coefficients = Matrix(rows: rows, cols: pipeline.parametersPerRow)
        var rng = RandomStream(seed: 9)
        for i in 0..<coefficients.count { coefficients.base[i] = rng.nextNormal() }
        pipeline.warp.prepare(row: 0, WarpTransform(shiftX: 1, shiftY: 0, scale: 1.08, rotation: 0.12))
        pipeline.warp.prepare(row: 1, WarpTransform(shiftX: 0, shiftY: -1, scale: 0.93, rotation: -0.15))

        return pipeline.withInputGradients {
            let start = pipeline.forward(coefficients, rows: rows, warped: true)
            let activations = (0..<rows).map { r in (0..<width).map { start[r, $0] } }
            let objectives = makeTargets(activations).map(VisualisationObjective.init)
            let total: () -> Double = {
                let f = pipeline.forward(coefficients, rows: rows, warped: true)
                return (0..<rows).reduce(0.0) { $0 + objectives[$1].evaluate(f.base + $1 * width) }
            }
            let f = pipeline.forward(coefficients, rows: rows, warped: true)
            for r in 0..<rows {
                _ = objectives[r].evaluate(f.base + r * width, gradient: pipeline.featureGradient.base + r * width)
            }
            let gradient = Matrix(rows: rows, cols: pipeline.parametersPerRow)
            pipeline.backward(into: gradient)
            let analytic = gradient.values

            var lines: [String] = []
            var kinks = 0
            let probes = stride(from: 0, to: coefficients.count, by: 3)
            for i in probes {
                // A ReLU or max-pool winner that switches inside ±step makes the objective
                // non-differentiable there. Comparing step sizes misses a switch very close to the
                // point (both differences then straddle it), so compare the switches themselves.
                let p = coefficients.base + i, saved = p.pointee, step: Float = 1e-2
                p.pointee = saved + step
                let plus = total(), onPlus = activity(pipeline)
                p.pointee = saved - step
                let minus = total(), onMinus = activity(pipeline)
                p.pointee = saved
                _ = total()
                if onPlus != onMinus || onPlus != activity(pipeline) { kinks += 1; continue }
                let numeric = (plus - minus) / Double(2 * step)
                if !agrees(Double(analytic[i]), numeric) { lines.append("coefficient \(i): analytic \(analytic[i]) vs numeric \(numeric)") }
            }
            if kinks * 4 > probes.underestimatedCount + 1 { lines.append("\(kinks) probes sat on kinks") }
            // Some gradient must be non-zero, or the comparison proves nothing.
            if analytic.allSatisfy({ abs($0) < 1e-6 }) { lines.append("the analytic gradient is zero") }
            return lines
        }
    }

    /// Which ReLU inputs were positive and which input won each max-pool window, in the
    /// pipeline's last forward.
    func activity(_ pipeline: AscentPipeline) -> [Int] {
        zip(pipeline.featureLayers, pipeline.layerInputs).flatMap { layer, input -> [Int] in
            guard let z = input else { return [] }
            switch layer {
            case is ReLU:
                return z.values.map { $0 > 0 ? 1 : 0 }
            case let pool as MaxPool2D:
                let (w, c) = (pool.inputShape.width, pool.inputShape.channels)
                var winners: [Int] = []
                for r in 0..<z.rows {
                    let image = z.base + r * z.cols
                    for oy in 0..<pool.outputShape.height {
                        for ox in 0..<pool.outputShape.width {
                            for ch in 0..<c {
                                let window = [0, c, w * c, w * c + c].map { (2 * oy * w + 2 * ox) * c + ch + $0 }
                                winners.append(window.max { image[$0] < image[$1] } ?? 0)
                            }
                        }
                    }
                }
                return winners
            default:
                return []
            }
        }
    }

    /// Float32 forward passes leave ~1e-6 of noise in the objective (±1.5e-4 in a difference at
    /// step 2e-3, which is why the step is not smaller); at 1e-2 the noise is ~5e-5 and the
    /// curvature error below 1e-4 relative. Gradients here are 1e-2…1, so a wrong index or a
    /// missing factor shows.
    func agrees(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 5e-5 + 5e-3 * max(abs(a), abs(b)) }

    @Test func directionTargetWithCosinePowerTwoMatchesFiniteDifferences() {
        // Directions near the start activations keep the cosine above its floor, so the cosine
        // term of the gradient is exercised; the whitened vectors are arbitrary.
        let lines = mismatches { activations in
            var rng = RandomStream(seed: 21)
            return activations.map { a in
                let v = a.map { $0 + 0.3 * abs(rng.nextNormal()) }
                let w = a.map { _ in rng.nextNormal() }
                return VisualisationTarget(direction: v, whitened: w, cosinePower: 2)
            }
        }
        #expect(lines == [])
    }

    @Test func cnnDirectionTargetMatchesFiniteDifferences() {
        let lines = mismatches(Self.cnn) { activations in
            var rng = RandomStream(seed: 22)
            return activations.map { a in
                let v = a.map { $0 + 0.3 * abs(rng.nextNormal()) }
                let w = a.map { _ in rng.nextNormal() }
                return VisualisationTarget(direction: v, whitened: w, cosinePower: 2)
            }
        }
        #expect(lines == [])
    }

    @Test func neuronTargetMatchesFiniteDifferences() {
        let lines = mismatches { activations in
            // The most active unit of each row, so it is alive at the probe point.
            activations.map { a in
                .neuron(a.indices.max { a[$0] < a[$1] } ?? 0, featureWidth: a.count)
            }
        }
        #expect(lines == [])
    }
}

/// The objective itself against hand-computed values and its gradient against differences.
@Suite struct VisualisationObjectiveTests {
    @Test func valueIsDotTimesCosinePower() {
        // a = (3, 4), v = (1, 0), w = (1, 1): d = 7, cos = 3/5, f = 7 · 0.36 = 2.52.
        let objective = VisualisationObjective(VisualisationTarget(direction: [1, 0], whitened: [1, 1], cosinePower: 2))
        let a: [Float] = [3, 4]
        #expect(abs(objective.evaluate(a) - 2.52) < 1e-12)
    }

    @Test func cosineBelowTheFloorIsClampedAndPassesNoGradient() {
        // a = (0, 2), v = (1, 0): cos = 0 < 0.1, so f = d · 0.1² with d = a·w = 2·3 = 6, and
        // ∂f/∂a = 0.01·w exactly (no term through the cosine).
        let objective = VisualisationObjective(VisualisationTarget(direction: [1, 0], whitened: [5, 3], cosinePower: 2))
        let a: [Float] = [0, 2]
        var g: [Float] = [0, 0]
        let f = objective.evaluate(a, gradient: &g)
        #expect(abs(f - 0.06) < 1e-12)
        #expect(abs(g[0] - 0.05) < 1e-7 && abs(g[1] - 0.03) < 1e-7)
    }

    @Test func neuronObjectiveIsTheUnitsActivation() {
        let objective = VisualisationObjective(.neuron(2, featureWidth: 4))
        let a: [Float] = [1, 5, 0.25, 3]
        var g: [Float] = [9, 9, 9, 9]
        #expect(objective.evaluate(a, gradient: &g) == 0.25)
        #expect(g == [0, 0, 1, 0])
    }

    @Test func gradientMatchesDifferencesInDouble() {
        // Activations in a cone around v so the cosine (k = 3) stays above its floor.
        var rng = RandomStream(seed: 2)
        let n = 7
        let v = (0..<n).map { _ in abs(rng.nextNormal()) }
        let w = (0..<n).map { _ in rng.nextNormal() }
        let objective = VisualisationObjective(VisualisationTarget(direction: v, whitened: w, cosinePower: 3))
        var a = v.map { $0 + 0.5 * abs(rng.nextNormal()) }
        var g = [Float](repeating: 0, count: n)
        _ = objective.evaluate(a, gradient: &g)
        for i in 0..<n {
            let saved = a[i], h: Float = 1e-2
            a[i] = saved + h; let plus = objective.evaluate(a)
            a[i] = saved - h; let minus = objective.evaluate(a)
            a[i] = saved
            let numeric = (plus - minus) / Double(2 * h)
            #expect(abs(numeric - Double(g[i])) < 1e-3 + 1e-3 * abs(numeric), "unit \(i): \(g[i]) vs \(numeric)")
        }
    }
}

/// Lucid's redirected ReLU gradient, used only for rows the ReLU blocks entirely.
@Suite struct VisualisationReLURedirectTests {
    @Test func blockedRowPassesGradientThatRaisesThePreActivation() {
        // Row 0: every unit off, gradient fully blocked → redirected, except where z < 0 and the
        // gradient would push z lower. Row 1: one unit on, so its exact gradient is kept.
        let z = Matrix(rows: 2, cols: 3, values: [-1, -2, -0.5, -1, 2, -3])
        let dy = Matrix(rows: 2, cols: 3, values: [0.5, -0.25, 2, 0.5, -0.25, 2])
        let dx = Matrix(rows: 2, cols: 3, values: [0, 0, 0, 0, -0.25, 0])
        AscentPipeline.redirectDeadRows(dx, outputGradient: dy, preActivation: z)
        #expect(dx.values == [0.5, 0, 2, 0, -0.25, 0])
    }
}
