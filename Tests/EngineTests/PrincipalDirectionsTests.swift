import Testing
@testable import Engine

/// Principal directions: known axes, the two Gram forms, and subspace iteration against LAPACK.
@Suite struct PrincipalDirectionsTests {
    func close(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    func sameUpToSign(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
        close(a, b, tolerance) || close(a, b.map { -$0 }, tolerance)
    }

    @Test func pointsAlongTwoAxesGiveThoseAxesAndTheirVariances() throws {
        // Rows +3u, −3u, +w, −w (+ offset), u ⟂ w in 5-D: C = (9·2 uuᵀ + 2 wwᵀ)/4 = 4.5uuᵀ + 0.5wwᵀ.
        let b = try MetricFixtures.orthonormalVectors(dimension: 5, count: 2, seed: 41)
        let rows: [[Float]] = [(3.0, 0), (-3.0, 0), (1.0, 1), (-1.0, 1)].map { a, i in
            (0..<5).map { Float(1 + a * b[i][$0]) }
        }
        let d = try PrincipalDirections(MetricFixtures.matrix(rows), count: 4)
        #expect(d.count == 2)  // the other directions have no variance and are dropped
        #expect(close(d.variances, [4.5, 0.5], 1e-5))
        #expect(abs(d.totalVariance - 5) < 1e-5)
        #expect(sameUpToSign(d.vector(0), b[0], 1e-5))
        #expect(sameUpToSign(d.vector(1), b[1], 1e-5))
        // Sign convention: the largest-magnitude component is positive.
        for i in 0..<2 { #expect(d.vector(i).max(by: { abs($0) < abs($1) })! > 0) }
    }

    @Test func theExamplesFormFindsTheSameDirectionsAsTheUnitsForm() throws {
        // 20 examples of 50 units with a decaying spectrum: FFᵀ (20×20) vs FᵀF (50×50).
        var rng = RandomStream(seed: 42)
        let m = Matrix(rows: 20, cols: 50)
        for r in 0..<20 { for j in 0..<50 { m[r, j] = rng.nextNormal() * 3 / Float(1 + j) } }
        let viaUnits = try PrincipalDirections(m, covariance: Covariance(m, form: .units), count: 5)
        let viaExamples = try PrincipalDirections(m, covariance: Covariance(m, form: .examples), count: 5)
        #expect(close(viaUnits.variances, viaExamples.variances, 1e-5 * viaUnits.variances[0]))
        #expect(close(viaUnits.vectors, viaExamples.vectors, 1e-4))
    }

    @Test func subspaceIterationMatchesTheDenseSolver() throws {
        // A = Q diag(λ) Qᵀ of order 300 with λ_i = 1/(1 + i)^0.7: a slow decay (λ_20/λ_10 = 0.64)
        // like a wide layer's. The leading 10 pairs must agree with dsyevr to the iteration's
        // tolerance (residual 1e-6·λ_1; vectors to ~1e-6/gap).
        let n = 300
        let q = try MetricFixtures.orthonormalVectors(dimension: n, count: n, seed: 43)
        let lambda = (0..<n).map { 1 / Double(1 + $0).squareRoot() / Double(1 + $0).squareRoot().squareRoot().squareRoot() }
        var a = [Double](repeating: 0, count: n * n)
        for k in 0..<n { for i in 0..<n { let s = lambda[k] * q[k][i]; for j in 0..<n { a[i * n + j] += s * q[k][j] } } }
        let dense = try LAPACK.symmetricEigen(a, order: n, largest: 10)
        let iterated = try #require(try SubspaceIteration.leadingEigenpairs(a, order: n, count: 10))
        #expect(close(iterated.values, dense.values, 1e-6))
        for j in 0..<10 { #expect(sameUpToSign(iterated.vector(j), dense.vector(j), 1e-4)) }
    }

    @Test func subspaceIterationCopesWithAMatrixOfLowerRankThanItsBlock() throws {
        // Rank 5, block of 19 vectors: the products of the null-space Ritz vectors are rounding
        // noise, which normalisation turns into fresh random directions, so the block keeps its
        // rank and the leading pairs still come out exact. (Were the block to lose rank, the
        // iteration returns nil and `leadingEigenpairs` goes dense; both paths must agree.)
        let n = 200
        let q = try MetricFixtures.orthonormalVectors(dimension: n, count: 5, seed: 44)
        var a = [Double](repeating: 0, count: n * n)
        for k in 0..<5 { for i in 0..<n { for j in 0..<n { a[i * n + j] += Double(5 - k) * q[k][i] * q[k][j] } } }
        if let iterated = try SubspaceIteration.leadingEigenpairs(a, order: n, count: 3) {
            #expect(close(iterated.values, [5, 4, 3], 1e-10))
            for j in 0..<3 { #expect(sameUpToSign(iterated.vector(j), q[j], 1e-8)) }
        }
        let dense = try LAPACK.symmetricEigen(a, order: n, largest: 3)
        #expect(close(dense.values, [5, 4, 3], 1e-10))
    }
}
