import Testing
import Glibc
@testable import Engine

/// Choosing a readout's L2 strength by stratified cross-validation on its own examples, and the
/// grid walk both selections share (docs/metrics.md, transfer).
@Suite struct SoftmaxRegressionCrossValidationTests {
    // MARK: Known answers from scikit-learn

    /// Every fold's held-out accuracy at every strength equals scikit-learn's on the same folds
    /// (exact: accuracies are multiples of 1/6 and no held-out example lies within 0.008 of a
    /// decision boundary, far above the solver tolerance); so do the means, the chosen strength
    /// and, within 1e-3 relative, the weights refitted on all 30 examples.
    @Test func crossValidatedPathMatchesScikitLearnFoldByFold() throws {
        let f = CrossValidationFixture.self
        var options = SoftmaxRegression.defaultSolverOptions
        options.gradientTolerance = 1e-7   // the reference ran to tol 1e-10; as SoftmaxRegressionTests
        options.maxIterations = 10_000
        let selection = try SoftmaxRegression.fitCrossValidatingL2(
            features: f.features, labels: f.labels, featureCount: f.featureCount, classes: 3, folds: 5,
            grid: f.grid, options: options)
        #expect(selection.folds == 5)
        #expect(selection.path.map(\.l2) == f.grid)
        #expect(selection.path.allSatisfy { $0.converged }, "\(selection.path)")
        let ours = selection.path.flatMap(\.foldAccuracies)
        #expect(ours.count == f.foldAccuracies.count)
        #expect(zip(ours, f.foldAccuracies).allSatisfy { abs($0 - $1) < 1e-9 }, "\(ours)")
        #expect(zip(selection.path.map(\.meanAccuracy), f.meanAccuracies).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(selection.l2 == f.chosenL2 && selection.model.l2 == f.chosenL2)
        #expect(abs(selection.meanAccuracy - 0.9) < 1e-9)
        #expect(!selection.atGridEdge)
        let largest = f.refitWeights.map(abs).max() ?? 1
        #expect(zip(selection.model.weights, f.refitWeights).allSatisfy { abs($0 - $1) <= 1e-3 * max(abs($1), 0.1 * largest) },
                "\(selection.model.weights)")
    }

    /// Each fold's path, fitted in lockstep with the others over one shared design, is the path
    /// the fold takes when fitted alone on a copy of its training rows: same held-out accuracy at
    /// every strength, objective values within the screening tolerance's reach.
    @Test func foldsFittedTogetherAreTheFoldsFittedAlone() throws {
        let d = 12, k = 3
        let data = SoftmaxRegressionTests.gaussianClasses(count: 150, dims: d, classes: k, separation: 0.5, seed: 21)
        let selection = try SoftmaxRegression.fitCrossValidatingL2(
            features: data.features, labels: data.labels, featureCount: d, classes: k, folds: 5,
            grid: SoftmaxRegression.defaultL2Grid, options: SoftmaxRegression.defaultSolverOptions, patience: 2,
            screeningTolerance: 1e-3, strongerExtensions: 3)
        #expect(selection.path.count >= 3)
        let assignment = SoftmaxRegression.stratifiedFolds(labels: data.labels, classes: k, folds: 5)
        func rows(_ f: Int, held: Bool) -> [Int] { assignment.indices.filter { (assignment[$0] == f) == held } }
        func copy(_ rows: [Int]) -> [Float] { rows.flatMap { data.features[$0 * d ..< ($0 + 1) * d] } }
        var tight = SoftmaxRegression.defaultSolverOptions
        tight.gradientTolerance = 1e-7
        for f in 0..<5 {
            var previous: SoftmaxRegression?
            for (point, expected) in selection.path.enumerated() {
                let alone = SoftmaxRegression.fit(features: copy(rows(f, held: false)), labels: rows(f, held: false).map { data.labels[$0] },
                                                  featureCount: d, classes: k, l2: expected.l2, options: tight, initial: previous)
                previous = alone
                let accuracy = alone.accuracy(copy(rows(f, held: true)), labels: rows(f, held: true).map { data.labels[$0] })
                #expect(abs(accuracy - expected.foldAccuracies[f]) <= 1.0 / 30 + 1e-12,
                        "fold \(f) at l2 \(expected.l2): \(accuracy) alone, \(expected.foldAccuracies[f]) together (point \(point))")
            }
        }
    }

    /// Fitting rows of a larger matrix in place equals fitting a gathered copy of them, bit for bit.
    @Test func rowsOfALargerMatrixGiveWhatTheirCopyGives() throws {
        let data = SoftmaxRegressionTests.gaussianClasses(count: 150, dims: 10, classes: 3, separation: 1, seed: 22)
        let rows = stride(from: 149, through: 0, by: -2).map { $0 }   // every other row, reversed
        let copy = rows.flatMap { data.features[$0 * 10 ..< ($0 + 1) * 10] }
        let labels = rows.map { data.labels[$0] }
        do {
            func run(_ features: [Float], _ rows: [Int]?) throws -> SoftmaxRegression.CrossValidatedL2 {
                try SoftmaxRegression.fitCrossValidatingL2(
                    features: features, rows: rows, labels: labels, featureCount: 10, classes: 3, folds: 5,
                    grid: SoftmaxRegression.defaultL2Grid, options: SoftmaxRegression.defaultSolverOptions, patience: 2,
                    screeningTolerance: 1e-3, strongerExtensions: 3)
            }
            let inPlace = try run(data.features, rows), copied = try run(copy, nil)
            #expect(inPlace.path == copied.path)
            #expect(inPlace.l2 == copied.l2)
            #expect(inPlace.model.weights.map(\.bitPattern) == copied.model.weights.map(\.bitPattern))
            #expect(inPlace.model.featureMean == copied.model.featureMean)
        }
        #expect(throws: MetricError.self) {
            try SoftmaxRegression.fitCrossValidatingL2(features: data.features, rows: [0, 150], labels: [0, 1],
                                                       featureCount: 10, classes: 3, folds: 2)
        }
    }

    @Test func theIthExampleOfEachClassGoesToFoldIModK() {
        let labels: [Int32] = [0, 1, 0, 0, 2, 1, 0, 0, 0, 1]
        #expect(SoftmaxRegression.stratifiedFolds(labels: labels, classes: 3, folds: 3) == [0, 0, 1, 2, 0, 1, 0, 1, 2, 2])
    }

    /// Folds past the largest class's size would hold nothing out: they are not counted.
    @Test func foldsThatWouldHoldNothingOutAreDropped() throws {
        let data = SoftmaxRegressionTests.gaussianClasses(count: 6, dims: 3, classes: 3, separation: 4, seed: 1)
        let selection = try SoftmaxRegression.fitCrossValidatingL2(
            features: data.features, labels: data.labels, featureCount: 3, classes: 3, folds: 5, grid: [0.1])
        #expect(selection.folds == 2)
        #expect(selection.path[0].foldAccuracies.count == 2)
    }

    @Test func oneExampleOfEachClassCannotBeCrossValidated() {
        let data = SoftmaxRegressionTests.gaussianClasses(count: 3, dims: 3, classes: 3, separation: 4, seed: 1)
        #expect(throws: MetricError.self) {
            try SoftmaxRegression.fitCrossValidatingL2(features: data.features, labels: data.labels, featureCount: 3,
                                                       classes: 3, folds: 2)
        }
        let enough = SoftmaxRegressionTests.gaussianClasses(count: 12, dims: 3, classes: 3, separation: 4, seed: 1)
        #expect(throws: MetricError.self) {
            try SoftmaxRegression.fitCrossValidatingL2(features: enough.features, labels: enough.labels, featureCount: 3,
                                                       classes: 3, folds: 1)
        }
    }

    /// The same examples in the same order give bit-identical choices and models.
    @Test func crossValidationIsDeterministic() throws {
        let data = SoftmaxRegressionTests.gaussianClasses(count: 60, dims: 12, classes: 3, separation: 0.6, seed: 4)
        let runs = try (0..<2).map { _ in
            try SoftmaxRegression.fitCrossValidatingL2(features: data.features, labels: data.labels, featureCount: 12,
                                                       classes: 3, folds: 5, patience: 2, screeningTolerance: 1e-3)
        }
        #expect(runs[0].path == runs[1].path)
        #expect(runs[0].model.weights == runs[1].model.weights && runs[0].l2 == runs[1].l2)
    }

    // MARK: The grid edge

    /// Far-apart classes: every strength scores perfectly, ties go to the stronger penalty, so the
    /// path climbs three decades above the grid and still ends on its strongest point — flagged.
    @Test func aChoiceStillAtTheStrongestEdgeAfterThreeMoreDecadesIsFlagged() throws {
        let data = SoftmaxRegressionTests.gaussianClasses(count: 60, dims: 4, classes: 3, separation: 8, seed: 5)
        let crossValidated = try SoftmaxRegression.fitCrossValidatingL2(
            features: data.features, labels: data.labels, featureCount: 4, classes: 3, folds: 5,
            grid: [1e-2, 1e-1, 1], strongerExtensions: 3)
        #expect(crossValidated.path.map(\.l2) == [1, 1e-1, 1e-2, 10, 100, 1000])
        #expect(crossValidated.path.allSatisfy { $0.meanAccuracy == 1 })
        #expect(crossValidated.l2 == 1000 && crossValidated.model.l2 == 1000)
        #expect(crossValidated.atGridEdge)

        let validation = SoftmaxRegressionTests.gaussianClasses(count: 60, dims: 4, classes: 3, separation: 8, seed: 6)
        let split = SoftmaxRegression.fitSelectingL2(train: data, validation: validation, featureCount: 4, classes: 3,
                                                     grid: [1e-2, 1e-1, 1], strongerExtensions: 3)
        // The validation split also climbs; where it stops depends on 60 validation examples.
        #expect(split.path.map(\.l2).prefix(4) == [1, 1e-1, 1e-2, 10])
        #expect(split.atGridEdge == (split.l2 == split.path.map(\.l2).max()))
    }

    /// Without extensions a choice of the strongest grid value is itself the edge.
    @Test func withoutExtensionsTheStrongestGridValueIsTheEdge() {
        let data = SoftmaxRegressionTests.gaussianClasses(count: 60, dims: 4, classes: 3, separation: 8, seed: 5)
        let validation = SoftmaxRegressionTests.gaussianClasses(count: 60, dims: 4, classes: 3, separation: 8, seed: 6)
        let split = SoftmaxRegression.fitSelectingL2(train: data, validation: validation, featureCount: 4, classes: 3,
                                                     grid: [1e-2, 1e-1, 1])
        #expect(split.path.map(\.l2) == [1, 1e-1, 1e-2])
        #expect(split.l2 == 1 && split.atGridEdge)
    }

    /// A score peaking one decade above the grid: the path climbs to it, one step past it, stops,
    /// and the choice is inside what was tried — not flagged. Each upward fit starts from the
    /// strongest fit so far.
    @Test func anOptimumJustAboveTheGridIsFoundAndNotFlagged() {
        var warmStarts: [Int?] = []
        let outcome = RegularisationPath.walk(grid: [1e-2, 1e-1, 1], patience: 2, strongerExtensions: 3) { l2, warm in
            warmStarts.append(warm)
            return -abs(log10(l2) - 1)
        }
        #expect(outcome.strengths == [1, 1e-1, 1e-2, 10, 100])
        #expect(warmStarts == [nil, 0, 1, 0, 3])
        #expect(outcome.strengths[outcome.chosen] == 10)
        #expect(!outcome.atGridEdge)
    }

    @Test func aChoiceOfTheWeakestGridValueIsFlagged() {
        let outcome = RegularisationPath.walk(grid: [1e-2, 1e-1, 1], patience: 2, strongerExtensions: 3) { l2, _ in -l2 }
        #expect(outcome.strengths == [1, 1e-1, 1e-2])
        #expect(outcome.strengths[outcome.chosen] == 1e-2)
        #expect(outcome.atGridEdge)
    }

    @Test func anInteriorChoiceIsNotFlaggedAndTiesGoToTheStrongerPenalty() {
        let scores: [Double: Double] = [1: 0.5, 1e-1: 0.8, 1e-2: 0.8, 1e-3: 0.7]
        let outcome = RegularisationPath.walk(grid: [1e-3, 1e-2, 1e-1, 1], patience: nil, strongerExtensions: 3) { l2, _ in
            scores[l2] ?? 0
        }
        #expect(outcome.strengths == [1, 1e-1, 1e-2, 1e-3])
        #expect(outcome.strengths[outcome.chosen] == 1e-1)
        #expect(!outcome.atGridEdge)
    }
}

