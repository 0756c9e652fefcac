import Testing
@testable import Engine

/// Single-unit class selectivity (Morcos et al. 2018) on hand-built units.
@Suite struct ClassSelectivityTests {
    // Three classes, two examples each. Units:
    //   0 fires 5 for class 0 only          → (5 − 0)/(5 + 0) = 1
    //   1 is 2 for everyone (class-blind)   → (2 − 2)/(2 + 2) = 0
    //   2 is dead (all zero)                → excluded, counted
    //   3 has class means (3, 1, 1)         → (3 − 1)/(3 + 1) = 0.5
    let labels: [Int32] = [0, 0, 1, 1, 2, 2]
    let hidden = MetricFixtures.matrix([
        [5, 2, 0, 3], [5, 2, 0, 3],
        [0, 2, 0, 1], [0, 2, 0, 1],
        [0, 2, 0, 1], [0, 2, 0, 1],
    ])

    @Test func aOneClassUnitScoresOneAClassBlindUnitZeroAndDeadUnitsAreCounted() throws {
        let s = try neuronSelectivity(hidden, labels: labels, classes: 3)
        #expect(s.values == [1, 0, 0.5])
        #expect(s.dead == 1)
        #expect(s.scored == 3)
        #expect(s.mean == 0.5)
        #expect(s.median == 0.5)
    }

    @Test func theVarianceWeightedMeanWeighsUnitsByTheirVariance() throws {
        // Variances: unit 0 → 25/3 − 25/9 = 50/9; unit 1 → 0; unit 3 → 11/3 − 25/9 = 8/9.
        // (1·50/9 + 0.5·8/9) / (58/9) = 27/29.
        let s = try neuronSelectivity(hidden, labels: labels, classes: 3)
        #expect(abs(s.varianceWeightedMean - 27.0 / 29) < 1e-12)
    }

    @Test func classesAbsentFromTheProbeSetTakeNoPart() throws {
        // Declaring a fourth class with no examples must not count as a fourth μ_c = 0.
        let s = try neuronSelectivity(hidden, labels: labels, classes: 4)
        #expect(s.values == [1, 0, 0.5])
    }

    @Test func aNegativeActivationIsRefusedNamingTheUnit() {
        let h = MetricFixtures.matrix([[1, 0], [0, -0.5]])
        #expect(throws: MetricError.negativeActivation(unit: 1, value: -0.5)) {
            try neuronSelectivity(h, labels: [0, 1], classes: 2)
        }
    }

    @Test func aLayerOfDeadUnitsIsDegenerate() {
        let h = MetricFixtures.matrix([[0, 0], [0, 0]])
        #expect(throws: MetricError.self) { try neuronSelectivity(h, labels: [0, 1], classes: 2) }
    }
}
