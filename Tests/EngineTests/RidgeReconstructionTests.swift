import Testing
@testable import Engine

/// Ridge reconstruction of inputs from hidden states: known R² values and the solver's algebra.
@Suite struct RidgeReconstructionTests {
    /// n rows of p independent N(0,1) input features.
    func inputs(_ n: Int, _ p: Int, seed: UInt64) -> Matrix {
        var rng = RandomStream(seed: seed)
        let m = Matrix(rows: n, cols: p)
        for i in 0..<m.count { m.base[i] = rng.nextNormal() }
        return m
    }

    /// H = X·M + b for a fixed random p×h map M (full column rank p for h ≥ p).
    func linearImage(_ x: Matrix, units: Int, seed: UInt64) -> Matrix {
        var rng = RandomStream(seed: seed)
        let map = (0..<(x.cols * units)).map { _ in rng.nextNormal() }
        let h = Matrix(rows: x.rows, cols: units)
        for r in 0..<x.rows { for j in 0..<units {
            var s: Float = 0.5
            for i in 0..<x.cols { s += x[r, i] * map[i * units + j] }
            h[r, j] = s
        } }
        return h
    }

    @Test func anInvertibleLinearImageReconstructsTheInputAlmostPerfectly() throws {
        // H carries X exactly; the smallest penalty (α = 1e-5 of the mean unit energy) shrinks
        // each direction by λ/(s+λ) ≲ 1e-4 here, so held-out R² ≥ 1 − 1e-4 (float32 data).
        let train = inputs(600, 8, seed: 1), test = inputs(200, 8, seed: 2)
        let score = try reconstructionR2(trainHidden: linearImage(train, units: 12, seed: 3), trainInputs: train,
                                         testHidden: linearImage(test, units: 12, seed: 3), testInputs: test)
        #expect(score.r2 > 1 - 1e-4)
        #expect(score.relativeLambda == 1e-5 && score.lambdaAtGridEdge)
    }

    @Test func theDualFormReconstructsWhenUnitsOutnumberExamples() throws {
        // 100 training rows, 300 units: the n×n system is solved; the answer must not change.
        let train = inputs(100, 8, seed: 4), test = inputs(200, 8, seed: 5)
        let model = try RidgeReconstruction(trainHidden: linearImage(train, units: 300, seed: 6), trainInputs: train)
        #expect(model.form == .examples)
        #expect(try model.r2(testHidden: linearImage(test, units: 300, seed: 6), testInputs: test) > 1 - 1e-3)
    }

    @Test func independentNoiseReconstructsNothing() throws {
        // H independent of X: the best penalty is large (predict ≈ the mean) and R² ≈ 0; only
        // the train/test mean difference (~p/n) and a little overfit make it slightly negative.
        let train = inputs(1000, 8, seed: 7), test = inputs(1000, 8, seed: 8)
        let score = try reconstructionR2(trainHidden: inputs(1000, 20, seed: 9), trainInputs: train,
                                         testHidden: inputs(1000, 20, seed: 10), testInputs: test)
        #expect(score.r2 > -0.03 && score.r2 < 0.01)
        #expect(score.relativeLambda >= 1)
    }

    @Test func halfTheFeaturesGiveHalfTheVariance() throws {
        // H = the first 4 of 8 independent unit-variance features: those are recovered, the
        // other 4 are unpredictable, so R² = 4/8 up to sampling (s.e. ~0.01 with 2,000 test rows).
        let train = inputs(2000, 8, seed: 11), test = inputs(2000, 8, seed: 12)
        func firstHalf(_ x: Matrix) -> Matrix {
            let h = Matrix(rows: x.rows, cols: 4)
            for r in 0..<x.rows { for j in 0..<4 { h[r, j] = x[r, j] } }
            return h
        }
        let score = try reconstructionR2(trainHidden: firstHalf(train), trainInputs: train,
                                         testHidden: firstHalf(test), testInputs: test)
        #expect(abs(score.r2 - 0.5) < 0.03)
    }

