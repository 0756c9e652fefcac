/// Non-overlapping 2×2 max pooling with stride 2 on NHWC activations (odd edges are dropped).
public final class MaxPool2D: Layer {
    public let inputShape: ImageShape
    public let outputShape: ImageShape
    public var parameters: [Parameter] { [] }
    public var computesInputGradient = true
    public var outputWidth: Int { outputShape.count }

    private let output: Matrix
    private let inputGradient: Matrix
    /// For each output value, the flat index (within its example) of the input that won.
    private let winners: UnsafeMutablePointer<Int32>

    public init(input: ImageShape, batchCapacity: Int) {
        inputShape = input
        outputShape = ImageShape(height: input.height / 2, width: input.width / 2, channels: input.channels)
        output = Matrix(rows: batchCapacity, cols: outputShape.count)
        inputGradient = Matrix(rows: batchCapacity, cols: input.count)
        winners = .allocate(capacity: max(1, batchCapacity * outputShape.count))
    }

    deinit { winners.deallocate() }

    public func forward(_ x: Matrix) -> Matrix {
        let (w, c) = (inputShape.width, inputShape.channels)
        let (oh, ow) = (outputShape.height, outputShape.width)
        output.rows = x.rows
        for n in 0..<x.rows {
            let image = x.base + n * inputShape.count
            let out = output.base + n * outputShape.count
            let win = winners + n * outputShape.count
            for oy in 0..<oh {
                for ox in 0..<ow {
                    for ch in 0..<c {
                        // The four candidates; ties go to the first (top-left) one.
                        let topLeft = (2 * oy * w + 2 * ox) * c + ch
                        var best = topLeft
                        if image[topLeft + c] > image[best] { best = topLeft + c }
                        if image[topLeft + w * c] > image[best] { best = topLeft + w * c }
                        if image[topLeft + w * c + c] > image[best] { best = topLeft + w * c + c }
                        let o = (oy * ow + ox) * c + ch
                        out[o] = image[best]
                        win[o] = Int32(best)
                    }
                }
            }
        }
        return output
    }

    public func backward(_ dy: Matrix) -> Matrix {
        inputGradient.rows = dy.rows
        inputGradient.zero()
        for n in 0..<dy.rows {
            let g = dy.base + n * outputShape.count
            let dx = inputGradient.base + n * inputShape.count
            let win = winners + n * outputShape.count
            for o in 0..<outputShape.count { dx[Int(win[o])] += g[o] }
        }
        return inputGradient
    }
}
