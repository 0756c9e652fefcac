import Testing
@testable import Atlas
import Engine

/// The spectral image parameterisation: an orthonormal DCT, scaled by Lucid's 1/(4·max(f, 1/N)^decay).
@Suite struct VisualisationBasisTests {
    /// Column k of M divided by its scale: the unscaled basis vector.
    func basisColumn(_ basis: SpectralBasis, _ k: Int) -> [Double] {
        (0..<basis.size).map { Double(basis.matrix[$0, k]) / Double(basis.scales[k]) }
    }

    @Test func dctOfOrderTwoIsTheHandComputedMatrix() {
        // D[k, j] = α_k cos(π(2j+1)k/4): row 0 = (1, 1)/√2, row 1 = (cos π/4, cos 3π/4) = (1, −1)/√2.
        let d = SpectralBasis.dct(2), r = 0.5.squareRoot()
        #expect(zip(d, [r, r, r, -r]).allSatisfy { abs($0 - $1) < 1e-15 })
    }

    @Test func unscaledBasisIsOrthonormal() {
        // BᵀB = I on a non-square image (5×4), in Double over the Float matrix.
        let basis = SpectralBasis(height: 5, width: 4, decay: 1)
        let n = basis.size
        let columns = (0..<n).map { basisColumn(basis, $0) }
        var worst = 0.0
        for a in 0..<n {
            for b in 0..<n {
                let dot = zip(columns[a], columns[b]).reduce(0.0) { $0 + $1.0 * $1.1 }
                worst = max(worst, abs(dot - (a == b ? 1 : 0)))
            }
        }
        #expect(worst < 1e-6)
    }

    @Test func firstBasisVectorIsTheFlatImage() {
        let basis = SpectralBasis(height: 3, width: 3, decay: 1)
        #expect(basisColumn(basis, 0).allSatisfy { abs($0 - 1.0 / 3) < 1e-7 })
    }

    @Test func coefficientsAreScaledLikeLucidsFourierImage() {
        // 4×4, decay 1: f = √(u² + v²)/8 cycles per pixel, s = 1/(4·max(f, 1/4)), so
        // s = 1 up to f = 1/4 (two cycles per image) and 2/√(u² + v²) beyond.
        let basis = SpectralBasis(height: 4, width: 4, decay: 1)
        let expected: [(Int, Int, Float)] = [(0, 0, 1), (0, 1, 1), (1, 1, 1), (0, 2, 1),
                                             (2, 3, 2 / Float(13).squareRoot()), (3, 3, 2 / Float(18).squareRoot())]
        for (u, v, s) in expected {
            #expect(abs(basis.scales[u * 4 + v] - s) < 1e-6, "s(\(u), \(v)) = \(basis.scales[u * 4 + v]), expected \(s)")
        }
        // Decay 0 leaves Lucid's flat 1/4; on 8×8 decay 1 the lowest frequencies get N/4 = 2.
        #expect(SpectralBasis(height: 4, width: 4, decay: 0).scales.allSatisfy { $0 == 0.25 })
        #expect(SpectralBasis(height: 8, width: 8, decay: 1).scales[0] == 2)
    }
}
