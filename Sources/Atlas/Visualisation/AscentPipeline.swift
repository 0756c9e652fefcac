import Engine
import Glibc

/// The differentiable chain of one ascent step, for a batch of rows at once:
///
///     coefficients ─basis→ logits ─sigmoid→ pixels ─warp→ ─standardise→ network → features
///
/// and back (with the one deviation from the exact gradient documented at `redirectDeadRows`).
/// Coefficients and logits of a batch of R images are stored frequency-row-major over
/// its R·c channel planes (see `SpectralBasis`), so the basis is two sgemms for the whole batch;
/// a coefficient matrix holds R·c·h·w floats for R "rows" but its rows are not images. Pixels
/// and network inputs are NHWC like the data. Every buffer is allocated here for `capacity`
/// images; a step allocates nothing.
final class AscentPipeline {
    let network: Network
    let shape: ImageShape
    let basis: SpectralBasis
    let pixelMean: Float
    /// 1 / pixel standard deviation.
    let pixelScale: Float
    let capacity: Int
    /// The robustness transform of each row, tabulated by the caller before a warped forward.
    let warp: BilinearWarp

    /// σ(logits): the image in [0, 1] of each row, NHWC.
    let pixels: Matrix
    /// ∂objective/∂features of each row, filled by the caller between forward and backward.
    let featureGradient: Matrix
    private let logits: Matrix
    private let basisScratch: Matrix
    private let inputs: Matrix
    private let pixelGradient: Matrix
    private let logitGradient: Matrix
    /// The network without its readout: input → penultimate features.
    let featureLayers: [Layer]
    /// Each feature layer's input in the last forward (the previous layer's output buffer).
    private(set) var layerInputs: [Matrix?]
    private var lastRows = 0
    private var lastWarped = false

    init(network: Network, shape: ImageShape, pixelMean: Float, pixelStandardDeviation: Float, decay: Float) {
        precondition(shape.count == network.config.inputShape.count,
                     "images of \(shape) do not fit a network with inputs of \(network.config.inputShape)")
        precondition(pixelStandardDeviation > 0, "pixel standard deviation must be positive")
        self.network = network
        self.shape = shape
        basis = SpectralBasis(height: shape.height, width: shape.width, decay: decay)
        self.pixelMean = pixelMean
        pixelScale = 1 / pixelStandardDeviation
        capacity = network.batchCapacity
        featureLayers = Array(network.layers.dropLast())
        layerInputs = Array(repeating: nil, count: featureLayers.count)
        warp = BilinearWarp(shape: shape, capacity: capacity)
        let n = shape.count, planes = capacity * shape.channels, plane = shape.height * shape.width
        pixels = Matrix(rows: capacity, cols: n)
        featureGradient = Matrix(rows: capacity, cols: network.featureWidth)
        logits = Matrix(rows: planes, cols: plane)
        basisScratch = Matrix(rows: planes, cols: plane)
        inputs = Matrix(rows: capacity, cols: n)
        pixelGradient = Matrix(rows: capacity, cols: n)
        logitGradient = Matrix(rows: planes, cols: plane)
    }

    /// Coefficients per image (c·h·w).
    var parametersPerRow: Int { shape.count }

    /// Where coefficient (u, v) of `channel` of image `row` sits in a batch of `rows` images.
    @inline(__always) func coefficientIndex(row: Int, channel: Int, _ u: Int, _ v: Int, rows: Int) -> Int {
        basis.index(u, v, plane: row * shape.channels + channel, planes: rows * shape.channels)
    }

    /// The network input for a pixel value: the data's standardisation.
    @inline(__always) func standardise(_ pixel: Float) -> Float { (pixel - pixelMean) * pixelScale }

    /// Runs `body` with the network set up for input gradients: every layer computes its input
    /// gradient (the network turns it off on layer 0) and no layer spends time on parameter
    /// gradients. The network's own settings are restored afterwards.
    func withInputGradients<T>(_ body: () throws -> T) rethrows -> T {
        let layers = network.layers
        let inputFlags = layers.map(\.computesInputGradient)
        let parameterFlags = layers.map(Self.computesParameterGradients)
        for layer in layers {
            layer.computesInputGradient = true
            Self.setComputesParameterGradients(layer, false)
        }
        defer {
            for (i, layer) in layers.enumerated() {
                layer.computesInputGradient = inputFlags[i]
                Self.setComputesParameterGradients(layer, parameterFlags[i])
            }
        }
        return try body()
    }

