import BenchmarkSupport
import Engine

/// One cblas_sgemm call of a training step: C(m×n) = op(A)·op(B), shared dimension k.
struct GemmShape: Hashable, Codable, Comparable {
    var transA: Bool
    var transB: Bool
    var m: Int
    var n: Int
    var k: Int

    var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    var label: String { "\(m)×\(n)×\(k) \(transA ? "T" : "N")\(transB ? "T" : "N")" }

    static func < (a: GemmShape, b: GemmShape) -> Bool {
        (a.m, a.n, a.k, a.transA ? 1 : 0, a.transB ? 1 : 0) < (b.m, b.n, b.k, b.transA ? 1 : 0, b.transB ? 1 : 0)
    }
}

/// The GEMMs one SGD step of an MLP executes in the engine (Dense.forward / Dense.backward):
/// per dense layer y = x·W (m = batch, n = fanOut, k = fanIn), ∂W = xᵀ·dy, and ∂x = dy·Wᵀ for
/// every layer but the first (Network turns the input gradient off there).
struct MLPGemmPlan {
    struct Call {
        var shape: GemmShape
        var role: String
        /// Forward GEMMs accumulate onto the bias-seeded output (beta = 1).
        var beta: Float
        var isForward: Bool
        var layer: Int
    }

    let depth: Int
    let width: Int
    let batch: Int
    /// (fanIn, fanOut) of each dense layer, input first.
    let layers: [(fanIn: Int, fanOut: Int)]
    /// In execution order: all forwards, then backward from the readout down.
    let calls: [Call]

    init(depth: Int, width: Int, inputs: Int, classes: Int, batch: Int) {
        self.depth = depth
        self.width = width
        self.batch = batch
        var layers: [(fanIn: Int, fanOut: Int)] = []
        var fanIn = inputs
        for _ in 0..<depth { layers.append((fanIn, width)); fanIn = width }
        layers.append((fanIn, classes))
        self.layers = layers
        var calls: [Call] = []
        for (i, l) in layers.enumerated() {
            calls.append(Call(shape: GemmShape(transA: false, transB: false, m: batch, n: l.fanOut, k: l.fanIn),
                              role: "forward \(l.fanIn)→\(l.fanOut)", beta: 1, isForward: true, layer: i))
        }
        for (i, l) in layers.enumerated().reversed() {
            calls.append(Call(shape: GemmShape(transA: true, transB: false, m: l.fanIn, n: l.fanOut, k: batch),
                              role: "∂W \(l.fanIn)→\(l.fanOut)", beta: 0, isForward: false, layer: i))
            if i > 0 {
                calls.append(Call(shape: GemmShape(transA: false, transB: true, m: batch, n: l.fanIn, k: l.fanOut),
                                  role: "∂x \(l.fanIn)→\(l.fanOut)", beta: 0, isForward: false, layer: i))
            }
        }
        self.calls = calls
    }

    /// Floating-point operations of all GEMMs of one step (2·m·n·k each).
    var flopsPerStep: Double { calls.reduce(0) { $0 + $1.shape.flops } }
}

/// Replays a plan's GEMMs on buffers laid out as the engine's layers own them (weights shared by
/// forward and ∂x, activations shared by forward and ∂W): the GEMM-only cost of a step, i.e. the
/// ceiling an engine with free elementwise work would reach.
final class GemmReplay {
    private let plan: MLPGemmPlan
    private var buffers: [UnsafeMutablePointer<Float>] = []
    private var operands: [(a: UnsafeMutablePointer<Float>, lda: Int, b: UnsafeMutablePointer<Float>, ldb: Int,
                            c: UnsafeMutablePointer<Float>, ldc: Int)] = []
    /// Seconds spent in forward and backward GEMMs, accumulated by `run(timed: true)`.
    private(set) var forwardSeconds = 0.0
    private(set) var backwardSeconds = 0.0

    init(plan: MLPGemmPlan) {
        self.plan = plan
        var rng = RandomStream(seed: 7)
        func buffer(_ count: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
            for i in 0..<count { p[i] = rng.nextUniform() - 0.5 }
            buffers.append(p)
            return p
        }
        let b = plan.batch
        // Per layer: input x (b×fanIn), weight W (fanIn×fanOut), output y (b×fanOut),
        // output gradient dy (b×fanOut), weight gradient dW, input gradient dx (b×fanIn).
        var perLayer: [(x: UnsafeMutablePointer<Float>, w: UnsafeMutablePointer<Float>, y: UnsafeMutablePointer<Float>,
                        dy: UnsafeMutablePointer<Float>, dw: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>)] = []
        var x = buffer(b * plan.layers[0].fanIn)
        for l in plan.layers {
            let y = buffer(b * l.fanOut)
            perLayer.append((x, buffer(l.fanIn * l.fanOut), y, buffer(b * l.fanOut), buffer(l.fanIn * l.fanOut), buffer(b * l.fanIn)))
            x = y
        }
        for call in plan.calls {
            let l = plan.layers[call.layer], p = perLayer[call.layer]
            switch (call.shape.transA, call.shape.transB) {
            case (false, false): operands.append((p.x, l.fanIn, p.w, l.fanOut, p.y, l.fanOut))
            case (true, false): operands.append((p.x, l.fanIn, p.dy, l.fanOut, p.dw, l.fanOut))
            default: operands.append((p.dy, l.fanOut, p.w, l.fanOut, p.dx, l.fanIn))
            }
        }
    }

    deinit { for p in buffers { p.deallocate() } }

    /// One step's GEMMs.
    func run() {
        for (call, o) in zip(plan.calls, operands) {
            BLAS.gemm(transA: call.shape.transA, transB: call.shape.transB,
                      m: call.shape.m, n: call.shape.n, k: call.shape.k,
                      a: o.a, lda: o.lda, b: o.b, ldb: o.ldb, beta: call.beta, c: o.c, ldc: o.ldc)
        }
    }

    /// One step's GEMMs, adding their time to `forwardSeconds` / `backwardSeconds`.
    func runTimed() {
        for (call, o) in zip(plan.calls, operands) {
            let start = monotonicSeconds()
            BLAS.gemm(transA: call.shape.transA, transB: call.shape.transB,
                      m: call.shape.m, n: call.shape.n, k: call.shape.k,
                      a: o.a, lda: o.lda, b: o.b, ldb: o.ldb, beta: call.beta, c: o.c, ldc: o.ldc)
            let elapsed = monotonicSeconds() - start
            if call.isForward { forwardSeconds += elapsed } else { backwardSeconds += elapsed }
        }
    }

    func resetTimers() { forwardSeconds = 0; backwardSeconds = 0 }
}
