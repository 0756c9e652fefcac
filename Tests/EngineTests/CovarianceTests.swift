import Testing
@testable import Engine

/// The centred Gram in both forms, against hand-computed values and a Double reference.
@Suite struct CovarianceTests {
    // H = [[1,2],[3,4],[5,9]]: μ = (3,5), F = [[−2,−3],[0,−1],[2,4]].
    let h = MetricFixtures.matrix([[1, 2], [3, 4], [5, 9]])

    @Test func unitsFormIsTheHandComputedCentredGram() throws {
        let c = try Covariance(h)
        #expect(c.form == .units)
        #expect(c.mean == [3, 5])
        #expect(c.gram == [8, 14, 14, 26])  // FᵀF, exact in float
        #expect(c.trace == 34)
    }

    @Test func examplesFormIsTheHandComputedCentredGram() throws {
        let c = try Covariance(h, form: .examples)
        #expect(c.gram == [13, 3, -16, 3, 1, -4, -16, -4, 20])  // FFᵀ
        #expect(c.trace == 34)
        // Same non-zero spectrum as FᵀF: ‖FFᵀ‖²_F = ‖FᵀF‖²_F = 8² + 2·14² + 26².
        #expect(c.squaredFrobeniusNorm == 64 + 392 + 676)
    }

    @Test func theSmallerFormIsChosenByDefault() throws {
        #expect(try Covariance(MetricFixtures.matrix([[1, 2, 3], [4, 5, 7]])).form == .examples)
        #expect(try Covariance(h).form == .units)
    }

    @Test func aLargeOffsetDoesNotCostAccuracyAcrossBlocks() throws {
        // 5,000 rows (three accumulation blocks) of 1000 + N(0,1): a one-pass E[xxᵀ] − μμᵀ in
        // float would lose every digit; centring first keeps 1e-5 relative (the float products
        // of ≤ 2,048 centred terms), checked against a two-pass Double reference.
        var rng = RandomStream(seed: 11)
        let n = 5000, d = 3
        let m = Matrix(rows: n, cols: d)
        for i in 0..<(n * d) { m.base[i] = 1000 + rng.nextNormal() }
        let c = try Covariance(m)
        var mean = [Double](repeating: 0, count: d)
        for r in 0..<n { for j in 0..<d { mean[j] += Double(m[r, j]) / Double(n) } }
        for a in 0..<d {
            for b in 0..<d {
                var reference = 0.0
                for r in 0..<n { reference += (Double(m[r, a]) - mean[a]) * (Double(m[r, b]) - mean[b]) }
                #expect(abs(c.gram[a * d + b] - reference) <= 1e-5 * Double(n))
            }
        }
    }

    @Test func oneExampleOrANaNIsRefused() {
        #expect(throws: MetricError.self) { try Covariance(MetricFixtures.matrix([[1, 2]])) }
        #expect(throws: MetricError.nonFinite("hidden activations column 1 contains NaN or infinity")) {
            try Covariance(MetricFixtures.matrix([[1, 2], [3, .nan]]))
        }
    }
}
