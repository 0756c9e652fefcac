import Testing
@testable import Engine

/// A 3-4-3 ReLU MLP with fixed weights on a batch of two, against values computed independently
/// in float64 numpy by Fixtures/tiny_mlp.py (textbook formulas, no code shared with the engine).
@Suite struct TinyNetworkKnownAnswerTests {
    // Printed by Fixtures/tiny_mlp.py.
    let loss = 1.19144754888
    let logits: [Float] = [1.402, -1.758, 1.124, -0.1555, 0.18975, 0.60875]
    let dW1: [Float] = [-0.0319074206, 0.679389007, -0.550824869, 0.138200873, 0.0638148411, 0.113231501, -0.289715792, 0.0230334789, -0.127629682, -0.339694504, 0.686459702, -0.0691004367]
    let db1: [Float] = [-0.0638148411, 0.452926005, -0.245424797, 0.0921339156]
    let dW2: [Float] = [0.655656613, 0.0278167177, -0.683473331, -0.22639969, 0.0898254503, 0.13657424, 0.218751053, 0.0474243205, -0.266175374, -0.331792649, 0.131640746, 0.200151903]
    let db2: [Float] = [-0.112523694, 0.166658211, -0.0541345168]
    let sgdW2: [Float] = [0.00934534785, -0.307194366, 0.596979319, -0.43291723, 0.572220202, 0.658377828, 0.73426487, -0.911139211, 0.176874341, -0.0134944211, 0.0814894677, 0.0715990934]
    let adamW2: [Float] = [-0.000299796951, -0.499300228, 0.599100397, -0.299100509, 0.398900622, 0.498700715, 0.598500809, -1.09810086, 0.299700092, 0.090119884, -0.0801398648, -0.07015986]

    let x: [Float] = [0.5, -1.0, 2.0, 1.5, 0.25, -0.75]
    let labels: [Int32] = [2, 0]

    func makeNetwork(optimizer: OptimizerFamily = .sgd) -> Network {
        let config = ModelConfig(architecture: .mlp(depth: 1), inputShape: ImageShape(height: 1, width: 3, channels: 1),
                                 classes: 3, width: 4, parameterization: .standard, baseWidth: 4)
        let network = Network(config: config, batchCapacity: 2, optimizer: optimizer, seed: 0)
        let values: [[Float]] = [
            [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, -0.7, 0.8, 0.9, -1.0, 0.11, -0.12],
            [0.01, -0.02, 0.03, -0.04],
            [0.2, -0.3, 0.4, -0.5, 0.6, 0.7, 0.8, -0.9, 0.1, -0.11, 0.12, 0.13],
            [0.05, -0.06, 0.07],
        ]
        for (p, v) in zip(network.parameters, values) { p.value.copy(from: Matrix(rows: p.value.rows, cols: p.value.cols, values: v)) }
        return network
    }

    func close(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    @Test func forwardAndBackwardMatchIndependentFloat64Values() {
        let network = makeNetwork()
        let input = Matrix(rows: 2, cols: 3, values: x)
        let result = labels.withUnsafeBufferPointer { network.lossAndGradient(input, labels: $0.baseAddress!) }
        #expect(abs(result.loss - loss) < 1e-5)
        #expect(close(network.forward(input).values, logits))
        _ = labels.withUnsafeBufferPointer { network.lossAndGradient(input, labels: $0.baseAddress!) }
        let grads = network.parameters.map(\.gradient.values)
        #expect(close(grads[0], dW1))
        #expect(close(grads[1], db1))
        #expect(close(grads[2], dW2))
        #expect(close(grads[3], db2))
    }

    @Test func sgdWithMomentumAndDecayMatchesPyTorchSemantics() {
        let network = makeNetwork()
        let readout = network.parameters[2]
        let optimizer = Optimizer(config: OptimizerConfig(kind: .sgd(momentum: 0.9), learningRate: 0.1, weightDecay: 0.01),
                                  parameters: [readout])
        readout.gradient.copy(from: Matrix(rows: 4, cols: 3, values: dW2))
        optimizer.step(learningRate: 0.1)
        optimizer.step(learningRate: 0.1)
        #expect(close(readout.value.values, sgdW2))
    }

    @Test func adamWMatchesReferenceSteps() {
        let network = makeNetwork(optimizer: .adam)
        let readout = network.parameters[2]
        let config = OptimizerConfig(kind: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: 0.1, weightDecay: 0.01)
        let optimizer = Optimizer(config: config, parameters: [readout])
        readout.gradient.copy(from: Matrix(rows: 4, cols: 3, values: dW2))
        optimizer.step(learningRate: 0.1)
        optimizer.step(learningRate: 0.1)
        #expect(close(readout.value.values, adamW2, tolerance: 1e-4))
    }
}
