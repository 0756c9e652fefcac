import Testing
import Atlas
import Engine

/// LayoutNormalisation.unitSquare: percentile clipping and rescaling, per axis.
@Suite struct LayoutNormalisationTests {
    // x = 0…8 then an outlier at 100; y has an outlier at −50 and ties.
    let layout = Matrix(rows: 10, cols: 2, values: [
        0, -50, 1, 0, 2, 1, 3, 1, 4, 2, 5, 2, 6, 3, 7, 3, 8, 4, 100, 4,
    ])

    @Test func percentilesInterpolateLikeNumpyAndClipTheOutliers() {
        // 10th/90th percentiles (numpy, linear): x at positions 0.9 and 8.1 → 0.9 and
        // 8 + 0.1·92 = 17.2; y → −50 + 0.9·50 = −5 and 4.
        let unit = LayoutNormalisation.unitSquare(layout, lowerPercentile: 10, upperPercentile: 90)
        let x: [Float] = [0, 0.1, 1.1, 2.1, 3.1, 4.1, 5.1, 6.1, 7.1, 16.3].map { $0 / 16.3 }
        let y: [Float] = [0, 5, 6, 6, 7, 7, 8, 8, 9, 9].map { $0 / 9 }
        for r in 0..<10 {
            #expect(abs(unit[r, 0] - x[r]) < 1e-6)
            #expect(abs(unit[r, 1] - y[r]) < 1e-6)
        }
    }

    @Test func theDefaultClipsAtTheFirstAndNinetyNinthPercentiles() {
        // numpy: x percentiles 0.09 and 91.72; y −45.5 and 4.
        let unit = LayoutNormalisation.unitSquare(layout)
        #expect(abs(unit[1, 0] - Float((1 - 0.09) / (91.72 - 0.09))) < 1e-6)
        #expect(unit[9, 0] == 1)
        #expect(unit[0, 1] == 0)
        #expect(abs(unit[1, 1] - Float(45.5 / 49.5)) < 1e-6)
    }

    @Test func everyValueLandsInTheUnitSquareWithBothEndsReached() {
        var rng = RandomStream(seed: 4)
        let big = Matrix(rows: 500, cols: 2)
        for i in 0..<big.count { big.base[i] = 20 * rng.nextNormal() + 3 }
        big[17, 0] = 1e6  // a point flung far away
        let unit = LayoutNormalisation.unitSquare(big)
        for c in 0..<2 {
            let axis = (0..<500).map { unit[$0, c] }
            #expect(axis.allSatisfy { $0 >= 0 && $0 <= 1 })
            #expect(axis.min() == 0 && axis.max() == 1)
            // 1 % of 500 points are clipped at each end: 5 (give or take interpolation) sit on each border.
            #expect((4...6).contains(axis.filter { $0 == 0 }.count))
            #expect((4...6).contains(axis.filter { $0 == 1 }.count))
        }
    }

    @Test func aConstantAxisGoesToTheMiddle() {
        let flat = Matrix(rows: 3, cols: 2, values: [1, 7, 2, 7, 3, 7])
        let unit = LayoutNormalisation.unitSquare(flat, lowerPercentile: 0, upperPercentile: 100)
        #expect((0..<3).map { unit[$0, 1] } == [0.5, 0.5, 0.5])
        #expect((0..<3).map { unit[$0, 0] } == [0, 0.5, 1])
    }
}
