import Testing
@testable import Engine

/// The K fold objectives evaluated together over one shared design (SoftmaxRegressionFoldObjective)
/// are each fold's own objective: same value and gradient as `SoftmaxRegressionObjective` on a
/// gathered copy of the fold's training rows, standardised with their own statistics.
@Suite struct SoftmaxRegressionFoldObjectiveTests {
    /// Examples with offset, unevenly scaled features (so fold and global standardisations differ
    /// visibly) and one constant feature.
    static func data(count: Int, dims: Int, classes: Int, seed: UInt64) -> (features: [Float], labels: [Int32]) {
        let base = SoftmaxRegressionTests.gaussianClasses(count: count, dims: dims, classes: classes, separation: 1, seed: seed)
        var features = base.features
        for i in 0..<count {
            for j in 0..<dims { features[i * dims + j] = features[i * dims + j] * Float(j + 1) + Float(3 * j) }
            features[i * dims] = 2.5   // constant: scale 1 in every standardisation
        }
        return (features, base.labels)
    }

    /// Fold f's held-out examples and, in example order, its training examples.
    static func split(_ labels: [Int32], classes: Int, folds: Int) -> (heldOut: [[Int]], training: [[Int]]) {
        let assignment = SoftmaxRegression.stratifiedFolds(labels: labels, classes: classes, folds: folds)
        return ((0..<folds).map { f in assignment.indices.filter { assignment[$0] == f } },
                (0..<folds).map { f in assignment.indices.filter { assignment[$0] != f } })
    }

    @Test(arguments: [nil, 7])   // whole-design blocks, and blocks that straddle fold boundaries
    func everyFoldsValueAndGradientAreThoseOfItsOwnObjective(blockRows: Int?) {
        let d = 6, k = 3, n = 61, folds = 4
        let data = Self.data(count: n, dims: d, classes: k, seed: 3)
        let rows = (0..<n).reversed().map { $0 }   // examples read from a larger matrix out of order
        let labels = rows.map { data.labels[$0] }
        let (heldOut, training) = Self.split(labels, classes: k, folds: folds)
        let standardisations = training.map {
            SoftmaxRegression.standardisation(of: data.features, rows: $0.map { rows[$0] }, featureCount: d)
        }
        let joint = SoftmaxRegressionFoldObjective(
            features: data.features, rows: rows, labels: labels, featureCount: d, classes: k,
            heldOutExamples: heldOut, foldStandardisation: standardisations, blockRows: blockRows)
        joint.l2 = 0.03
        var rng = RandomStream(seed: 9)
        let points = (0..<folds).map { _ in (0..<joint.parameterCount).map { _ in Double(rng.nextNormal()) * 0.3 } }
        // Every fold at once, and a batch without fold 1 (a fold that already finished).
        for batch in [[0, 1, 2, 3], [0, 2, 3]] {
            var gradients = batch.map { _ in [Double](repeating: .nan, count: joint.parameterCount) }
            let values = points.withUnsafeBufferPointers(batch) { pointers in
                gradients.withUnsafeMutableBufferPointers { joint.evaluate(batch, pointers, $0) }
            }
            for (slot, f) in batch.enumerated() {
                let alone = SoftmaxRegressionObjective(
                    features: data.features, rows: training[f].map { rows[$0] }, labels: training[f].map { labels[$0] },
                    featureCount: d, classes: k)
                alone.l2 = 0.03
                #expect(alone.featureMean == standardisations[f].mean && alone.featureScale == standardisations[f].scale)
                var expected = [Double](repeating: 0, count: joint.parameterCount)
                let value = points[f].withUnsafeBufferPointer { p in
                    expected.withUnsafeMutableBufferPointer { alone.evaluate(p, $0) }
                }
                #expect(abs(values[slot] - value) <= 1e-5 * abs(value), "fold \(f): \(values[slot]) vs \(value)")
                let scale = expected.map(abs).max() ?? 1
                let worst = zip(gradients[slot], expected).map { abs($0 - $1) }.max() ?? .nan
                #expect(worst <= 1e-5 * scale, "fold \(f): gradient off by \(worst) of \(scale)")
                #expect(abs(joint.curvature[f] - alone.curvature) <= 1e-5)
            }
        }
    }

    /// Held-out accuracy from the shared design equals the fold model's accuracy on the raw rows.
    @Test func heldOutAccuracyIsTheFoldModelsAccuracyOnItsHeldOutRows() {
        let d = 5, k = 3, n = 90, folds = 3
        let data = Self.data(count: n, dims: d, classes: k, seed: 5)
        let (heldOut, training) = Self.split(data.labels, classes: k, folds: folds)
        let standardisations = training.map {
            SoftmaxRegression.standardisation(of: data.features, rows: $0, featureCount: d)
        }
        let joint = SoftmaxRegressionFoldObjective(
            features: data.features, rows: nil, labels: data.labels, featureCount: d, classes: k,
            heldOutExamples: heldOut, foldStandardisation: standardisations)
        for f in 0..<folds {
            let model = SoftmaxRegression.fit(
                features: training[f].flatMap { data.features[$0 * d ..< ($0 + 1) * d] },
                labels: training[f].map { data.labels[$0] }, featureCount: d, classes: k, l2: 0.01)
            var parameters = model.weights.map(Double.init) + model.bias.map(Double.init)
            #expect(model.featureMean == standardisations[f].mean)
            let expected = model.accuracy(heldOut[f].flatMap { data.features[$0 * d ..< ($0 + 1) * d] },
                                          labels: heldOut[f].map { data.labels[$0] })
            #expect(abs(joint.heldOutAccuracy(f, parameters) - expected) < 1e-12)
            #expect(expected > 0.4)   // a real classifier, not chance
            parameters = parameters.map { -$0 }
            #expect(joint.heldOutAccuracy(f, parameters) < expected)
        }
    }
}

private extension Array where Element == [Double] {
    /// Buffer pointers to the listed elements, valid inside `body`.
    func withUnsafeBufferPointers<R>(_ indices: [Int], _ body: ([UnsafeBufferPointer<Double>]) -> R) -> R {
        let copies = indices.map { self[$0] }
        let pointers = copies.map { copy -> UnsafeMutableBufferPointer<Double> in
            let p = UnsafeMutableBufferPointer<Double>.allocate(capacity: copy.count)
            _ = p.initialize(from: copy)
            return p
        }
        defer { pointers.forEach { $0.deallocate() } }
        return body(pointers.map { UnsafeBufferPointer($0) })
    }

    mutating func withUnsafeMutableBufferPointers<R>(_ body: ([UnsafeMutableBufferPointer<Double>]) -> R) -> R {
        let pointers = map { copy -> UnsafeMutableBufferPointer<Double> in
            let p = UnsafeMutableBufferPointer<Double>.allocate(capacity: copy.count)
            _ = p.initialize(from: copy)
            return p
        }
        defer { pointers.forEach { $0.deallocate() } }
        let result = body(pointers)
        self = pointers.map { [Double]($0) }
        return result
    }
}
