/// A summary over seeds of one quantity at one width: how many seeds, their mean and spread, and
/// a 95% interval for the mean.
struct Estimate: Sendable, Equatable, Codable {
    /// Seeds with a value.
    var n: Int
    var mean: Double
    /// Sample standard deviation (n − 1); nil when n < 2.
    var sd: Double?
    /// 95% interval for the mean; nil when n < 2.
    var low: Double?
    var high: Double?
    /// "t" (Student t), "bootstrap" (percentile, for bounded metrics) or "single" (n = 1).
    var method: String
}