    /// Penultimate features of a batch of `rows` images given by their coefficients, through the
    /// warp of each image (as last prepared in `warp`) when `warped`, else of the plain images.
    func forward(_ coefficients: Matrix, rows: Int, warped: Bool) -> Matrix {
        precondition(rows > 0 && rows <= capacity, "\(rows) rows for a pipeline of capacity \(capacity)")
        precondition(coefficients.count == rows * shape.count, "coefficients for \(coefficients.rows), not \(rows), images")
        let c = shape.channels, (h, w) = (shape.height, shape.width), n = shape.count
        logits.rows = rows * c
        basis.synthesise(coefficients.base, planes: rows * c, scratch: basisScratch.base, into: logits.base)
        pixels.rows = rows
        inputs.rows = rows
        for r in 0..<rows {
            let image = pixels.base + r * n
            for ch in 0..<c {
                for y in 0..<h {
                    let logit = logits.base + coefficientIndex(row: r, channel: ch, y, 0, rows: rows)
                    let out = image + y * w * c + ch
                    for x in 0..<w { out[x * c] = 1 / (1 + exp(-logit[x])) }
                }
            }
            let input = inputs.base + r * n
            if warped {
                warp.apply(row: r, image, into: input)
                for i in 0..<n { input[i] = standardise(input[i]) }
            } else {
                for i in 0..<n { input[i] = standardise(image[i]) }
            }
        }
        lastRows = rows
        lastWarped = warped
        // Layer by layer rather than `network.features`, to keep each layer's input for the
        // redirected ReLU gradient in `backward`.
        var x = inputs
        for (i, layer) in featureLayers.enumerated() {
            layerInputs[i] = x
            x = layer.forward(x)
        }
        return x
    }

    /// ∂objective/∂coefficients of the last forward's rows, from `featureGradient`.
    /// Needs `withInputGradients` around the forward and backward.
    func backward(into coefficientGradient: Matrix) {
        let rows = lastRows, c = shape.channels, (h, w) = (shape.height, shape.width), n = shape.count
        featureGradient.rows = rows
        var g = featureGradient
        for i in featureLayers.indices.reversed() {
            let inputGradient = featureLayers[i].backward(g)
            if featureLayers[i] is ReLU, let preActivation = layerInputs[i] {
                Self.redirectDeadRows(inputGradient, outputGradient: g, preActivation: preActivation)
            }
            g = inputGradient
        }
        pixelGradient.rows = rows
        logitGradient.rows = rows * c
        for r in 0..<rows {
            let inputGradient = g.base + r * n
            let imageGradient: UnsafeMutablePointer<Float>
            if lastWarped {
                imageGradient = pixelGradient.base + r * n
                warp.applyAdjoint(row: r, inputGradient, into: imageGradient)
            } else {
                imageGradient = inputGradient
            }
            // Through the standardisation (a scale) and the sigmoid (σ' = σ(1 − σ)), back to the
            // basis layout.
            let image = pixels.base + r * n
            for ch in 0..<c {
                for y in 0..<h {
                    let out = logitGradient.base + coefficientIndex(row: r, channel: ch, y, 0, rows: rows)
                    let s = image + y * w * c + ch, dy = imageGradient + y * w * c + ch
                    for x in 0..<w { out[x] = dy[x * c] * pixelScale * s[x * c] * (1 - s[x * c]) }
                }
            }
        }
        coefficientGradient.rows = rows
        basis.analyseGradient(logitGradient.base, planes: rows * c, into: coefficientGradient.base)
    }

    /// Lucid's redirected ReLU gradient (lucid/misc/redirected_relu_grad.py): for a row whose
    /// gradient the ReLU blocks entirely, pass the output gradient wherever it would raise the
    /// pre-activation, instead of nothing.
    ///
    /// A unit that is off for the flat grey start image gets no gradient at all, and neither does
    /// a neuron target on it: the ascent would return the start image. (Without this, 6 of 25
    /// neuron targets of a Fashion-MNIST MLP came back flat grey.) Rows with any gradient through
    /// the ReLU keep the exact gradient, so a working ascent is unchanged.
    static func redirectDeadRows(_ inputGradient: Matrix, outputGradient: Matrix, preActivation: Matrix) {
        let n = inputGradient.cols
        for r in 0..<inputGradient.rows {
            let dx = inputGradient.base + r * n
            var blocked = true
            for i in 0..<n where dx[i] != 0 { blocked = false; break }
            guard blocked else { continue }
            let dy = outputGradient.base + r * n, z = preActivation.base + r * n
            for i in 0..<n { dx[i] = z[i] < 0 && dy[i] < 0 ? 0 : dy[i] }
        }
    }

    private static func computesParameterGradients(_ layer: Layer) -> Bool {
        switch layer {
        case let dense as Dense: return dense.computesParameterGradients
        case let conv as Conv2D: return conv.computesParameterGradients
        default: return false
        }
    }

    private static func setComputesParameterGradients(_ layer: Layer, _ value: Bool) {
        switch layer {
        case let dense as Dense: dense.computesParameterGradients = value
        case let conv as Conv2D: conv.computesParameterGradients = value
        default: break
        }
    }
}
