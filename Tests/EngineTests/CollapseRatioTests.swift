import Testing
@testable import Engine

/// Within/between class scatter on points small enough to do by hand (all values exact in float).
@Suite struct CollapseRatioTests {
    @Test func fourCornersGiveWithinOneBetweenFour() throws {
        // Class 0: (0,0),(2,0), mean (1,0); class 1: (0,4),(2,4), mean (1,4); overall (1,2).
        // Every point is 1 from its class mean; each class mean is 2 from the overall mean.
        let h = MetricFixtures.matrix([[0, 0], [2, 0], [0, 4], [2, 4]])
        let s = try classScatter(h, labels: [0, 0, 1, 1], classes: 2)
        #expect(s.within == 1)
        #expect(s.between == 4)
        #expect(s.classesPresent == 2)
        #expect(try collapseRatio(h, labels: [0, 0, 1, 1], classes: 2) == 0.25)
    }

    @Test func betweenClassScatterIsWeightedByClassFrequency() throws {
        // 1-D: class 0 at −1, 0, 1 (mean 0), class 1 at 4; overall mean 1.
        // within = (1 + 0 + 1 + 0)/4 = 0.5; between = ¾·(0−1)² + ¼·(4−1)² = 3; ratio 1/6.
        let s = try classScatter(MetricFixtures.matrix([[-1], [0], [1], [4]]), labels: [0, 0, 0, 1], classes: 2)
        #expect(s.within == 0.5)
        #expect(s.between == 3)
        #expect(abs(s.collapseRatio - 1.0 / 6) < 1e-15)
    }

    @Test func pointsOnTheirClassMeansHaveRatioZero() throws {
        let h = MetricFixtures.matrix([[1, 2], [1, 2], [-3, 0], [5, 5], [-3, 0]])
        #expect(try collapseRatio(h, labels: [0, 0, 1, 2, 1], classes: 3) == 0)
    }

    @Test func oneClassOrABadLabelOrCoincidingMeansAreRefused() {
        let h = MetricFixtures.matrix([[0, 1], [2, 3], [1, 2], [1, 2]])
        #expect(throws: MetricError.self) { try collapseRatio(h, labels: [1, 1, 1, 1], classes: 2) }
        #expect(throws: MetricError.labelOutOfRange(label: 2, classes: 2)) {
            try collapseRatio(h, labels: [0, 1, 2, 0], classes: 2)
        }
        // Both class means are (1,2).
        #expect(throws: MetricError.degenerate("all class means coincide (zero between-class scatter)")) {
            try collapseRatio(h, labels: [0, 0, 1, 1], classes: 2)
        }
    }
}
