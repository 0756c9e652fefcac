/// One quantity of one task across widths: the per-width summaries and the per-cell values
/// behind them (the headline's slope tests fit every seed's own values, not the means).
struct MetricSeries: Sendable, Equatable, Encodable {
    /// One cell's value, for the per-seed slope tests.
    struct Sample: Sendable, Equatable {
        var width: Int
        var seed: Int
        var trained: Double
        var control: Double?
    }

    var metric: ReportMetric
    /// Ascending widths, each the sweep asks for (a width without any value has empty estimates).
    var widths: [WidthSummary]
    var samples: [Sample]

    /// The width summary at `width`, if the sweep has that width.
    func summary(at width: Int) -> WidthSummary? {
        widths.first { $0.width == width }
    }

    private enum CodingKeys: String, CodingKey {
        case id, label, target, budget, equalDimension, widths
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metric.id, forKey: .id)
        try container.encode(metric.label, forKey: .label)
        switch metric {
        case .transfer(let target, let budget):
            try container.encode(target, forKey: .target)
            try container.encode(budget, forKey: .budget)
        case .transferEqualDimension(let target, let budget, let dimension):
            try container.encode(target, forKey: .target)
            try container.encode(budget, forKey: .budget)
            try container.encode(dimension, forKey: .equalDimension)
        default: break
        }
        try container.encode(widths, forKey: .widths)
    }
}
