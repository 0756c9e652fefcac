import Testing
@testable import Engine

/// `computesParameterGradients = false` leaves the parameter gradients as they were and changes
/// nothing about the input gradient, which is all feature visualisation asks of a frozen network.
@Suite struct ParameterGradientSwitchTests {
    /// Runs forward and backward with the switch off, then on, from gradients pre-filled with a
    /// sentinel. Returns the input gradients of both runs and the parameter gradients after each.
    func run(_ layer: Layer, inputWidth: Int, setSwitch: (Bool) -> Void)
        -> (inputOff: [Float], inputOn: [Float], paramsOff: [[Float]], paramsOn: [[Float]]) {
        let batch = 3
        let x = Matrix(rows: batch, cols: inputWidth)
        GradientCheck.fillRandom(x, seed: 1)
        for (i, p) in layer.parameters.enumerated() { GradientCheck.fillRandom(p.value, seed: 10 + UInt64(i), scale: 0.5) }
        let dy = Matrix(rows: batch, cols: layer.outputWidth)
        GradientCheck.fillRandom(dy, seed: 100)
        for p in layer.parameters { p.gradient.buffer.update(repeating: 7) }

        setSwitch(false)
        _ = layer.forward(x)
        let inputOff = layer.backward(dy).values
        let paramsOff = layer.parameters.map(\.gradient.values)
        setSwitch(true)
        _ = layer.forward(x)
        let inputOn = layer.backward(dy).values
        let paramsOn = layer.parameters.map(\.gradient.values)
        return (inputOff, inputOn, paramsOff, paramsOn)
    }

    @Test func denseWithTheSwitchOffKeepsItsGradientsAndTheSameInputGradient() {
        let dense = Dense(fanIn: 5, fanOut: 4, role: .hidden, batchCapacity: 3, name: "d")
        let r = run(dense, inputWidth: 5) { dense.computesParameterGradients = $0 }
        #expect(r.inputOff == r.inputOn)
        #expect(r.paramsOff.allSatisfy { $0.allSatisfy { $0 == 7 } })
        // With the switch on the sentinel is overwritten (the check would be vacuous otherwise).
        #expect(r.paramsOn.allSatisfy { !$0.contains(7) })
    }

    @Test func convolutionWithTheSwitchOffKeepsItsGradientsAndTheSameInputGradient() {
        let shape = ImageShape(height: 4, width: 4, channels: 2)
        let conv = Conv2D(input: shape, outChannels: 3, role: .hidden, batchCapacity: 3, name: "c")
        let r = run(conv, inputWidth: shape.count) { conv.computesParameterGradients = $0 }
        #expect(r.inputOff == r.inputOn)
        #expect(r.paramsOff.allSatisfy { $0.allSatisfy { $0 == 7 } })
        #expect(r.paramsOn.allSatisfy { !$0.contains(7) })
    }
}
