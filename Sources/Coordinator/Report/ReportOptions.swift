/// Choices the reader makes about what the aggregates include.
struct ReportOptions: Sendable, Equatable, Codable {
    /// Leave cells whose source accuracy missed the target out of every aggregate and headline
    /// (they stay listed and flagged). Off by default: dropping data should be asked for.
    var excludeMissedTarget = false
}
