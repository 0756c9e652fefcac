/// Class selectivity over a set of units or directions: the per-item index and its summary.
public struct SelectivitySummary: Sendable, Equatable {
    /// The index of each scored unit (or direction), in their order; dead units are left out.
    public let values: [Double]
    /// The variance of each scored unit's activation (or of the projection on each direction),
    /// matching `values`: what `varianceWeightedMean` weighs by.
    public let variances: [Double]
    /// Units that were exactly zero on every probe example and so have no index (always 0 for
    /// directions).
    public let dead: Int

    public init(values: [Double], variances: [Double], dead: Int) {
        precondition(values.count == variances.count, "one variance per index")
        self.values = values
        self.variances = variances
        self.dead = dead
    }

    /// Items that received an index.
    public var scored: Int { values.count }

    /// Mean index over the scored items.
    public var mean: Double { values.reduce(0, +) / Double(values.count) }

    /// Median index over the scored items (mean of the middle two for an even count).
    public var median: Double {
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Mean index with each item weighted by its variance: the selectivity of the typical unit
    /// *of variance* rather than of the typical unit. Many near-silent, class-blind units (common
    /// in wide layers) pull `mean` down but barely move this one.
    public var varianceWeightedMean: Double {
        let total = variances.reduce(0, +)
        guard total > 0 else { return mean }
        return zip(values, variances).reduce(0) { $0 + $1.0 * $1.1 } / total
    }
}

/// Class selectivity of single units (Morcos et al. 2018, "On the importance of single
/// directions for generalization"): for each unit, (μ_max − μ_rest) / (μ_max + μ_rest), where
/// μ_c is its mean activation over the examples of class c, μ_max the largest of them and
/// μ_rest the mean of the other classes' μ_c.
///
/// The index is 1 for a unit that fires for one class only and 0 for a unit whose class means
/// are all equal; it lies in [0, 1] only for non-negative activations, so `hidden` must be
/// post-ReLU. Dead units (exactly zero on every probe example) have no defined index: they are
/// left out and counted in `dead`. Only classes present on the probe set take part.
/// - Throws: `MetricError.negativeActivation` for any negative activation,
///   `.tooFewExamples` when fewer than two classes are present, `.degenerate` when every unit is
///   dead, `.labelOutOfRange`, `.shapeMismatch`, `.nonFinite`.
public func neuronSelectivity(_ hidden: Matrix, labels: [Int32], classes: Int) throws -> SelectivitySummary {
    try ClassMeans.validate(hidden, labels: labels, classes: classes)
    let n = hidden.rows, h = hidden.cols
    var squares = [Double](repeating: 0, count: h)
    for r in 0..<n {
        let row = hidden.base + r * h
        var smallest: Float = 0
        for j in 0..<h {
            smallest = min(smallest, row[j])
            squares[j] += Double(row[j]) * Double(row[j])
        }
        if smallest < 0, let unit = (0..<h).first(where: { row[$0] < 0 }) {
            throw MetricError.negativeActivation(unit: unit, value: row[unit])
        }
    }
    let stats = try ClassMeans(hidden, labels: labels, classes: classes)
    let present = stats.present
    guard present.count >= 2 else {
        throw MetricError.tooFewExamples("selectivity needs two classes, the probe set has \(present.count)")
    }
    var values: [Double] = [], variances: [Double] = []
    values.reserveCapacity(h)
    variances.reserveCapacity(h)
    var dead = 0
    var classMeans = [Double](repeating: 0, count: present.count)
    for j in 0..<h {
        // Non-negative activations: the overall mean is zero exactly when every value is.
        if stats.overall[j] == 0 { dead += 1; continue }
        for (i, c) in present.enumerated() { classMeans[i] = stats.means[c * h + j] }
        values.append(selectivityIndex(classMeans))
        let mu = stats.overall[j]
        variances.append(max(0, squares[j] / Double(n) - mu * mu))
    }
    guard !values.isEmpty else {
        throw MetricError.degenerate("all \(h) units are dead (zero on every probe example)")
    }
    return SelectivitySummary(values: values, variances: variances, dead: dead)
}

/// (μ_max − μ_rest) / (μ_max + μ_rest) for non-negative class means, not all zero, of ≥ 2 classes.
func selectivityIndex(_ classMeans: [Double]) -> Double {
    var top = 0
    for c in 1..<classMeans.count where classMeans[c] > classMeans[top] { top = c }
    let largest = classMeans[top]
    let rest = (classMeans.reduce(0, +) - largest) / Double(classMeans.count - 1)
    return (largest - rest) / (largest + rest)
}
