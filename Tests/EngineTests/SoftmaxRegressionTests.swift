import Testing
@testable import Engine

/// L2-regularised multinomial logistic regression (docs/metrics.md, "Transfer: last-layer fine-tuning").
@Suite struct SoftmaxRegressionTests {
    // MARK: Known answers from scikit-learn

    /// scikit-learn at l2 = 0.01 and 0.1 on the fixture's raw features: weights within 1e-3
    /// relative, probabilities within 1e-4, the constant fifth feature with scale 1 and weight 0 —
    /// with the Hessian preconditioner (what `fit` picks for data this narrow) and without.
    @Test(arguments: SklearnFixture.cases, [true, false])
    func fitMatchesScikitLearnOnTheSameObjective(reference: SklearnFixture.Case, preconditioned: Bool) {
        let f = SklearnFixture.self
        // Tighter than the default tolerance: the comparison is with a solver run to tol=1e-10.
        var options = SoftmaxRegression.defaultSolverOptions
        options.gradientTolerance = 1e-7
        let objective = SoftmaxRegressionObjective(features: f.features, labels: f.labels,
                                                   featureCount: f.featureCount, classes: 3)
        let preconditioner = SoftmaxRegression.preconditioner(for: objective)
        #expect(preconditioner != nil)
        let model = SoftmaxRegression.fit(objective, l2: reference.l2, options: options, initial: nil,
                                          preconditioner: preconditioned ? preconditioner : nil)
        #expect(model.converged)
        let largest = reference.weights.map(abs).max() ?? 1
        for (i, (ours, theirs)) in zip(model.weights, reference.weights).enumerated() {
            #expect(abs(ours - theirs) <= 1e-3 * max(abs(theirs), 0.1 * largest), "weight \(i): \(ours) vs \(theirs)")
        }
        for (ours, theirs) in zip(model.bias, reference.bias) { #expect(abs(ours - theirs) <= 1e-3 * max(abs(theirs), 0.1)) }
        let ours = model.probabilities(f.features, count: f.labels.count)
        #expect(zip(ours, reference.probabilities).allSatisfy { abs($0 - $1) <= 1e-4 })
        #expect(abs(model.accuracy(f.features, labels: f.labels) - reference.accuracy) < 1e-9)
        #expect(model.featureScale[4] == 1)
        #expect(model.weights[12..<15].allSatisfy { abs($0) < 1e-6 })
    }

    /// The public entry point gives the same model as the preconditioned internal fit above.
    @Test func publicFitMatchesScikitLearnAtDefaultTolerance() {
        let f = SklearnFixture.self, reference = SklearnFixture.cases[0]
        let model = SoftmaxRegression.fit(features: f.features, labels: f.labels, featureCount: f.featureCount,
                                          classes: 3, l2: reference.l2)
        #expect(model.converged && model.l2 == reference.l2)
        let largest = reference.weights.map(abs).max() ?? 1
        // The default tolerance (‖∇F‖∞ ≤ 1e-4) leaves the weights within about 1e-3 of the optimum.
        #expect(zip(model.weights, reference.weights).allSatisfy { abs($0 - $1) <= 1e-2 * max(abs($1), 0.1 * largest) })
    }

    // MARK: Preconditioner

    /// M⁻¹ applied by the preconditioner, multiplied back by M = βΣ ⊗ I + l2·I built explicitly
    /// from the standardised design (every row is sampled when n ≤ 4096), gives back the vector.
    @Test func preconditionerInvertsTheKroneckerHessianModel() throws {
        let n = 200, d = 6, k = 3
        let data = Self.gaussianClasses(count: n, dims: d, classes: k, separation: 1, seed: 13)
        let objective = SoftmaxRegressionObjective(features: data.features, labels: data.labels, featureCount: d, classes: k)
        let preconditioner = try #require(SoftmaxRegressionPreconditioner(design: objective.design, rows: n,
                                                                           featureCount: d, classes: k))
        var sigma = [Double](repeating: 0, count: d * d)
        for r in 0..<n {
            for i in 0..<d {
                for j in 0..<d { sigma[i * d + j] += Double(objective.design[r * d + i]) * Double(objective.design[r * d + j]) / Double(n) }
            }
        }
        let beta = 0.07, l2 = 0.01
        var rng = RandomStream(seed: 14)
        let v = (0..<d * k + k).map { _ in Double(rng.nextNormal()) }
        var solved = v
        solved.withUnsafeMutableBufferPointer { preconditioner.apply($0, curvature: beta, l2: l2) }
        var back = [Double](repeating: 0, count: v.count)
        for j in 0..<d {
            for c in 0..<k {
                var sum = l2 * solved[j * k + c]
                for i in 0..<d { sum += beta * sigma[j * d + i] * solved[i * k + c] }
                back[j * k + c] = sum
            }
        }
        for c in 0..<k { back[d * k + c] = beta * solved[d * k + c] }
        #expect(zip(back, v).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) }, "\(back) vs \(v)")
    }

    /// The eigendecomposition (~10·d³ flops) is skipped where it would cost more than it saves.
    @Test func preconditionerIsBuiltOnlyWhenItPaysForItself() {
        func objective(count: Int, dims: Int, classes: Int) -> SoftmaxRegressionObjective {
            let data = Self.gaussianClasses(count: count, dims: dims, classes: classes, separation: 1, seed: 15)
            return SoftmaxRegressionObjective(features: data.features, labels: data.labels, featureCount: dims, classes: classes)
        }
        #expect(SoftmaxRegression.preconditioner(for: objective(count: 500, dims: 1024, classes: 10)) == nil)
        #expect(SoftmaxRegression.preconditioner(for: objective(count: 200, dims: 64, classes: 10)) != nil)
    }

    /// Cross-validation shares one model across folds and strengths, so it builds one where a
    /// single fit would not: 1,000 per class of 10 classes at width 2048, not at 4096, and not
    /// for 100 per class at 1024 (the measured cases of `preconditionerPaysAcrossFolds`).
    @Test func crossValidationBuildsTheSharedModelWhereItsManyFitsPayForIt() {
        #expect(!SoftmaxRegression.preconditionerPays(rows: 10_000, featureCount: 2048, classes: 10))
        #expect(SoftmaxRegression.preconditionerPaysAcrossFolds(rows: 10_000, featureCount: 2048, classes: 10))
        #expect(!SoftmaxRegression.preconditionerPaysAcrossFolds(rows: 10_000, featureCount: 4096, classes: 10))
        #expect(!SoftmaxRegression.preconditionerPaysAcrossFolds(rows: 1_000, featureCount: 1024, classes: 10))
        #expect(SoftmaxRegression.preconditionerPaysAcrossFolds(rows: 10_000, featureCount: 1024, classes: 10))
    }

    // MARK: Behaviour

    /// Gaussian classes: `classes` centres with coordinates ~ N(0, separation²), unit noise.
    /// Deterministic in `seed`; `centreSeed` fixes the centres so train and validation agree.
    static func gaussianClasses(count: Int, dims: Int, classes: Int, separation: Float, seed: UInt64,
                                centreSeed: UInt64 = 7) -> (features: [Float], labels: [Int32]) {
        var centres = RandomStream(seed: centreSeed)
        let means = (0..<classes * dims).map { _ in separation * centres.nextNormal() }
        var rng = RandomStream(seed: seed)
        var features: [Float] = [], labels: [Int32] = []
        for i in 0..<count {
            let c = i % classes
            labels.append(Int32(c))
            for j in 0..<dims { features.append(means[c * dims + j] + rng.nextNormal()) }
        }
        return (features, labels)
    }

    static func norm(_ values: [Float]) -> Double { values.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot() }

    @Test func separableDataReachesPerfectTrainingAccuracyWithWeakRegularisation() {
        let data = Self.gaussianClasses(count: 200, dims: 8, classes: 4, separation: 4, seed: 1)
        let model = SoftmaxRegression.fit(features: data.features, labels: data.labels, featureCount: 8,
                                          classes: 4, l2: 1e-6)
        #expect(model.accuracy(data.features, labels: data.labels) == 1)
    }

    @Test func strongerL2ShrinksTheWeightNormMonotonically() {
        let data = Self.gaussianClasses(count: 300, dims: 10, classes: 3, separation: 0.7, seed: 2)
        let norms = [1e-4, 1e-3, 1e-2, 1e-1, 1].map { l2 in
            Self.norm(SoftmaxRegression.fit(features: data.features, labels: data.labels, featureCount: 10,
                                            classes: 3, l2: l2).weights)
        }
        for (weaker, stronger) in zip(norms, norms.dropFirst()) { #expect(stronger < weaker, "\(norms)") }
    }

    /// Central differences in Double of the Float32 objective, at a random point, over blocks of 7
    /// rows (so block boundaries, a short last block and the Double accumulation are all crossed).
    @Test func objectiveGradientMatchesFiniteDifferences() {
        let n = 50, d = 6, k = 4
        let data = Self.gaussianClasses(count: n, dims: d, classes: k, separation: 1, seed: 3)
        let objective = SoftmaxRegressionObjective(features: data.features, labels: data.labels,
                                                   featureCount: d, classes: k, blockRows: 7)
        objective.l2 = 0.3
        var rng = RandomStream(seed: 4)
        var x = (0..<objective.parameterCount).map { _ in 0.5 * Double(rng.nextNormal()) }
        var gradient = [Double](repeating: 0, count: x.count), scratch = gradient
        let f = x.withUnsafeBufferPointer { p in gradient.withUnsafeMutableBufferPointer { objective.evaluate(p, $0) } }
        func value(_ point: [Double]) -> Double {
            point.withUnsafeBufferPointer { p in scratch.withUnsafeMutableBufferPointer { objective.evaluate(p, $0) } }
        }
        var mismatches: [String] = []
        let h = 1e-3
        for i in 0..<x.count {
            let saved = x[i]
            x[i] = saved + h; let plus = value(x)
            x[i] = saved - h; let minus = value(x)
            x[i] = saved
            let numeric = (plus - minus) / (2 * h)
            if abs(numeric - gradient[i]) > 1e-4 + 1e-3 * abs(numeric) {
                mismatches.append("parameter \(i): analytic \(gradient[i]) vs numeric \(numeric)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")

        // The same point evaluated in one block gives the same value and gradient.
        let whole = SoftmaxRegressionObjective(features: data.features, labels: data.labels, featureCount: d, classes: k)
        whole.l2 = 0.3
        var wholeGradient = gradient
        let wholeValue = x.withUnsafeBufferPointer { p in wholeGradient.withUnsafeMutableBufferPointer { whole.evaluate(p, $0) } }
        #expect(whole.blockRows == n)
        #expect(abs(wholeValue - f) < 1e-6)
        #expect(zip(wholeGradient, gradient).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    /// Class identity lives in directions of small variance next to a shared nuisance of large
    /// variance: the class-mean direction that heavy shrinkage falls back on is swamped by the
    /// nuisance, and only a weakly regularised fit learns to cancel it.
    @Test func selectionAvoidsHeavyRegularisationWhenItDiscardsTheSignal() {
        func data(_ count: Int, seed: UInt64) -> (features: [Float], labels: [Int32]) {
            Self.nuisanceClasses(count: count, seed: seed)
        }
        let selection = SoftmaxRegression.fitSelectingL2(train: data(600, seed: 1), validation: data(600, seed: 2),
                                                         featureCount: 10, classes: 3)
        let strongest = selection.path[0]
        // When written: 0.86 at l2 = 1, 0.97 at 0.1, 1.0 from 1e-3 down.
        #expect(strongest.l2 == 1)
        #expect(selection.l2 <= 1e-3)
        #expect(selection.validationAccuracy > strongest.validationAccuracy + 0.1)
    }

    static func nuisanceClasses(count: Int, seed: UInt64) -> (features: [Float], labels: [Int32]) {
        let dims = 10
        var centres = RandomStream(seed: 11)
        let means = (0..<3 * dims).map { _ in 0.5 * centres.nextNormal() }
        let nuisance = (0..<dims).map { _ in centres.nextNormal() }
        var rng = RandomStream(seed: seed)
        var features: [Float] = [], labels: [Int32] = []
        for i in 0..<count {
            let c = i % 3
            labels.append(Int32(c))
            let z = 5 * rng.nextNormal()
            for j in 0..<dims { features.append(means[c * dims + j] + z * nuisance[j] + 0.3 * rng.nextNormal()) }
        }
        return (features, labels)
    }

    /// Ten examples per class, three informative features among twenty, every fifth training
    /// label moved to the next class: weak regularisation separates the training set by fitting
    /// noise and flipped labels, strong regularisation keeps close to the class means.
    @Test func selectionAvoidsWeakRegularisationWhenItOverfits() {
        let dims = 20
        func data(_ count: Int, seed: UInt64, flip: Bool) -> (features: [Float], labels: [Int32]) {
            var centres = RandomStream(seed: 21)
            let means = (0..<3 * dims).map { j in j % dims < 3 ? 4 * centres.nextNormal() : 0 }
            var rng = RandomStream(seed: seed)
            var features: [Float] = [], labels: [Int32] = []
            for i in 0..<count {
                let c = i % 3
                labels.append(flip && i % 5 == 0 ? Int32((c + 1) % 3) : Int32(c))
                for j in 0..<dims { features.append(means[c * dims + j] + rng.nextNormal()) }
            }
            return (features, labels)
        }
        let selection = SoftmaxRegression.fitSelectingL2(train: data(30, seed: 1, flip: true),
                                                         validation: data(900, seed: 2, flip: false),
                                                         featureCount: dims, classes: 3)
        // When written: 0.70 at l2 = 1 falling steadily to 0.55 at l2 = 1e-6.
        let weakest = selection.path[selection.path.count - 1]
        #expect(weakest.l2 == 1e-6)
        #expect(selection.l2 >= 1e-1)
        #expect(selection.validationAccuracy > weakest.validationAccuracy + 0.1)
    }

    @Test func selectionFitsTheGridFromStrongestToWeakestAndBreaksTiesTowardsStronger() {
        // Far-apart classes: every strength classifies the validation set perfectly.
        let train = Self.gaussianClasses(count: 90, dims: 4, classes: 3, separation: 8, seed: 5)
        let validation = Self.gaussianClasses(count: 90, dims: 4, classes: 3, separation: 8, seed: 6)
        let selection = SoftmaxRegression.fitSelectingL2(train: train, validation: validation, featureCount: 4,
                                                         classes: 3, grid: [1e-4, 1, 1e-2])
        #expect(selection.path.map(\.l2) == [1, 1e-2, 1e-4])
        #expect(selection.path.allSatisfy { $0.validationAccuracy == 1 })
        #expect(selection.l2 == 1)
        #expect(selection.model.l2 == 1)
        #expect(SoftmaxRegression.defaultL2Grid == [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1])
    }

    @Test func withPatienceThePathStopsAfterStrengthsThatDoNotImprove() {
        let train = Self.gaussianClasses(count: 90, dims: 4, classes: 3, separation: 8, seed: 5)
        let validation = Self.gaussianClasses(count: 90, dims: 4, classes: 3, separation: 8, seed: 6)
        let grid = [1, 1e-1, 1e-2, 1e-3, 1e-4]
        let stopped = SoftmaxRegression.fitSelectingL2(train: train, validation: validation, featureCount: 4,
                                                       classes: 3, grid: grid, patience: 2)
        let full = SoftmaxRegression.fitSelectingL2(train: train, validation: validation, featureCount: 4,
                                                    classes: 3, grid: grid)
        // Every strength is perfect, so after the first two misses nothing can win any more.
        #expect(stopped.path.map(\.l2) == [1, 1e-1, 1e-2])
        #expect(full.path.count == 5)
        #expect(stopped.l2 == full.l2)
    }

    @Test func identicalInputsGiveBitIdenticalFits() {
        let data = Self.gaussianClasses(count: 500, dims: 40, classes: 5, separation: 0.5, seed: 8)
        let first = SoftmaxRegression.fit(features: data.features, labels: data.labels, featureCount: 40,
                                          classes: 5, l2: 1e-3)
        let second = SoftmaxRegression.fit(features: data.features, labels: data.labels, featureCount: 40,
                                           classes: 5, l2: 1e-3)
        #expect(first.weights == second.weights)
        #expect(first.bias == second.bias)
        #expect(first.objective.bitPattern == second.objective.bitPattern)
        #expect(first.iterations == second.iterations)
    }

    /// Without informative features the only thing to learn is the class frequencies: the
    /// unpenalised bias must reproduce them exactly (the maximum-likelihood answer).
    @Test func withConstantFeaturesTheBiasLearnsTheClassFrequencies() {
        let labels: [Int32] = Array(repeating: 0, count: 10) + Array(repeating: 1, count: 30) + Array(repeating: 2, count: 60)
        let features = [Float](repeating: 3, count: labels.count * 2)
        let model = SoftmaxRegression.fit(features: features, labels: labels, featureCount: 2, classes: 3, l2: 1e-2)
        #expect(model.converged)
        #expect(model.featureScale == [1, 1])
        let p = model.probabilities(Array(features[0..<2]), count: 1)
        #expect(abs(p[0] - 0.1) < 1e-4 && abs(p[1] - 0.3) < 1e-4 && abs(p[2] - 0.6) < 1e-4)
        #expect(abs(model.bias.reduce(0, +)) < 1e-5)
    }

    @Test func warmStartFromAnotherStandardisationComputesTheSameLogits() {
        let a = Self.gaussianClasses(count: 120, dims: 5, classes: 3, separation: 1, seed: 9)
        let b = Self.gaussianClasses(count: 120, dims: 5, classes: 3, separation: 1, seed: 10)
        let shifted = b.features.enumerated().map { i, v in 3 * v + Float(i % 5) }   // new offsets and scales
        let model = SoftmaxRegression.fit(features: a.features, labels: a.labels, featureCount: 5, classes: 3, l2: 1e-2)
        let objective = SoftmaxRegressionObjective(features: shifted, labels: b.labels, featureCount: 5, classes: 3)
        let start = SoftmaxRegression.startingPoint(from: model, for: objective)
        let carried = SoftmaxRegression(
            featureCount: 5, classes: 3, weights: start[0..<15].map { Float($0) }, bias: start[15...].map { Float($0) },
            featureMean: objective.featureMean, featureScale: objective.featureScale, l2: 0, objective: 0,
            iterations: 0, evaluations: 0, converged: false, stopReason: .maxIterations)
        let before = model.probabilities(shifted, count: 120), after = carried.probabilities(shifted, count: 120)
        #expect(zip(before, after).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test func warmStartAtTheSolutionNeedsAlmostNoIterations() {
        let data = Self.gaussianClasses(count: 300, dims: 10, classes: 3, separation: 0.7, seed: 12)
        let cold = SoftmaxRegression.fit(features: data.features, labels: data.labels, featureCount: 10, classes: 3, l2: 1e-3)
        let warm = SoftmaxRegression.fit(features: data.features, labels: data.labels, featureCount: 10, classes: 3,
                                         l2: 1e-3, initial: cold)
        #expect(cold.converged && warm.converged)
        #expect(cold.iterations > 5)
        #expect(warm.iterations <= 2)
    }
}

/// Printed by Fixtures/softmax_regression.py (see its docstring for the command and the
/// correspondence C = 1/(n·l2)); fitted with StandardScaler + LogisticRegression(lbfgs, tol 1e-10).
enum SklearnFixture {
    struct Case: Sendable, CustomTestStringConvertible {
        let l2: Double
        let weights: [Float]
        let bias: [Float]
        let probabilities: [Float]
        let accuracy: Double
        var testDescription: String { "l2 = \(l2)" }
    }

    static let cases = [
        Case(l2: 1e-2, weights: weightsL2em2, bias: biasL2em2, probabilities: probabilitiesL2em2, accuracy: accuracyL2em2),
        Case(l2: 1e-1, weights: weightsL2em1, bias: biasL2em1, probabilities: probabilitiesL2em1, accuracy: accuracyL2em1),
    ]

    // softmax_regression.py, scikit-learn 1.9.1, numpy 2.4.6, scipy 1.17.1
    static let features: [Float] = [6.87008429, -3.13528109, -0.690255344, 90.6612091, 2.5, -4.20109463, -3.02302599, 0.921139181, 95.2480698, 2.5, 3.20130205, -3.12984347, 0.325789034, 92.427948, 2.5, 5.04476881, -3.07000685, 0.920012116, 95.1769791, 2.5, 15.2075367, -3.08851266, 0.829946399, 95.2382431, 2.5, 18.1571121, -3.22835827, 0.936428308, 91.8664474, 2.5, -4.92971182, -3.05342603, -1.20990753, 91.4049377, 2.5, -1.66176808, -3.08079696, -1.56371522, 92.2715073, 2.5, 1.57488668, -3.06364679, -0.446481496, 94.6192703, 2.5, -1.73226106, -2.94615841, -0.578625798, 94.7898865, 2.5, -1.51824629, -2.97486281, -0.724797845, 96.997139, 2.5, -7.86960745, -3.17480302, -0.344026774, 94.8790512, 2.5, -10.8011036, -3.09715033, 0.146022424, 94.5343018, 2.5, 10.7682018, -2.98118877, 0.449143946, 97.0965805, 2.5, 11.345645, -3.15159798, 2.11633182, 94.4982071, 2.5, -2.56537271, -2.99775982, -0.290123612, 96.3236313, 2.5, -7.92448092, -2.9864912, -0.987890422, 95.6447906, 2.5, 0.96908325, -3.0969069, 0.28736195, 93.0769806, 2.5, -4.05937767, -3.01623178, 1.88768196, 91.9363632, 2.5, 13.2846146, -2.9544332, -0.8584764, 95.1439438, 2.5, 12.560874, -3.11414671, 0.245245665, 102.66597, 2.5, 23.1304626, -2.99708438, 0.125377089, 105.188324, 2.5, 9.67143726, -3.07718968, -2.03187323, 101.069038, 2.5, -3.56042624, -2.93337727, -0.593601763, 102.485466, 2.5, 9.30894375, -2.92071962, -1.13676953, 100.430794, 2.5, 20.4455566, -3.14541745, -0.5527758, 102.92881, 2.5, -1.72727799, -3.09514427, -1.85097027, 103.48365, 2.5, 6.14010715, -3.06053329, -1.99733996, 97.4233856, 2.5, 16.1833134, -3.04922152, -1.08684826, 102.433739, 2.5, -0.308309555, -2.88696551, -1.05744338, 98.9103928, 2.5, 5.45803642, -3.02880883, -0.0949986428, 98.4087524, 2.5, 0.428276807, -3.0287354, -0.420998484, 102.6642, 2.5, 3.55374408, -2.94513845, -1.64395392, 104.037216, 2.5, -1.98412442, -3.03993344, -0.550285399, 103.031166, 2.5, 20.9860306, -3.02773881, 0.980029702, 98.0828934, 2.5, 10.7882948, -3.05349064, -0.210866287, 97.7255936, 2.5, -2.0360117, -2.9166851, 0.231576994, 101.810631, 2.5, 1.5246067, -2.97888327, -0.323608518, 103.625961, 2.5, 9.9407692, -3.17747617, -0.920684338, 100.221512, 2.5, 14.974369, -3.05446911, -1.6784457, 103.401672, 2.5, -11.0443478, -3.11460948, -1.32874, 103.710777, 2.5, -26.6590462, -2.92872334, -0.710700035, 100.818092, 2.5, -6.7199626, -3.0540154, -0.681083024, 105.643593, 2.5, -22.1185703, -2.85188961, -2.24878955, 98.9166794, 2.5, -6.4064827, -3.07549715, -1.0177865, 103.360954, 2.5, -5.89449024, -2.97173834, -1.21848953, 102.925407, 2.5, -13.1299562, -2.90971494, -0.38040176, 99.0800781, 2.5, -15.6432362, -3.15555024, -0.16494666, 102.436089, 2.5, -14.345809, -3.13694358, -1.08132243, 103.07103, 2.5, -16.1734657, -3.00503182, 0.299373448, 102.939484, 2.5, -28.9034348, -2.9828434, -1.57355976, 95.2218628, 2.5, -4.07497931, -3.14954519, -1.01527071, 104.601311, 2.5, -8.18757248, -3.02142572, -1.53036058, 102.028618, 2.5, -15.1291733, -2.9419148, -0.381861955, 103.197716, 2.5, -28.0472813, -3.09315705, -0.587547004, 102.225067, 2.5, -20.1330242, -3.079005, -0.755653918, 101.566376, 2.5, 3.16146374, -3.05039668, -0.247567177, 96.6044464, 2.5, -15.418335, -3.04475307, -1.89088285, 98.6084366, 2.5, -20.3228359, -3.08621669, -2.43937111, 100.355064, 2.5, -15.405076, -3.04339504, 0.00161985494, 100.767288, 2.5]
    static let labels: [Int32] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]
    static let featureCount = 5
    static let weightsL2em2: [Float] = [0.0599127161, 1.7769334, -1.83684612, 0.0997708866, 0.269343366, -0.369114252, 0.567280038, -0.310332873, -0.256947165, -2.30045117, 1.36901122, 0.931439947, 0, 0, 0]
    static let biasL2em2: [Float] = [-0.337865348, 0.213462325, 0.124403022]
    static let probabilitiesL2em2: [Float] = [0.995954711, 0.0028757355, 0.0011695537, 0.960769796, 0.0105160557, 0.028714148, 0.993390288, 0.00332469345, 0.00328501867, 0.959367249, 0.0318510916, 0.00878165964, 0.868846099, 0.129006271, 0.0021476306, 0.992536858, 0.00723511364, 0.000228028246, 0.98575502, 0.00210716626, 0.012137814, 0.967771635, 0.00923612623, 0.0229922383, 0.928839056, 0.0417749782, 0.0293859658, 0.92436028, 0.0446584142, 0.0309813061, 0.610917934, 0.236718799, 0.152363267, 0.76959457, 0.00853404085, 0.22187139, 0.873023606, 0.00355797656, 0.123418418, 0.562137351, 0.429123006, 0.00873964337, 0.987084911, 0.0117559934, 0.00115909542, 0.799067163, 0.0932585478, 0.10767429, 0.732349939, 0.0435246415, 0.22412542, 0.988638056, 0.00484098156, 0.00652096223, 0.998877435, 0.000237182981, 0.000885381841, 0.597379068, 0.399004828, 0.0036161039, 0.00744805476, 0.973783948, 0.0187679973, 0.000129599199, 0.999604168, 0.000266232885, 0.00512096043, 0.961718463, 0.0331605766, 0.0172945508, 0.670054354, 0.312651095, 0.0158271028, 0.972283557, 0.0118893406, 0.0010375039, 0.996623724, 0.00233877247, 0.00195216722, 0.540836479, 0.457211354, 0.167665696, 0.740454268, 0.0918800369, 0.0014394438, 0.994777228, 0.00378332775, 0.168786766, 0.705238332, 0.125974902, 0.334286164, 0.595802612, 0.0699112239, 0.0137207511, 0.750740154, 0.235539095, 0.000886746477, 0.949603946, 0.0495093075, 0.00993865532, 0.596664296, 0.393397048, 0.193092245, 0.805760997, 0.00114675816, 0.312988205, 0.665286926, 0.0217248687, 0.0578103322, 0.727384262, 0.214805406, 0.00570173133, 0.873214086, 0.121084182, 0.0339714861, 0.891676302, 0.0743522117, 0.000417088151, 0.994697579, 0.00488533248, 0.0011371919, 0.0632851803, 0.935577628, 0.00566399114, 0.00230571953, 0.992030289, 0.000880024475, 0.31351621, 0.685603765, 0.0203580343, 0.0138270366, 0.965814929, 0.00399453235, 0.250682489, 0.745322979, 0.00673623355, 0.461746674, 0.531517093, 0.191309179, 0.0809753687, 0.727715452, 0.0035243485, 0.0103410796, 0.986134572, 0.00129748267, 0.0195769172, 0.9791256, 0.00778447753, 0.0299070781, 0.962308444, 0.103261483, 0.000405873458, 0.896332643, 0.00130942643, 0.293176621, 0.705513953, 0.00800874742, 0.215200468, 0.776790785, 0.00574106421, 0.0691126691, 0.925146267, 0.000640027125, 0.000476608664, 0.998883364, 0.00334462526, 0.00494248905, 0.991712886, 0.726612677, 0.206087999, 0.067299324, 0.0308826242, 0.0190077666, 0.950109609, 0.00187285149, 0.0042736823, 0.993853466, 0.0294647536, 0.0218048087, 0.948730438]
    static let accuracyL2em2 = 0.983333333333
    // n_iter_ = 20
    static let weightsL2em1: [Float] = [0.0940126172, 0.792797225, -0.886809842, -0.0609324556, 0.157078238, -0.0961457828, 0.324625224, -0.146792278, -0.177832946, -1.00060825, 0.543873665, 0.456734587, 0, 0, 0]
    static let biasL2em1: [Float] = [-0.0606871067, 0.106308188, -0.0456210811]
    static let probabilitiesL2em1: [Float] = [0.911480084, 0.0612481977, 0.0272717184, 0.785988898, 0.0977901383, 0.116220964, 0.901923978, 0.0587956507, 0.0392803712, 0.800016914, 0.143027459, 0.0569556269, 0.73747095, 0.23700692, 0.0255221294, 0.928590818, 0.0636925372, 0.00771664519, 0.83344687, 0.0621144171, 0.104438713, 0.770151023, 0.105741049, 0.124107928, 0.715422772, 0.171541146, 0.113036082, 0.65137894, 0.204204138, 0.144416922, 0.44470887, 0.322466573, 0.232824557, 0.679605496, 0.0741094561, 0.246285048, 0.724949757, 0.0571261301, 0.217924113, 0.517746294, 0.424801532, 0.0574521739, 0.904627285, 0.0784442631, 0.0169284518, 0.568260952, 0.227889425, 0.203849623, 0.511611091, 0.17177062, 0.316618288, 0.871241987, 0.0714489668, 0.0573090457, 0.95285765, 0.021564752, 0.025577598, 0.494121637, 0.461452517, 0.0444258462, 0.132947551, 0.757071416, 0.109981033, 0.0244210476, 0.95373015, 0.0218488025, 0.082870235, 0.756476672, 0.160653093, 0.0965750147, 0.51992958, 0.383495405, 0.11307504, 0.78270812, 0.10421684, 0.0661663172, 0.883748004, 0.0500856788, 0.0460825933, 0.480392913, 0.473524494, 0.275532009, 0.536756121, 0.18771187, 0.0589407411, 0.874511129, 0.0665481297, 0.223224807, 0.535834481, 0.240940712, 0.397372514, 0.456988028, 0.145639458, 0.11077728, 0.56312654, 0.32609618, 0.0317915469, 0.748093496, 0.220114957, 0.0939888105, 0.495742203, 0.410268986, 0.403339955, 0.574736011, 0.0219240343, 0.418561764, 0.496388155, 0.085050081, 0.168661824, 0.532118004, 0.299220172, 0.0767946258, 0.651945191, 0.271260183, 0.210521041, 0.618225859, 0.1712531, 0.0335064951, 0.885913366, 0.0805801385, 0.0422967119, 0.208268914, 0.749434375, 0.0618423714, 0.0522469159, 0.885910713, 0.0339605593, 0.377935974, 0.588103467, 0.0737649437, 0.104275092, 0.821959964, 0.0649867364, 0.346825401, 0.588187862, 0.0634499415, 0.434700911, 0.501849147, 0.246777544, 0.206417787, 0.546804669, 0.090521448, 0.106560525, 0.802918027, 0.0503193051, 0.134490507, 0.815190188, 0.0930719335, 0.154371524, 0.752556543, 0.204259545, 0.0244082901, 0.771332165, 0.0476105406, 0.376648613, 0.575740847, 0.0730899676, 0.31990826, 0.607001773, 0.0639459737, 0.207054517, 0.72899951, 0.0352578835, 0.0280346239, 0.936707493, 0.069705056, 0.0761433228, 0.854151621, 0.563883892, 0.293515303, 0.142600805, 0.138642944, 0.125003648, 0.736353408, 0.0446887038, 0.0693754199, 0.885935876, 0.167170202, 0.133143353, 0.699686446]
    static let accuracyL2em1 = 0.983333333333
    // n_iter_ = 13
}

extension SoftmaxRegressionTests {
    @Test func screeningPicksTheSameStrengthAndEndsFullyConverged() {
        let train = Self.gaussianClasses(count: 600, dims: 20, classes: 4, separation: 0.6, seed: 11)
        let validation = Self.gaussianClasses(count: 600, dims: 20, classes: 4, separation: 0.6, seed: 12)
        let full = SoftmaxRegression.fitSelectingL2(train: train, validation: validation, featureCount: 20, classes: 4)
        let screened = SoftmaxRegression.fitSelectingL2(train: train, validation: validation, featureCount: 20,
                                                        classes: 4, screeningTolerance: 1e-3)
        #expect(screened.l2 == full.l2)
        #expect(screened.model.converged)
        #expect(abs(screened.validationAccuracy - full.validationAccuracy) < 0.01)
        #expect(screened.path.reduce(0) { $0 + $1.evaluations } < full.path.reduce(0) { $0 + $1.evaluations })
    }
}
