import Testing
@testable import Engine

/// Each layer's backward pass against finite differences of the scalar f(x) = Σ c ⊙ layer(x),
/// for the input gradient and for every parameter.
@Suite struct LayerGradientTests {
    func check(_ layer: Layer, inputWidth: Int, batch: Int = 3, seed: UInt64 = 1) -> [String] {
        layer.computesInputGradient = true
        let x = Matrix(rows: batch, cols: inputWidth)
        GradientCheck.fillRandom(x, seed: seed)
        for (i, p) in layer.parameters.enumerated() { GradientCheck.fillRandom(p.value, seed: seed + 10 + UInt64(i), scale: 0.5) }
        let c = Matrix(rows: batch, cols: layer.outputWidth)
        GradientCheck.fillRandom(c, seed: seed + 100)
        let f: () -> Double = {
            let y = layer.forward(x)
            var s = 0.0
            for i in 0..<y.count { s += Double(y.base[i]) * Double(c.base[i]) }
            return s
        }
        _ = layer.forward(x)
        let dx = layer.backward(c)
        let analyticInput = dx.values
        let analyticParams = layer.parameters.map(\.gradient.values)
        var mismatches = GradientMismatches()
        for i in GradientCheck.probes(x.count) {
            mismatches.check("input", index: i, analytic: Double(analyticInput[i]),
                             numeric: GradientCheck.numeric(f, at: x.base + i))
        }
        for (p, analytic) in zip(layer.parameters, analyticParams) {
            for i in GradientCheck.probes(p.count) {
                mismatches.check(p.name, index: i, analytic: Double(analytic[i]),
                                 numeric: GradientCheck.numeric(f, at: p.value.base + i))
            }
        }
        return mismatches.lines
    }

    @Test func denseGradientsMatchFiniteDifferences() {
        #expect(check(Dense(fanIn: 5, fanOut: 4, role: .hidden, batchCapacity: 3, name: "d"), inputWidth: 5) == [])
    }

    @Test func reluGradientMatchesFiniteDifferences() {
        #expect(check(ReLU(width: 7, batchCapacity: 3), inputWidth: 7) == [])
    }

    @Test func convolutionGradientsMatchFiniteDifferences() {
        let shape = ImageShape(height: 5, width: 4, channels: 2)
        let conv = Conv2D(input: shape, outChannels: 3, role: .hidden, batchCapacity: 3, name: "c")
        #expect(check(conv, inputWidth: shape.count) == [])
    }

    @Test func stridedConvolutionGradientsMatchFiniteDifferences() {
        let shape = ImageShape(height: 6, width: 5, channels: 2)
        let conv = Conv2D(input: shape, outChannels: 2, stride: 2, role: .hidden, batchCapacity: 3, name: "c")
        #expect(conv.outputShape == ImageShape(height: 3, width: 3, channels: 2))
        #expect(check(conv, inputWidth: shape.count) == [])
    }

    @Test func maxPoolGradientMatchesFiniteDifferences() {
        let shape = ImageShape(height: 4, width: 6, channels: 3)
        #expect(check(MaxPool2D(input: shape, batchCapacity: 3), inputWidth: shape.count) == [])
    }

    @Test func globalAveragePoolGradientMatchesFiniteDifferences() {
        let shape = ImageShape(height: 3, width: 3, channels: 4)
        #expect(check(GlobalAveragePool(input: shape, batchCapacity: 3), inputWidth: shape.count) == [])
    }

    @Test func convolutionMatchesDirectSummation() {
        // A 3×3 same-padded convolution written out as the textbook quadruple sum.
        let shape = ImageShape(height: 4, width: 5, channels: 2)
        let conv = Conv2D(input: shape, outChannels: 3, role: .hidden, batchCapacity: 2, name: "c")
        let x = Matrix(rows: 2, cols: shape.count)
        GradientCheck.fillRandom(x, seed: 3)
        GradientCheck.fillRandom(conv.weight.value, seed: 4)
        GradientCheck.fillRandom(conv.bias.value, seed: 5)
        let y = conv.forward(x)
        var worst: Float = 0
        for n in 0..<2 {
            for oy in 0..<4 {
                for ox in 0..<5 {
                    for o in 0..<3 {
                        var s = conv.bias.value.base[o]
                        for ky in 0..<3 {
                            for kx in 0..<3 {
                                let iy = oy + ky - 1, ix = ox + kx - 1
                                guard iy >= 0, iy < 4, ix >= 0, ix < 5 else { continue }
                                for ch in 0..<2 {
                                    let xv = x[n, (iy * 5 + ix) * 2 + ch]
                                    let wv = conv.weight.value[(ky * 3 + kx) * 2 + ch, o]
                                    s += xv * wv
                                }
                            }
                        }
                        worst = max(worst, abs(s - y[n, (oy * 5 + ox) * 3 + o]))
                    }
                }
            }
        }
        #expect(worst < 1e-5)
    }
}
