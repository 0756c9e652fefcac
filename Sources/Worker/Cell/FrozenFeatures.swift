import Engine

/// Penultimate features of a frozen network for a labelled set, kept together with the labels.
struct FrozenFeatures {
    let features: [Float]
    let labels: [Int32]
    let width: Int

    init(_ network: Network, _ set: LabeledSet) {
        features = Evaluator(network: network).features(set)
        labels = set.labels
        width = network.featureWidth
    }

    var count: Int { labels.count }

    /// As a matrix for the information metrics (copies).
    var matrix: Matrix { Matrix(rows: count, cols: width, values: features) }

    /// The rows at `indices`, as the (features, labels) pair the readout fitter takes.
    func rows(_ indices: [Int]) -> (features: [Float], labels: [Int32]) {
        var out = [Float](repeating: 0, count: indices.count * width)
        out.withUnsafeMutableBufferPointer { dst in
            features.withUnsafeBufferPointer { src in
                for (row, i) in indices.enumerated() {
                    (dst.baseAddress! + row * width).update(from: src.baseAddress! + i * width, count: width)
                }
            }
        }
        return (out, indices.map { labels[$0] })
    }

    var all: (features: [Float], labels: [Int32]) { (features, labels) }
}
