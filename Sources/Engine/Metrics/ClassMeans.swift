/// Per-class example counts and mean activations, in Double: what the collapse ratio and unit
/// selectivity read. One pass over H, O(n·h).
struct ClassMeans {
    let classes: Int
    let units: Int
    /// Examples per class.
    let counts: [Int]
    /// μ_c, classes × units row-major; rows of classes with no examples are zero.
    let means: [Double]
    /// μ, the mean over all examples.
    let overall: [Double]

    /// Classes with at least one example, ascending.
    var present: [Int] { (0..<classes).filter { counts[$0] > 0 } }

    init(_ hidden: Matrix, labels: [Int32], classes: Int) throws {
        try Self.validate(hidden, labels: labels, classes: classes)
        let n = hidden.rows, h = hidden.cols
        self.classes = classes
        units = h
        var counts = [Int](repeating: 0, count: classes)
        var sums = [Double](repeating: 0, count: classes * h)
        sums.withUnsafeMutableBufferPointer { s in
            for r in 0..<n {
                let c = Int(labels[r])
                counts[c] += 1
                let row = hidden.base + r * h, acc = s.baseAddress! + c * h
                for j in 0..<h { acc[j] += Double(row[j]) }
            }
        }
        if sums.contains(where: { !$0.isFinite }) {
            throw MetricError.nonFinite("hidden activations contain NaN or infinity")
        }
        var overall = [Double](repeating: 0, count: h)
        for c in 0..<classes where counts[c] > 0 {
            for j in 0..<h { overall[j] += sums[c * h + j] }
            let inverse = 1 / Double(counts[c])
            for j in 0..<h { sums[c * h + j] *= inverse }
        }
        self.counts = counts
        means = sums
        self.overall = overall.map { $0 / Double(n) }
    }

    /// Checks that there is one label in 0..<classes per row and at least one row.
    static func validate(_ hidden: Matrix, labels: [Int32], classes: Int) throws {
        guard labels.count == hidden.rows else {
            throw MetricError.shapeMismatch("\(hidden.rows) rows of activations but \(labels.count) labels")
        }
        guard hidden.rows > 0, hidden.cols > 0 else {
            throw MetricError.tooFewExamples("activations are \(hidden.rows)×\(hidden.cols)")
        }
        if let bad = labels.first(where: { $0 < 0 || Int($0) >= classes }) {
            throw MetricError.labelOutOfRange(label: bad, classes: classes)
        }
    }
}
