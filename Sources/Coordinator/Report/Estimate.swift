/// A summary over seeds of one quantity at one width: how many seeds, their mean and spread, and
/// a 95% interval for the mean.
struct Estimate: Sendable, Equatable, Codable {
    /// Seeds with a value.
    var n: Int
    var mean: Double
    /// Sample standard deviation (n − 1); nil when n < 2.
    var sd: Double?
    /// 95% interval for the mean; nil when n < 2. Raw: a bounded quantity's interval may pass
    /// its bound, and the formats clip it for display only.
    var low: Double?
    var high: Double?
    /// "t" (Student t, n − 1 degrees of freedom) or "single" (n = 1: a mean and no interval).
    var method: String
}
