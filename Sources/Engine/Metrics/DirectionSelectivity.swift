/// Class selectivity of the leading principal directions of hidden activations: the same
/// Morcos index as `neuronSelectivity`, read off directions instead of single units.
///
/// A projection onto a direction can be negative, and the index needs a non-negative
/// "activation". Each direction v is turned into one as a ReLU unit with its threshold at the
/// data mean would see it:
///
/// 1. z = (h − μ)·v for every example (centred projection; class means of z average to 0);
/// 2. orient: if the class mean of z with the largest magnitude is negative, flip z, so the
///    most distinct class lies on the positive side;
/// 3. a = max(0, z), and the index of a is taken exactly as for a unit.
///
/// A direction along which one class stands out (z ≈ +A for it, slightly negative for the
/// rest) scores ≈ 1, whichever sign the eigensolver gave it; a direction whose distribution is
/// the same for every class scores ≈ 0 (up to the same small upward sampling bias a class-blind
/// unit has). On a one-hot ReLU code that PCA recovers, units and directions both score 1, so
/// the comparison is fair: a gap means the class information is spread across units.
/// - Throws: `MetricError.shapeMismatch` if `directions` were found on activations of another
///   width, `.tooFewExamples` with fewer than two classes present, `.labelOutOfRange`.
public func directionSelectivity(_ hidden: Matrix, labels: [Int32], classes: Int,
                                 directions: PrincipalDirections) throws -> SelectivitySummary {
    try ClassMeans.validate(hidden, labels: labels, classes: classes)
    guard directions.units == hidden.cols else {
        throw MetricError.shapeMismatch("directions in \(directions.units) units for activations of \(hidden.cols)")
    }
    let n = hidden.rows, h = hidden.cols, k = directions.count
    var counts = [Int](repeating: 0, count: classes)
    for label in labels { counts[Int(label)] += 1 }
    let present = (0..<classes).filter { counts[$0] > 0 }
    guard present.count >= 2 else {
        throw MetricError.tooFewExamples("selectivity needs two classes, the probe set has \(present.count)")
    }
    // Z = (H − 1μᵀ)·Vᵀ, n×k, in Double.
    var vt = [Double](repeating: 0, count: h * k)
    for i in 0..<k { for j in 0..<h { vt[j * k + i] = directions.vectors[i * h + j] } }
    let z = CentredProducts.centredTimes(hidden, mean: directions.mean, vt, columns: k)

    var values: [Double] = [], variances: [Double] = []
    var sums = [Double](repeating: 0, count: classes)
    var classMeans = [Double](repeating: 0, count: present.count)
    for i in 0..<k {
        for c in 0..<classes { sums[c] = 0 }
        for r in 0..<n { sums[Int(labels[r])] += z[r * k + i] }
        var extreme = present[0]
        for c in present where abs(sums[c] / Double(counts[c])) > abs(sums[extreme] / Double(counts[extreme])) { extreme = c }
        let sign: Double = sums[extreme] < 0 ? -1 : 1
        for c in 0..<classes { sums[c] = 0 }
        for r in 0..<n { sums[Int(labels[r])] += max(0, sign * z[r * k + i]) }
        for (index, c) in present.enumerated() { classMeans[index] = sums[c] / Double(counts[c]) }
        // A direction with variance has a positive side once oriented; guard against rounding anyway.
        guard classMeans.contains(where: { $0 > 0 }) else { continue }
        values.append(selectivityIndex(classMeans))
        variances.append(directions.variances[i])
    }
    guard !values.isEmpty else {
        throw MetricError.degenerate("no principal direction has any spread on the probe set")
    }
    return SelectivitySummary(values: values, variances: variances, dead: 0)
}

/// Direction selectivity of the leading principal directions of `hidden`: `directionCount` of
/// them, by default one fewer than the classes present on the probe set.
///
/// Why C − 1 by default: the class means span at most C − 1 dimensions once centred, so at most
/// C − 1 directions can carry between-class structure. Scoring more would average in
/// within-class directions that no class owns (on a rotated one-hot code of 8 classes, the top
/// 32 directions score 0.28 where the top 7 score 0.9), which says more about k than about the
/// code. The summary's `varianceWeightedMean` is nearly immune to k.
public func directionSelectivity(_ hidden: Matrix, labels: [Int32], classes: Int,
                                 directionCount: Int? = nil) throws -> SelectivitySummary {
    try ClassMeans.validate(hidden, labels: labels, classes: classes)
    let present = Set(labels).count
    let directions = try PrincipalDirections(hidden, count: directionCount ?? max(1, present - 1))
    return try directionSelectivity(hidden, labels: labels, classes: classes, directions: directions)
}
