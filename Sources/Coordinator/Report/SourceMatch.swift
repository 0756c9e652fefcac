/// Whether source test accuracy is matched across widths — the premise of the comparison
/// (docs/architecture.md §1: networks trained to the *same* accuracy) — decided by an equivalence test, not
/// by the absence of a significant trend.
///
/// The quantity tested is the fitted change of source test accuracy from the narrowest to the
/// widest width: the mean per-seed slope against log₂ width (`WidthSlope`) times the doublings
/// the sweep spans. Two one-sided t tests (TOST, Schuirmann 1987), each at 2.5%, against a change
/// of −margin and of +margin: "matched" exactly when the change's 95% t interval lies inside
/// (−margin, +margin). So when the true change is the margin or more, the report claims a match
/// in at most 2.5% of sweeps (measured by `TrendSimulationTests`), and every interval the report
/// prints stays a 95% one. Without a significant trend and without the interval inside the margin
/// the verdict is "not shown matched": too few seeds, or too much noise, to tell.
struct SourceMatch: Sendable, Equatable, Encodable {
    enum Verdict: String, Sendable, Encodable {
        /// The change's 95% interval lies inside ± margin.
        case matched
        /// Source accuracy rises or falls with width (the slope test) and the change is not
        /// shown to be inside the margin.
        case changes
        /// Neither: the interval includes 0 and reaches past the margin.
        case notShownMatched
        /// Too few seeds or widths for the test (see `WidthSlope`).
        case tooFewResults
    }

    var verdict: Verdict
    /// The equivalence margin, as a fraction (0.005 = 0.5 points).
    var margin: Double
    /// Fitted change from the narrowest to the widest width, with its 95% t interval.
    var change: Double?
    var low: Double?
    var high: Double?
    /// TOST p-value: the larger of the two one-sided p-values; below 0.025 means matched.
    var pValue: Double?
    /// The slope test behind it.
    var slope: WidthSlope

    init(_ slope: WidthSlope, margin: Double) {
        self.slope = slope
        self.margin = margin
        let doublings = slope.doublings
        change = slope.perDoubling.map { $0 * doublings }
        guard let change, let slopeLow = slope.low, let slopeHigh = slope.high, let slopeError = slope.standardError else {
            verdict = .tooFewResults
            return
        }
        low = slopeLow * doublings
        high = slopeHigh * doublings
        let degrees = slope.seeds - 1
        let standardError = slopeError * doublings
        if standardError > 0 {
            let lower = 1 - Statistics.studentTCDF((change + margin) / standardError, degreesOfFreedom: degrees)
            let upper = Statistics.studentTCDF((change - margin) / standardError, degreesOfFreedom: degrees)
            pValue = max(lower, upper)
        } else {
            pValue = abs(change) < margin ? 0 : 1
        }
        if let low, let high, low > -margin, high < margin {
            verdict = .matched
        } else if slope.direction == .rises || slope.direction == .falls {
            verdict = .changes
        } else {
            verdict = .notShownMatched
        }
    }
}
