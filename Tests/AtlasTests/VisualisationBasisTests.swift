import Testing
@testable import Atlas
import Engine

/// The spectral image parameterisation: an orthonormal DCT, scaled by Lucid's 1/(4·max(f, 1/N)^decay).
@Suite struct VisualisationBasisTests {
    /// Column k of M divided by its scale: the unscaled basis vector.
    func basisColumn(_ basis: SpectralBasis, _ k: Int) -> [Double] {
        let m = basis.matrix(), n = basis.size
        return (0..<n).map { m[$0 * n + k] / Double(basis.scales[k]) }
    }

    func random(_ count: Int, seed: UInt64) -> [Float] {
        var rng = RandomStream(seed: seed)
        return (0..<count).map { _ in rng.nextNormal() }
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

    @Test func batchedSeparableProductIsTheMatrixOnEveryPlane() {
        // Three planes of a 5×4 image in the frequency-row-major batch layout: each plane's
        // logits must be M·(its coefficients), with M spelled out in Double.
        let basis = SpectralBasis(height: 5, width: 4, decay: 1)
        let n = basis.size, planes = 3
        let coefficients = random(planes * n, seed: 1)
        var logits = [Float](repeating: 0, count: planes * n), scratch = logits
        coefficients.withUnsafeBufferPointer { basis.synthesise($0.baseAddress!, planes: planes, scratch: &scratch, into: &logits) }
        let m = basis.matrix()
        var worst = 0.0
        for plane in 0..<planes {
            for y in 0..<5 {
                for x in 0..<4 {
                    var expected = 0.0
                    for u in 0..<5 {
                        for v in 0..<4 {
                            expected += m[(y * 4 + x) * n + u * 4 + v]
                                * Double(coefficients[basis.index(u, v, plane: plane, planes: planes)])
                        }
                    }
                    worst = max(worst, abs(Double(logits[basis.index(y, x, plane: plane, planes: planes)]) - expected))
                }
            }
        }
        #expect(worst < 1e-5)
    }

    @Test func gradientIsTheAdjointOfSynthesis() {
        // ⟨S p, q⟩ = ⟨p, Sᵀ q⟩ over a batch of planes.
        let basis = SpectralBasis(height: 4, width: 6, decay: 1)
        let count = 2 * basis.size
        let p = random(count, seed: 2), q = random(count, seed: 3)
        var sp = [Float](repeating: 0, count: count), scratch = sp, stq = sp, qCopy = q
        p.withUnsafeBufferPointer { basis.synthesise($0.baseAddress!, planes: 2, scratch: &scratch, into: &sp) }
        basis.analyseGradient(&qCopy, planes: 2, into: &stq)
        let left = zip(sp, q).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let right = zip(p, stq).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        #expect(abs(left - right) < 1e-5 * max(1, abs(left)))
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
