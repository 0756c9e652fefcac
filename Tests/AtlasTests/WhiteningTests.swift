import Testing
@testable import Atlas
import Engine

/// The inverse regularised second moment against a hand-sized known answer and as an inverse.
@Suite struct WhiteningTests {
    @Test func twoByTwoKnownAnswer() throws {
        // H rows (1,0), (1,2), (0,2): S = HᵀH/3 = [[2,2],[2,8]]/3, tr S/2 = 5/3, so ridge 0.1 gives
        // ε = 1/6. (S + εI)⁻¹ applied to (1,0), (0,1), (2,−1), from numpy.linalg.inv in float64.
        let h = Matrix(rows: 3, cols: 2, values: [1, 0, 1, 2, 0, 2])
        let whitening = try Whitening(activations: h, ridge: 0.1)
        #expect(abs(whitening.epsilon - 1.0 / 6) < 1e-7)  // Float products under the Gram
        let cases: [([Float], [Float])] = [
            ([1, 0], [1.47826087, -0.34782609]),
            ([0, 1], [-0.34782609, 0.43478261]),
            ([2, -1], [3.30434783, -1.13043478]),
        ]
        for (v, expected) in cases {
            let w = whitening.apply(v)
            #expect(zip(w, expected).allSatisfy { abs($0 - $1) < 1e-5 }, "apply(\(v)) = \(w), expected \(expected)")
        }
    }

    @Test func applyInvertsTheSecondMomentWhenTheRidgeIsTiny() throws {
        // 40 examples of 6 units with a large shared offset (like ReLU activations): S is full
        // rank but far from the identity, so apply(S·v) = v checks the whole inverse, and the
        // offset checks that S is uncentred (a centred C would leave S·v ≠ C·v).
        var rng = RandomStream(seed: 5)
        let n = 40, d = 6
        let h = Matrix(rows: n, cols: d)
        for r in 0..<n { for j in 0..<d { h[r, j] = 2 + Float(j) * 0.1 + rng.nextNormal() * Float(j + 1) * 0.3 } }
        var s = [Double](repeating: 0, count: d * d)
        for r in 0..<n { for i in 0..<d { for j in 0..<d { s[i * d + j] += Double(h[r, i]) * Double(h[r, j]) / Double(n) } } }
        let whitening = try Whitening(activations: h, ridge: 1e-9)
        for trial in 0..<3 {
            let v = (0..<d).map { _ in rng.nextNormal() }
            let sv = (0..<d).map { i in Float((0..<d).reduce(0.0) { $0 + s[i * d + $1] * Double(v[$1]) }) }
            let back = whitening.apply(sv)
            let error = zip(back, v).map { abs($0 - $1) }.max() ?? 0
            #expect(error < 2e-3, "trial \(trial): apply(S·v) = \(back), v = \(v)")
        }
    }

    @Test func theRidgeScalesWithTheActivations() throws {
        // ε is relative to the mean eigenvalue: scaling activations by 10 scales ε by 100 and the
        // whitened vector by 1/100, so the setting means the same at any activation scale.
        let h = Matrix(rows: 3, cols: 2, values: [1, 0, 1, 2, 0, 2])
        let h10 = Matrix(rows: 3, cols: 2, values: [10, 0, 10, 20, 0, 20])
        let a = try Whitening(activations: h), b = try Whitening(activations: h10)
        #expect(abs(b.epsilon / a.epsilon - 100) < 1e-3)
        let wa = a.apply([1, 2]), wb = b.apply([1, 2])
        #expect(zip(wa, wb).allSatisfy { abs($0 - 100 * $1) < 1e-4 * abs($0) + 1e-6 })
    }

    @Test func allZeroActivationsAreRefused() {
        #expect(throws: MetricError.self) { try Whitening(activations: Matrix(rows: 4, cols: 3)) }
    }
}
