/// Within- and between-class scatter of hidden activations, as traces.
///
/// tr S_W = (1/n) Σᵢ ‖hᵢ − μ_{yᵢ}‖² (mean squared distance of an example to its class mean) and
/// tr S_B = Σ_c (n_c/n) ‖μ_c − μ‖² (class-frequency-weighted spread of the class means); they add
/// up to the total variance tr S_T.
public struct ClassScatter: Sendable, Equatable {
    /// tr S_W, in squared activation units.
    public let within: Double
    /// tr S_B, in squared activation units.
    public let between: Double
    /// Classes with at least one example on the probe set.
    public let classesPresent: Int

    /// tr S_W / tr S_B: 0 when every example sits on its class mean (neural collapse), large
    /// when class means are close together relative to the spread inside each class.
    public var collapseRatio: Double { within / between }
}

/// The neural-collapse ratio tr S_W / tr S_B of hidden activations (see `ClassScatter`).
///
/// Papyan, Han & Donoho (2020) measure collapse by tr(S_W S_B⁺)/C, which whitens by the
/// between-class scatter. We use the plain trace ratio: it needs no pseudo-inverse of a rank
/// ≤ C − 1 matrix in h ≫ C dimensions (whose small eigenvalues make tr(S_W S_B⁺) jumpy), costs
/// two passes over H, and is scale-free, so widths compare directly. It weighs every direction
/// by its variance rather than by its class separation, so the two can disagree in ranking
/// when the within-class spread lies mostly along weakly separated class-mean directions.
/// - Throws: `MetricError.tooFewExamples` if fewer than two classes are present,
///   `.degenerate` if all class means coincide, `.labelOutOfRange`, `.shapeMismatch`, `.nonFinite`.
public func collapseRatio(_ hidden: Matrix, labels: [Int32], classes: Int) throws -> Double {
    try classScatter(hidden, labels: labels, classes: classes).collapseRatio
}

/// Within- and between-class scatter traces of `hidden` (n×h) under `labels` in 0..<classes.
public func classScatter(_ hidden: Matrix, labels: [Int32], classes: Int) throws -> ClassScatter {
    let stats = try ClassMeans(hidden, labels: labels, classes: classes)
    let present = stats.present
    guard present.count >= 2 else {
        throw MetricError.tooFewExamples("scatter ratios need two classes, the probe set has \(present.count)")
    }
    let n = hidden.rows, h = hidden.cols
    var within = 0.0
    stats.means.withUnsafeBufferPointer { means in
        for r in 0..<n {
            let row = hidden.base + r * h, mu = means.baseAddress! + Int(labels[r]) * h
            var sum = 0.0
            for j in 0..<h {
                let d = Double(row[j]) - mu[j]
                sum += d * d
            }
            within += sum
        }
    }
    var between = 0.0
    for c in present {
        var sum = 0.0
        for j in 0..<h {
            let d = stats.means[c * h + j] - stats.overall[j]
            sum += d * d
        }
        between += Double(stats.counts[c]) * sum
    }
    within /= Double(n)
    between /= Double(n)
    guard between > 0 else {
        throw MetricError.degenerate("all class means coincide (zero between-class scatter)")
    }
    return ClassScatter(within: within, between: between, classesPresent: present.count)
}
