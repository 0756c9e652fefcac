/// Examples and their labels as the engine consumes them: `count` rows of `featureCount` floats.
public struct LabeledSet: Sendable {
    public let features: [Float]
    public let labels: [Int32]
    public let featureCount: Int
    /// Labels lie in 0..<classes.
    public let classes: Int

    public init(features: [Float], labels: [Int32], featureCount: Int, classes: Int) {
        precondition(featureCount > 0 && features.count == labels.count * featureCount,
                     "features (\(features.count)) do not match \(labels.count) labels × \(featureCount)")
        precondition(labels.allSatisfy { $0 >= 0 && Int($0) < classes }, "label outside 0..<\(classes)")
        self.features = features
        self.labels = labels
        self.featureCount = featureCount
        self.classes = classes
    }

    public var count: Int { labels.count }

    /// Copies the examples at `indices[range]` into `batch` (rows) and `labelBuffer`.
    public func gather(_ indices: UnsafeBufferPointer<Int>, _ range: Range<Int>,
                       into batch: Matrix, labels labelBuffer: UnsafeMutablePointer<Int32>) {
        batch.rows = range.count
        features.withUnsafeBufferPointer { src in
            labels.withUnsafeBufferPointer { lab in
                for (row, i) in range.enumerated() {
                    let example = indices[i]
                    (batch.base + row * featureCount).update(from: src.baseAddress! + example * featureCount, count: featureCount)
                    labelBuffer[row] = lab[example]
                }
            }
        }
    }

    /// Copies the contiguous examples `range` into `batch` and `labelBuffer`.
    public func slice(_ range: Range<Int>, into batch: Matrix, labels labelBuffer: UnsafeMutablePointer<Int32>) {
        batch.rows = range.count
        features.withUnsafeBufferPointer { src in
            batch.base.update(from: src.baseAddress! + range.lowerBound * featureCount, count: range.count * featureCount)
        }
        labels.withUnsafeBufferPointer { lab in
            labelBuffer.update(from: lab.baseAddress! + range.lowerBound, count: range.count)
        }
    }
}

extension LabeledSet {
    /// The examples at `indices`, in that order (copies).
    public func subset(_ indices: [Int]) -> LabeledSet {
        var rows = [Float](repeating: 0, count: indices.count * featureCount)
        rows.withUnsafeMutableBufferPointer { dst in
            features.withUnsafeBufferPointer { src in
                for (row, i) in indices.enumerated() {
                    (dst.baseAddress! + row * featureCount).update(from: src.baseAddress! + i * featureCount, count: featureCount)
                }
            }
        }
        return LabeledSet(features: rows, labels: indices.map { labels[$0] }, featureCount: featureCount, classes: classes)
    }
}

extension LabeledSet {
    /// The features as a matrix (copies), for the metrics that take one.
    public var matrix: Matrix { Matrix(rows: count, cols: featureCount, values: features) }
}
