/// One quantity at one width of one task, over the seeds the sweep asks for: the trained
/// network, its random-features control and their per-seed difference (trained − control).
struct WidthSummary: Sendable, Equatable, Encodable {
    /// A seed the sweep asks for that gives no value here, and why.
    struct MissingSeed: Sendable, Equatable, Encodable {
        var seed: Int
        /// "queued", "running", "failed", "unreadable result", "missed target, excluded",
        /// "no value" (the result lacks this quantity) or "no cell" (not in the journal).
        var reason: String
    }

    var width: Int
    /// Seeds the sweep asks for at this width.
    var expectedSeeds: Int
    /// Seeds whose value is in the estimates, ascending.
    var seeds: [Int]
    var missing: [MissingSeed]
    var trained: Estimate?
    /// Nil for quantities without a control (source accuracy).
    var control: Estimate?
    /// Over the seeds that have both values: paired, so seed-to-seed variation cancels.
    var difference: Estimate?
}
