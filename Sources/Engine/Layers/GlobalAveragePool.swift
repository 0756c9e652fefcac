/// Averages each channel over all pixels: NHWC (h·w·c per example) → c per example.
public final class GlobalAveragePool: Layer {
    public let inputShape: ImageShape
    public var parameters: [Parameter] { [] }
    public var computesInputGradient = true
    public var outputWidth: Int { inputShape.channels }

    private let output: Matrix
    private let inputGradient: Matrix

    public init(input: ImageShape, batchCapacity: Int) {
        inputShape = input
        output = Matrix(rows: batchCapacity, cols: input.channels)
        inputGradient = Matrix(rows: batchCapacity, cols: input.count)
    }

    public func forward(_ x: Matrix) -> Matrix {
        let c = inputShape.channels, pixels = inputShape.height * inputShape.width
        let scale = 1 / Float(pixels)
        output.rows = x.rows
        output.zero()
        for n in 0..<x.rows {
            let out = output.base + n * c
            var src = x.base + n * inputShape.count
            for _ in 0..<pixels {
                for ch in 0..<c { out[ch] += src[ch] }
                src += c
            }
            for ch in 0..<c { out[ch] *= scale }
        }
        return output
    }

    public func backward(_ dy: Matrix) -> Matrix {
        let c = inputShape.channels, pixels = inputShape.height * inputShape.width
        let scale = 1 / Float(pixels)
        inputGradient.rows = dy.rows
        for n in 0..<dy.rows {
            let g = dy.base + n * c
            var dst = inputGradient.base + n * inputShape.count
            for _ in 0..<pixels {
                for ch in 0..<c { dst[ch] = g[ch] * scale }
                dst += c
            }
        }
        return inputGradient
    }
}
