/// Batched inference over a whole set: accuracy and penultimate features.
public struct Evaluator {
    public let network: Network

    public init(network: Network) { self.network = network }

    /// Fraction of examples whose argmax logit is the label.
    public func accuracy(_ set: LabeledSet) -> Double {
        guard set.count > 0 else { return 0 }
        var correct = 0
        forEachBatch(set) { input, labels, _ in
            let logits = network.forward(input)
            for r in 0..<logits.rows {
                let z = logits.base + r * logits.cols
                var best = 0
                for c in 1..<logits.cols where z[c] > z[best] { best = c }
                if best == Int(labels[r]) { correct += 1 }
            }
        }
        return Double(correct) / Double(set.count)
    }

    /// Penultimate features of every example, row-major (count × featureWidth).
    public func features(_ set: LabeledSet) -> [Float] {
        let width = network.featureWidth
        var out = [Float](repeating: 0, count: set.count * width)
        out.withUnsafeMutableBufferPointer { dst in
            forEachBatch(set) { input, _, start in
                let f = network.features(input)
                (dst.baseAddress! + start * width).update(from: f.base, count: f.count)
            }
        }
        return out
    }

    /// The set seen through the frozen network: penultimate features with the same labels.
    public func featureSet(_ set: LabeledSet) -> LabeledSet {
        LabeledSet(features: features(set), labels: set.labels, featureCount: network.featureWidth, classes: set.classes)
    }

    private func forEachBatch(_ set: LabeledSet, _ body: (Matrix, UnsafePointer<Int32>, Int) -> Void) {
        let batch = network.batchCapacity
        let input = Matrix(rows: batch, cols: set.featureCount)
        let labels = UnsafeMutablePointer<Int32>.allocate(capacity: batch)
        defer { labels.deallocate() }
        var start = 0
        while start < set.count {
            let end = min(set.count, start + batch)
            set.slice(start..<end, into: input, labels: labels)
            body(input, labels, start)
            start = end
        }
    }
}
