import Testing
@testable import Engine

/// Participation ratio on data whose covariance spectrum is known exactly.
@Suite struct ParticipationRatioTests {
    /// Rows ±a_i·u_i + offset for orthonormal u_i in 8 dimensions: the covariance has
    /// eigenvalues ∝ a_i² along the u_i (and zero elsewhere), whatever the rotation and offset.
    func data(amplitudes: [Double]) throws -> Matrix {
        let u = try MetricFixtures.orthonormalVectors(dimension: 8, count: amplitudes.count, seed: 3)
        let offset: [Double] = [5, -2, 0.5, 7, 1, 1, -3, 2]
        var rows: [[Float]] = []
        for (i, a) in amplitudes.enumerated() {
            for sign in [1.0, -1.0] { rows.append((0..<8).map { Float(offset[$0] + sign * a * u[i][$0]) }) }
        }
        return MetricFixtures.matrix(rows)
    }

    // Tolerances of 1e-5: the data are float32 (relative rounding 6e-8 per entry).

    @Test func fourEqualEigenvaluesGiveFour() throws {
        #expect(abs(try participationRatio(data(amplitudes: [1, 1, 1, 1])) - 4) < 1e-5)
    }

    @Test func eigenvaluesThreeAndOneGiveOnePointSix() throws {
        // (3 + 1)² / (3² + 1²) = 1.6.
        #expect(abs(try participationRatio(data(amplitudes: [Double(3).squareRoot(), 1])) - 1.6) < 1e-5)
    }

    @Test func rankOneDataGivesOne() throws {
        var rng = RandomStream(seed: 4)
        let direction: [Float] = [1, -2, 0.5, 3]
        let rows = (0..<200).map { _ -> [Float] in let t = rng.nextNormal(); return direction.map { 10 + t * $0 } }
        #expect(abs(try participationRatio(MetricFixtures.matrix(rows)) - 1) < 1e-5)
    }

    @Test func isotropicNoiseInTenDimensionsGivesAboutTen() throws {
        // Sample covariance of n Gaussian draws: E[PR] ≈ d·n/(n + d + 1) = 9.994 for d = 10,
        // n = 20,000; its sampling spread is ~0.02, so 0.15 is a safe band.
        var rng = RandomStream(seed: 6)
        let m = Matrix(rows: 20_000, cols: 10)
        for i in 0..<m.count { m.base[i] = rng.nextNormal() }
        #expect(abs(try participationRatio(m) - 10) < 0.15)
    }

    @Test func fewerExamplesThanUnitsCapTheRatioAtExamplesMinusOne() throws {
        // Six examples of 64-D noise: the centred covariance has rank ≤ 5.
        var rng = RandomStream(seed: 7)
        let m = Matrix(rows: 6, cols: 64)
        for i in 0..<m.count { m.base[i] = rng.nextNormal() }
        let pr = try participationRatio(m)
        #expect(pr > 1 && pr <= 5 + 1e-9)
    }

    @Test func bothGramFormsGiveTheSameRatio() throws {
        var rng = RandomStream(seed: 8)
        let m = Matrix(rows: 30, cols: 40)
        for i in 0..<m.count { m.base[i] = rng.nextNormal() * Float(1 + i % 5) }
        let units = try participationRatio(of: Covariance(m, form: .units))
        let examples = try participationRatio(of: Covariance(m, form: .examples))
        #expect(abs(units - examples) < 1e-5 * units)
    }

    @Test func constantActivationsAreDegenerate() {
        #expect(throws: MetricError.degenerate("every unit is constant on the probe set (zero total variance)")) {
            try participationRatio(MetricFixtures.matrix([[1, 2], [1, 2], [1, 2]]))
        }
    }
}