/// Printed by Fixtures/softmax_cross_validation.py (see its docstring for the command, the folds
/// and the correspondence C = 1/(n·l2)); StandardScaler + LogisticRegression(lbfgs, tol 1e-10)
/// on each fold's training rows, scored on its held-out rows. Fold accuracies are listed
/// strength by strength (the order of `grid`), fold 0 to 4 within each.
enum CrossValidationFixture {
    // softmax_cross_validation.py, scikit-learn 1.9.1, numpy 2.4.6, scipy 1.17.1
    static let features: [Float] = [3.60229468, -3.13148952, 0.041894529, 92.378006, 2.09057736, 2.5, 0.818676829, -3.03959203, -1.30533755, 95.1999893, 1.37607014, 2.5, 10.1962442, -3.01122451, -1.42382109, 95.0251389, 5.1134057, 2.5, -9.49389076, -3.22521591, -1.91789496, 95.1999741, 1.25743127, 2.5, 17.6739578, -2.98003173, -0.20249173, 93.52771, 0.660479009, 2.5, 15.5751362, -3.16524649, -0.834922373, 93.4044113, 4.60284185, 2.5, -0.754107356, -3.16018081, -0.976350725, 95.5834122, 0.529989004, 2.5, 20.1340046, -3.2395277, 0.715459585, 95.7801971, -1.83733141, 2.5, 8.4263525, -2.93069911, -0.3251445, 95.6747055, 5.74977398, 2.5, 9.62985611, -3.08031297, -1.18411565, 94.6197891, 0.606539845, 2.5, 21.20961, -2.89610934, 0.324446827, 99.1223984, -2.05975294, 2.5, -1.34169316, -2.76571631, -0.251629472, 106.851776, 0.982087433, 2.5, 15.5755196, -2.83779049, -0.402011245, 98.5588608, -0.770133138, 2.5, 40.6648674, -2.85014844, 0.0909636989, 101.491768, -0.379439116, 2.5, 31.9136314, -2.89604616, -1.08453095, 101.919037, -0.811212063, 2.5, 24.8975315, -2.77266073, -1.16150796, 106.607048, -0.335239887, 2.5, 24.5311947, -2.96922207, -0.547658026, 102.463631, 0.130630106, 2.5, 15.968195, -2.953372, -1.14658284, 97.6111832, 0.474060774, 2.5, 27.0086555, -2.7947433, 0.32167989, 109.693428, 1.63736331, 2.5, 18.4337349, -2.69842005, -1.37264097, 105.226852, -0.910289526, 2.5, 11.3532228, -3.25222206, 1.87684119, 98.5935898, -0.935362935, 2.5, 24.5962963, -2.97884679, 1.02337527, 96.8320007, 0.913274825, 2.5, 6.17281914, -2.98290467, 1.77564263, 97.0650635, -0.0987411216, 2.5, 2.49145341, -3.19031405, 0.385992557, 98.7911072, 2.38190389, 2.5, 21.0159016, -3.13621688, 1.52854395, 97.7349625, 5.15037537, 2.5, 7.32487106, -3.00516963, 0.0414052978, 96.636261, 1.40339065, 2.5, 3.97156215, -3.02005339, -0.584256649, 101.054344, -0.798960745, 2.5, 25.0363407, -3.08422899, 2.07483244, 94.8833771, 1.85789251, 2.5, -1.06818986, -3.10407114, 1.00216389, 98.1171036, 1.52851129, 2.5, 15.288661, -2.99010396, 0.890085995, 94.9780426, -0.609292209, 2.5]
    static let labels: [Int32] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]
    static let featureCount = 6
    static let grid: [Double] = [1, 0.1, 0.01, 0.001]
    static let foldAccuracies: [Double] = [0.833333333333, 0.833333333333, 0.666666666667, 0.833333333333, 1, 1, 0.833333333333, 0.666666666667, 1, 1, 1, 0.833333333333, 0.666666666667, 0.833333333333, 1, 1, 0.666666666667, 0.666666666667, 0.833333333333, 1]
    static let meanAccuracies: [Double] = [0.833333333333, 0.9, 0.866666666667, 0.833333333333]
    static let chosenL2 = 0.1
    static let refitWeights: [Float] = [-0.139226006, 0.403798328, -0.264572322, -0.444380404, 0.645782118, -0.201401714, -0.507733491, -0.320219767, 0.827953258, -0.713341977, 0.596513154, 0.116828823, 0.231638348, -0.308822289, 0.0771839417, 0, 0, 0]
    // smallest held-out margin (top - second probability): 0.00828
}
