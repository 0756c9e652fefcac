/// 3×3-style convolution with zero "same" padding, computed as im2col followed by one sgemm for
/// the whole batch. Activations are NHWC, so the im2col matrix has one row per output pixel of
/// every example (batch·outH·outW rows, kernel²·inChannels columns) and the product with the
/// weights (kernel²·inChannels × outChannels) is already the NHWC output.
public final class Conv2D: Layer {
    public let inputShape: ImageShape
    public let outputShape: ImageShape
    public let kernel: Int
    public let stride: Int
    public let role: LayerRole
    public let weight: Parameter
    public let bias: Parameter
    public var computesInputGradient = true
    /// False makes `backward` skip ∂L/∂W and ∂L/∂b (the gradients keep their previous values).
    /// Feature visualisation differentiates a frozen network with respect to its input only, and
    /// the weight gradient is half of the backward GEMMs.
    public var computesParameterGradients = true
    public var outputWidth: Int { outputShape.count }
    public var parameters: [Parameter] { [weight, bias] }
    /// Inputs feeding one output channel: the fan-in used for initialisation.
    public var fanIn: Int { kernel * kernel * inputShape.channels }

    private let padding: Int
    private let columns: Matrix
    private let columnGradient: Matrix
    private let output: Matrix
    private let inputGradient: Matrix

    public init(input: ImageShape, outChannels: Int, kernel: Int = 3, stride: Int = 1,
                role: LayerRole, batchCapacity: Int, name: String) {
        precondition(kernel % 2 == 1, "odd kernels only, for symmetric same padding")
        inputShape = input
        self.kernel = kernel
        self.stride = stride
        self.role = role
        padding = kernel / 2
        outputShape = ImageShape(
            height: (input.height + 2 * padding - kernel) / stride + 1,
            width: (input.width + 2 * padding - kernel) / stride + 1,
            channels: outChannels)
        let patch = kernel * kernel * input.channels
        weight = Parameter(name: "\(name).weight", rows: patch, cols: outChannels, decays: true)
        bias = Parameter(name: "\(name).bias", rows: 1, cols: outChannels, decays: false)
        let pixels = outputShape.height * outputShape.width
        columns = Matrix(rows: batchCapacity * pixels, cols: patch)
        columnGradient = Matrix(rows: batchCapacity * pixels, cols: patch)
        output = Matrix(rows: batchCapacity, cols: outputShape.count)
        inputGradient = Matrix(rows: batchCapacity, cols: input.count)
    }

    public func forward(_ x: Matrix) -> Matrix {
        precondition(x.cols == inputShape.count, "Conv2D expects \(inputShape) inputs")
        let batch = x.rows
        let pixels = batch * outputShape.height * outputShape.width
        let outC = outputShape.channels, patch = weight.value.rows
        columns.rows = pixels
        im2col(x.base, batch: batch)
        output.rows = batch
        let out = output.base, b = bias.value.base
        for p in 0..<pixels { (out + p * outC).update(from: b, count: outC) }
        BLAS.gemm(m: pixels, n: outC, k: patch, a: columns.base, lda: patch,
                  b: weight.value.base, ldb: outC, beta: 1, c: out, ldc: outC)
        return output
    }

    public func backward(_ dy: Matrix) -> Matrix {
        let batch = dy.rows
        let pixels = batch * outputShape.height * outputShape.width
        let outC = outputShape.channels, patch = weight.value.rows
        if computesParameterGradients {
            BLAS.gemm(transA: true, m: patch, n: outC, k: pixels, a: columns.base, lda: patch,
                      b: dy.base, ldb: outC, c: weight.gradient.base, ldc: outC)
            let db = bias.gradient.base
            db.update(repeating: 0, count: outC)
            for p in 0..<pixels {
                let row = dy.base + p * outC
                for c in 0..<outC { db[c] += row[c] }
            }
        }
        inputGradient.rows = batch
        if computesInputGradient {
            columnGradient.rows = pixels
            BLAS.gemm(transB: true, m: pixels, n: patch, k: outC, a: dy.base, lda: outC,
                      b: weight.value.base, ldb: outC, c: columnGradient.base, ldc: patch)
            col2im(into: inputGradient.base, batch: batch)
        }
        return inputGradient
    }

    /// Gathers each output pixel's receptive field (kernel rows × kernel cols × channels, zero
    /// outside the image) into one row of `columns`.
    private func im2col(_ x: UnsafeMutablePointer<Float>, batch: Int) {
        let (h, w, c) = (inputShape.height, inputShape.width, inputShape.channels)
        let (oh, ow) = (outputShape.height, outputShape.width)
        let patch = kernel * kernel * c
        var row = columns.base
        for n in 0..<batch {
            let image = x + n * h * w * c
            for oy in 0..<oh {
                for ox in 0..<ow {
                    var dst = row
                    for ky in 0..<kernel {
                        let iy = oy * stride + ky - padding
                        for kx in 0..<kernel {
                            let ix = ox * stride + kx - padding
                            if iy >= 0 && iy < h && ix >= 0 && ix < w {
                                dst.update(from: image + (iy * w + ix) * c, count: c)
                            } else {
                                dst.update(repeating: 0, count: c)
                            }
                            dst += c
                        }
                    }
                    row += patch
                }
            }
        }
    }

    /// The adjoint of `im2col`: scatter-adds each row of `columnGradient` back onto the pixels it
    /// was gathered from.
    private func col2im(into dx: UnsafeMutablePointer<Float>, batch: Int) {
        let (h, w, c) = (inputShape.height, inputShape.width, inputShape.channels)
        let (oh, ow) = (outputShape.height, outputShape.width)
        let patch = kernel * kernel * c
        dx.update(repeating: 0, count: batch * h * w * c)
        var row = UnsafePointer(columnGradient.base)
        for n in 0..<batch {
            let image = dx + n * h * w * c
            for oy in 0..<oh {
                for ox in 0..<ow {
                    var src = row
                    for ky in 0..<kernel {
                        let iy = oy * stride + ky - padding
                        for kx in 0..<kernel {
                            let ix = ox * stride + kx - padding
                            if iy >= 0 && iy < h && ix >= 0 && ix < w {
                                let pixel = image + (iy * w + ix) * c
                                for ch in 0..<c { pixel[ch] += src[ch] }
                            }
                            src += c
                        }
                    }
                    row += patch
                }
            }
        }
    }
}
