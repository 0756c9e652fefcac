/// Fully connected layer y = x·W + b with W stored input-major (fanIn × fanOut).
public final class Dense: Layer {
    public let fanIn: Int
    public let fanOut: Int
    public let role: LayerRole
    public let weight: Parameter
    public let bias: Parameter
    public var computesInputGradient = true
    /// False makes `backward` skip ∂L/∂W and ∂L/∂b (the gradients keep their previous values).
    /// Feature visualisation differentiates a frozen network with respect to its input only, and
    /// the weight gradient is half of the backward GEMMs.
    public var computesParameterGradients = true
    public var outputWidth: Int { fanOut }
    public var parameters: [Parameter] { [weight, bias] }

    private let output: Matrix
    private let inputGradient: Matrix
    private var input: Matrix?

    public init(fanIn: Int, fanOut: Int, role: LayerRole, batchCapacity: Int, name: String) {
        self.fanIn = fanIn
        self.fanOut = fanOut
        self.role = role
        weight = Parameter(name: "\(name).weight", rows: fanIn, cols: fanOut, decays: true)
        bias = Parameter(name: "\(name).bias", rows: 1, cols: fanOut, decays: false)
        output = Matrix(rows: batchCapacity, cols: fanOut)
        inputGradient = Matrix(rows: batchCapacity, cols: fanIn)
    }

    public func forward(_ x: Matrix) -> Matrix {
        precondition(x.cols == fanIn, "Dense expects \(fanIn) inputs, got \(x.cols)")
        input = x
        output.rows = x.rows
        // Seed every row with the bias, then accumulate the product on top (beta = 1).
        let out = output.base, b = bias.value.base
        for r in 0..<x.rows { (out + r * fanOut).update(from: b, count: fanOut) }
        BLAS.gemm(m: x.rows, n: fanOut, k: fanIn, a: x.base, lda: fanIn,
                  b: weight.value.base, ldb: fanOut, beta: 1, c: out, ldc: fanOut)
        return output
    }

    public func backward(_ dy: Matrix) -> Matrix {
        guard let x = input else { preconditionFailure("Dense.backward before forward") }
        let batch = dy.rows
        if computesParameterGradients {
            // ∂L/∂W = xᵀ·dy
            BLAS.gemm(transA: true, m: fanIn, n: fanOut, k: batch, a: x.base, lda: fanIn,
                      b: dy.base, ldb: fanOut, c: weight.gradient.base, ldc: fanOut)
            // ∂L/∂b = column sums of dy (row-outer so the inner loop vectorises).
            let db = bias.gradient.base
            db.update(repeating: 0, count: fanOut)
            for r in 0..<batch {
                let row = dy.base + r * fanOut
                for c in 0..<fanOut { db[c] += row[c] }
            }
        }
        inputGradient.rows = batch
        if computesInputGradient {
            // ∂L/∂x = dy·Wᵀ
            BLAS.gemm(transB: true, m: batch, n: fanIn, k: fanOut, a: dy.base, lda: fanOut,
                      b: weight.value.base, ldb: fanOut, c: inputGradient.base, ldc: fanIn)
        }
        return inputGradient
    }
}
