import Testing
@testable import Engine

/// The LAPACK and Double-BLAS wrappers against small matrices solved by hand.
@Suite struct LAPACKTests {
    func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    /// Eigenvectors are defined up to sign; compare after fixing it.
    func sameUpToSign(_ a: [Double], _ b: [Double]) -> Bool {
        close(a, b, 1e-12) || close(a, b.map { -$0 }, 1e-12)
    }

    @Test func twoByTwoEigenpairsAreThreeAndOneLargestFirst() throws {
        // [[2,1],[1,2]]: (1,1)/√2 ↦ 3, (1,−1)/√2 ↦ 1.
        let e = try LAPACK.symmetricEigen([2, 1, 1, 2], order: 2)
        #expect(close(e.values, [3, 1]))
        let r = 0.5.squareRoot()
        #expect(sameUpToSign(e.vector(0), [r, r]))
        #expect(sameUpToSign(e.vector(1), [r, -r]))
    }

    @Test func threeByThreeSecondDifferenceMatrixHasTwoPlusMinusRootTwo() throws {
        // The 1-D Laplacian tridiag(−1, 2, −1): eigenvalues 2 − 2cos(kπ/4) = 2+√2, 2, 2−√2,
        // eigenvectors (1, ∓√2, 1)/2 and (1, 0, −1)/√2.
        let s = 2.0.squareRoot()
        let e = try LAPACK.symmetricEigen([2, -1, 0, -1, 2, -1, 0, -1, 2], order: 3)
        #expect(close(e.values, [2 + s, 2, 2 - s]))
        #expect(sameUpToSign(e.vector(0), [0.5, -s / 2, 0.5]))
        #expect(sameUpToSign(e.vector(1), [1 / s, 0, -1 / s]))
        #expect(sameUpToSign(e.vector(2), [0.5, s / 2, 0.5]))
    }

    @Test func largestEigenpairsMatchTheFullDecomposition() throws {
        let s = 2.0.squareRoot()
        let a: [Double] = [2, -1, 0, -1, 2, -1, 0, -1, 2]
        let top = try LAPACK.symmetricEigen(a, order: 3, largest: 2)
        #expect(close(top.values, [2 + s, 2]))
        #expect(sameUpToSign(top.vector(0), [0.5, -s / 2, 0.5]))
        #expect(sameUpToSign(top.vector(1), [1 / s, 0, -1 / s]))
    }

    @Test func eigenvectorsRebuildARandomSymmetricMatrix() throws {
        // A = Σ λ_j v_j v_jᵀ to rounding, for an order where LAPACK's blocking is exercised.
        var rng = RandomStream(seed: 5)
        let n = 40
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0...i { let v = Double(rng.nextNormal()); a[i * n + j] = v; a[j * n + i] = v } }
        let e = try LAPACK.symmetricEigen(a, order: n)
        var rebuilt = [Double](repeating: 0, count: n * n)
        for k in 0..<n { for i in 0..<n { for j in 0..<n {
            rebuilt[i * n + j] += e.values[k] * e.vectors[k * n + i] * e.vectors[k * n + j] } } }
        #expect(close(rebuilt, a, 1e-11))
        #expect(zip(e.values, e.values.dropFirst()).allSatisfy { $0 >= $1 })
    }

    @Test func choleskySolvesATwoByTwoSystemWithTwoRightHandSides() throws {
        // A = [[4,2],[2,3]], A⁻¹ = [[3,−2],[−2,4]]/8; B = [[4,0],[5,8]] ⇒ X = [[0.25,−2],[1.5,4]].
        let x = try LAPACK.choleskySolve([4, 2, 2, 3], order: 2, rightHandSides: [4, 0, 5, 8], columns: 2)
        #expect(close(x, [0.25, -2, 1.5, 4]))
    }

    @Test func choleskySolvesTheTextbookThreeByThreeSystem() throws {
        // A = L Lᵀ with L = [[2,0,0],[6,1,0],[−8,5,3]]; A·(1,2,3) = (−20,−43,192).
        let a: [Double] = [4, 12, -16, 12, 37, -43, -16, -43, 98]
        let x = try LAPACK.choleskySolve(a, order: 3, rightHandSides: [-20, -43, 192], columns: 1)
        #expect(close(x, [1, 2, 3], 1e-10))
    }

    @Test func anIndefiniteMatrixFailsInDpotrfAtTheBadMinor() {
        // [[1,2],[2,1]] has eigenvalues 3 and −1: the order-2 leading minor (det = −3) fails.
        #expect(throws: LAPACKError(routine: "dpotrf", info: 2)) {
            try LAPACK.choleskySolve([1, 2, 2, 1], order: 2, rightHandSides: [1, 1], columns: 1)
        }
        let message = LAPACKError(routine: "dpotrf", info: 2).description
        #expect(message.contains("dpotrf") && message.contains("not positive definite"))
    }

    @Test func doubleGemmMultipliesRowMajorMatrices() {
        // [[1,2,3],[4,5,6]] · [[1,0],[0,1],[1,1]] = [[4,5],[10,11]].
        let a: [Double] = [1, 2, 3, 4, 5, 6], b: [Double] = [1, 0, 0, 1, 1, 1]
        var c = [Double](repeating: 0, count: 4)
        BLAS.gemm(m: 2, n: 2, k: 3, a: a, lda: 3, b: b, ldb: 2, c: &c, ldc: 2)
        #expect(c == [4, 5, 10, 11])
    }

    @Test func syrkFillsTheUpperTriangleOfTheGram() {
        // A = [[1,2],[3,4]] (2×2): AᵀA = [[10,14],[14,20]]; the lower entry is left alone.
        let a: [Float] = [1, 2, 3, 4]
        var c: [Float] = [-1, -1, -1, -1]
        BLAS.syrkUpper(transA: true, n: 2, k: 2, a: a, lda: 2, c: &c, ldc: 2)
        #expect(c == [10, 14, -1, 20])
    }
}
