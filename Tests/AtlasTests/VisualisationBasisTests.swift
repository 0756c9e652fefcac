import Testing
@testable import Atlas
import Engine

/// The spectral image parameterisation: an orthonormal DCT, scaled by 1/f^decay.
@Suite struct VisualisationBasisTests {
    @Test func dctOfOrderTwoIsTheHandComputedMatrix() {
        // D[k, j] = α_k cos(π(2j+1)k/4): row 0 = (1, 1)/√2, row 1 = (cos π/4, cos 3π/4) = (1, −1)/√2.
        let d = SpectralBasis.dct(2), r = 0.5.squareRoot()
        #expect(zip(d, [r, r, r, -r]).allSatisfy { abs($0 - $1) < 1e-15 })
    }

    @Test func unscaledBasisIsOrthonormal() {
        // BᵀB = I on a non-square image (5×4), in Double over the Float matrix.
        let basis = SpectralBasis(height: 5, width: 4, decay: 0)
        let n = basis.size, m = basis.matrix
        var worst = 0.0
        for a in 0..<n {
            for b in 0..<n {
                var dot = 0.0
                for p in 0..<n { dot += Double(m[p, a]) * Double(m[p, b]) }
                worst = max(worst, abs(dot - (a == b ? 1 : 0)))
            }
        }
        #expect(worst < 1e-6)
    }

    @Test func firstBasisVectorIsTheFlatImage() {
        let basis = SpectralBasis(height: 3, width: 3, decay: 1)
        for p in 0..<9 { #expect(abs(basis.matrix[p, 0] - 1 / 3) < 1e-7) }
    }

    @Test func coefficientsAreScaledByOneOverFrequencyRadius() {
        // 4×4, decay 1: s(u, v) = 1/max(1, √(u² + v²)); each column of M has norm s.
        let basis = SpectralBasis(height: 4, width: 4, decay: 1)
        let expected: [(Int, Int, Float)] = [(0, 0, 1), (0, 1, 1), (1, 0, 1), (1, 1, 1 / Float(2).squareRoot()),
                                             (2, 3, 1 / Float(13).squareRoot()), (3, 3, 1 / Float(18).squareRoot())]
        for (u, v, s) in expected {
            let k = u * 4 + v
            #expect(abs(basis.scales[k] - s) < 1e-6)
            let norm = (0..<16).reduce(0.0) { $0 + Double(basis.matrix[$1, k]) * Double(basis.matrix[$1, k]) }.squareRoot()
            #expect(abs(norm - Double(s)) < 1e-6)
        }
    }
}
