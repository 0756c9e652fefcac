import Testing
@testable import Engine

/// Whole-network gradients (loss, readout, every hidden layer) against finite differences of the
/// mean cross-entropy, for both architectures and both parameterizations.
@Suite struct NetworkGradientTests {
    func mismatches(_ config: ModelConfig, batch: Int = 4) -> [String] {
        let network = Network(config: config, batchCapacity: batch, optimizer: .sgd, seed: 42)
        let x = Matrix(rows: batch, cols: config.inputShape.count)
        GradientCheck.fillRandom(x, seed: 7)
        let labels: [Int32] = (0..<batch).map { Int32($0 % config.classes) }
        return labels.withUnsafeBufferPointer { lab in
            let f: () -> Double = {
                network.loss.evaluate(logits: network.forward(x), labels: lab.baseAddress!).loss
            }
            _ = network.lossAndGradient(x, labels: lab.baseAddress!)
            let analytic = network.parameters.map(\.gradient.values)
            var result = GradientMismatches()
            var kinks = 0, probes = 0
            for (p, g) in zip(network.parameters, analytic) {
                for i in GradientCheck.probes(p.count, limit: 12) {
                    probes += 1
                    // A ReLU or max-pool winner that flips inside the step makes the loss
                    // non-differentiable there; two step sizes that disagree reveal such a kink.
                    let coarse = GradientCheck.numeric(f, at: p.value.base + i, step: 5e-3)
                    let fine = GradientCheck.numeric(f, at: p.value.base + i, step: 2.5e-3)
                    if !GradientCheck.agrees(coarse, fine) { kinks += 1; continue }
                    result.check(p.name, index: i, analytic: Double(g[i]), numeric: fine)
                }
            }
            if kinks * 10 > probes { result.lines.append("\(kinks) of \(probes) probes sat on kinks") }
            return result.lines
        }
    }

    @Test(arguments: Parameterization.allCases)
    func mlpGradientsMatchFiniteDifferences(_ p: Parameterization) {
        let config = ModelConfig(architecture: .mlp(depth: 3), inputShape: ImageShape(height: 3, width: 3, channels: 1),
                                 classes: 4, width: 16, parameterization: p, baseWidth: 4)
        #expect(mismatches(config) == [])
    }

    @Test(arguments: Parameterization.allCases)
    func cnnGradientsMatchFiniteDifferences(_ p: Parameterization) {
        let config = ModelConfig(architecture: .cnn, inputShape: ImageShape(height: 8, width: 8, channels: 2),
                                 classes: 3, width: 3, parameterization: p, baseWidth: 2)
        #expect(mismatches(config, batch: 3) == [])
    }
}
