import Testing
@testable import Engine

/// μP versus standard parameterization: the per-tensor table, and the coordinate check of
/// Yang et al. (Tensor Programs V, §7): after a few SGD steps at one learning rate, the size of
/// the change in logits and hidden activations stays flat across widths under μP and grows with
/// width under the standard parameterization.
@Suite struct ParameterizationTests {
    @Test func mupEqualsStandardAtTheBaseWidth() {
        for role in [LayerRole.input, .hidden, .output] {
            for family in [OptimizerFamily.sgd, .adam] {
                for isBias in [false, true] {
                    #expect(Parameterization.mup.learningRateScale(role: role, isBias: isBias, optimizer: family, widthMultiplier: 1) == 1)
                }
            }
            #expect(Parameterization.mup.initStd(role: role, fanIn: 64, widthMultiplier: 1)
                    == Parameterization.standard.initStd(role: role, fanIn: 64, widthMultiplier: 1))
        }
    }

    @Test func mupScalesFollowTensorProgramsTable3() {
        let p = Parameterization.mup, m = 8.0
        #expect(p.learningRateScale(role: .input, isBias: false, optimizer: .sgd, widthMultiplier: m) == 8)
        #expect(p.learningRateScale(role: .hidden, isBias: false, optimizer: .sgd, widthMultiplier: m) == 1)
        #expect(p.learningRateScale(role: .output, isBias: false, optimizer: .sgd, widthMultiplier: m) == 0.125)
        #expect(p.learningRateScale(role: .hidden, isBias: false, optimizer: .adam, widthMultiplier: m) == 0.125)
        #expect(p.learningRateScale(role: .input, isBias: false, optimizer: .adam, widthMultiplier: m) == 1)
        // Readout init variance 1/(fanIn·m): std shrinks like 1/width, not 1/√width.
        let std = p.initStd(role: .output, fanIn: 512, widthMultiplier: m)
        #expect(abs(std - Float((1.0 / 512.0 / 8.0).squareRoot())) < 1e-7)
    }

    /// RMS change of the logits and of the last hidden layer after `steps` SGD steps on one batch.
    func coordinateChange(width: Int, _ p: Parameterization, steps: Int = 4) -> (logits: Double, hidden: Double) {
        let config = ModelConfig(architecture: .mlp(depth: 2), inputShape: ImageShape(height: 8, width: 8, channels: 1),
                                 classes: 5, width: width, parameterization: p, baseWidth: 64)
        let batch = 32
        let network = Network(config: config, batchCapacity: batch, optimizer: .sgd, seed: 11)
        let optimizer = Optimizer(config: OptimizerConfig(kind: .sgd(momentum: 0), learningRate: 0.1), parameters: network.parameters)
        let x = Matrix(rows: batch, cols: 64)
        GradientCheck.fillRandom(x, seed: 5)
        let labels: [Int32] = (0..<batch).map { Int32($0 % 5) }
        let logits0 = network.forward(x).values
        let hidden0 = network.features(x).values
        for _ in 0..<steps {
            _ = labels.withUnsafeBufferPointer { network.lossAndGradient(x, labels: $0.baseAddress!) }
            optimizer.step(learningRate: 0.1)
        }
        func rms(_ a: [Float], _ b: [Float]) -> Double {
            (zip(a, b).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / Double(a.count)).squareRoot()
        }
        return (rms(network.forward(x).values, logits0), rms(network.features(x).values, hidden0))
    }

    @Test func coordinateCheckIsFlatAcrossWidthsUnderMupAndNotUnderStandard() {
        let narrow = 64, wide = 1024
        let mupNarrow = coordinateChange(width: narrow, .mup), mupWide = coordinateChange(width: wide, .mup)
        let spNarrow = coordinateChange(width: narrow, .standard), spWide = coordinateChange(width: wide, .standard)
        let mupLogitRatio = mupWide.logits / mupNarrow.logits, spLogitRatio = spWide.logits / spNarrow.logits
        let mupHiddenRatio = mupWide.hidden / mupNarrow.hidden, spHiddenRatio = spWide.hidden / spNarrow.hidden
        print("coordinate check 1024 vs 64: logits μP \(mupLogitRatio) SP \(spLogitRatio); hidden μP \(mupHiddenRatio) SP \(spHiddenRatio)")
        #expect(mupLogitRatio > 0.5 && mupLogitRatio < 2)
        #expect(mupHiddenRatio > 0.5 && mupHiddenRatio < 2)
        #expect(spLogitRatio > 4)
    }
}