    @Test func theGridSearchStopsWhereAnExhaustiveScanPeaks() throws {
        // A noisy linear image (H = X·M + 2·noise) peaks at α = 0.1; on a grid of decades from
        // 1e-5 to 1e6 the walk starts at 10 and must walk down to where scoring every point peaks.
        let x = inputs(500, 6, seed: 22)
        let clean = linearImage(x, units: 40, seed: 23), noise = inputs(500, 40, seed: 24)
        let h = Matrix(rows: 500, cols: 40)
        for i in 0..<h.count { h.base[i] = clean.base[i] + 2 * noise.base[i] }
        let grid = (-5...6).map { pow10($0) }
        let model = try RidgeReconstruction(trainHidden: h, trainInputs: x, relativeGrid: grid)
        let validation = (0..<500).filter { $0 % 5 == 4 }, fitting = (0..<500).filter { $0 % 5 != 4 }
        let fit = try RidgeSystem(hidden: RidgeReconstruction.gather(h, fitting), inputs: RidgeReconstruction.gather(x, fitting))
        let scores = try grid.map { alpha in
            try RidgeReconstruction.r2(weights: fit.solve(lambda: alpha * fit.scale), hiddenMean: fit.hiddenMean,
                                       inputMean: fit.inputMean, hidden: RidgeReconstruction.gather(h, validation),
                                       inputs: RidgeReconstruction.gather(x, validation))
        }
        let best = scores.indices.max { scores[$0] < scores[$1] }!
        #expect(model.relativeLambda == grid[best] && grid[best] < 10)
        #expect(!model.lambdaAtGridEdge)
        #expect(model.validationR2.compactMap { $0 }.count < scores.count)
    }

    func pow10(_ e: Int) -> Double { e >= 0 ? (0..<e).reduce(1) { a, _ in a * 10 } : 1 / pow10(-e) }

    @Test func primalAndDualSystemsGiveTheSameWeights() throws {
        let x = inputs(40, 5, seed: 13)
        let h = inputs(40, 30, seed: 14)
        let primal = try RidgeSystem(hidden: h, inputs: x, form: .units)
        let dual = try RidgeSystem(hidden: h, inputs: x, form: .examples)
        #expect(abs(primal.scale - dual.scale) < 1e-6 * primal.scale)  // float32 products, summed differently
        let wp = try primal.solve(lambda: 0.1 * primal.scale), wd = try dual.solve(lambda: 0.1 * primal.scale)
        let largest = wp.map(abs).max()!
        #expect(zip(wp, wd).allSatisfy { abs($0 - $1) <= 1e-5 * largest })
    }

    @Test func mergingTwoPrimalSystemsEqualsBuildingOneFromAllRows() throws {
        // Chan–Golub–LeVeque: the centred Grams of two row sets combine exactly.
        let x = inputs(300, 6, seed: 15), h = linearImage(inputs(300, 6, seed: 16), units: 10, seed: 17)
        let first = (0..<300).filter { $0 % 3 != 0 }, second = (0..<300).filter { $0 % 3 == 0 }
        let a = try RidgeSystem(hidden: RidgeReconstruction.gather(h, first), inputs: RidgeReconstruction.gather(x, first))
        let merged = try a.merged(withRows: RidgeReconstruction.gather(h, second), RidgeReconstruction.gather(x, second))
        // The direct system is built from rows in a different order, so compare to float32-product accuracy.
        let whole = try RidgeSystem(hidden: h, inputs: x)
        let gramScale = whole.gram.map(abs).max()!, rhsScale = whole.rightHandSide.map(abs).max()!
        #expect(merged.examples == 300)
        #expect(zip(merged.gram, whole.gram).allSatisfy { abs($0 - $1) <= 1e-5 * gramScale })
        #expect(zip(merged.rightHandSide, whole.rightHandSide).allSatisfy { abs($0 - $1) <= 1e-5 * rhsScale })
        #expect(zip(merged.hiddenMean, whole.hiddenMean).allSatisfy { abs($0 - $1) <= 1e-9 })
    }

    /// The last solve factorises the Gram in place: same weights as a solve of a copy, and the
    /// system cannot be solved again by mistake.
    @Test func solvingInPlaceGivesTheWeightsOfASolveOfACopy() throws {
        let x = inputs(80, 5, seed: 18), h = linearImage(inputs(80, 5, seed: 19), units: 7, seed: 20)
        var system = try RidgeSystem(hidden: h, inputs: x)
        let copied = try system.solve(lambda: 0.3)
        let inPlace = try system.solveReleasingGram(lambda: 0.3)
        #expect(copied == inPlace)
        #expect(system.gram.isEmpty)
    }

    @Test func theGridIsScoredPointByPointAndMismatchedShapesAreRefused() throws {
        let x = inputs(100, 4, seed: 18), h = linearImage(x, units: 6, seed: 19)
        let model = try RidgeReconstruction(trainHidden: h, trainInputs: x, relativeGrid: [1e-3, 1, 1e3])
        // Starts at the middle point, finds the smaller penalty better and walks to it.
        #expect(model.validationR2.count == 3)
        #expect(model.relativeLambda == 1e-3)
        #expect(model.validationR2[0]! > model.validationR2[1]! && model.validationR2[1]! > model.validationR2[2]!)
        #expect(throws: MetricError.self) { try model.r2(testHidden: h, testInputs: inputs(99, 4, seed: 20)) }
        #expect(throws: MetricError.self) {
            try RidgeReconstruction(trainHidden: h, trainInputs: inputs(99, 4, seed: 21))
        }
    }
}
