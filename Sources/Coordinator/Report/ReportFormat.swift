import Foundation

/// How numbers read in the report's prose and tables (the CSV and JSON keep full precision).
enum ReportFormat {
    /// "88.1%": accuracies to a tenth of a point, the resolution seed-to-seed noise allows.
    static func percent(_ value: Double) -> String {
        signed(String(format: "%.1f", 100 * value)) + "%"
    }

    /// "1.2": a difference of accuracies in percentage points.
    static func points(_ value: Double) -> String {
        signed(String(format: "%.1f", 100 * value))
    }

    /// "+2.1", "−0.4", "0.0": a change in percentage points, signed so its direction reads at a glance.
    static func change(_ value: Double) -> String {
        let text = points(value)
        return text.hasPrefix("−") || text == "0.0" ? text : "+" + text
    }

    /// About three significant figures without exponents: participation ratios run to
    /// thousands, collapse ratios and R² are fractions.
    static func number(_ value: Double) -> String {
        let magnitude = abs(value)
        let digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        return signed(String(format: "%.\(digits)f", value))
    }

    /// A value of `metric`: percent for accuracies, `number` otherwise.
    static func value(_ value: Double, of metric: ReportMetric) -> String {
        metric.isPercentage ? percent(value) : number(value)
    }

    /// A trained − control difference of `metric`: points for accuracies.
    static func difference(_ value: Double, of metric: ReportMetric) -> String {
        metric.isPercentage ? points(value) : number(value)
    }

    /// "88.1% [87.5%, 88.7%]", "88.1%" without an interval, "–" without a value. The interval is
    /// clipped to what the quantity can be (an accuracy's t interval may reach past 100%).
    static func estimate(_ estimate: Estimate?, of metric: ReportMetric, difference: Bool = false) -> String {
        guard let estimate else { return "–" }
        let format: (Double) -> String = difference ? { Self.difference($0, of: metric) } : { Self.value($0, of: metric) }
        guard let interval = displayed(estimate, within: difference ? metric.differenceBounds : metric.bounds) else {
            return format(estimate.mean)
        }
        return "\(format(estimate.mean)) [\(format(interval.low)), \(format(interval.high))]"
    }

    /// `estimate`'s interval clipped to `bounds`, for tables and plots; nil without an interval.
    static func displayed(_ estimate: Estimate, within bounds: ClosedRange<Double>?) -> (low: Double, high: Double)? {
        guard let low = estimate.low, let high = estimate.high else { return nil }
        guard let bounds else { return (low, high) }
        return (max(bounds.lowerBound, low), min(bounds.upperBound, high))
    }

    /// "p = 0.004", "p = 0.31", "p < 0.001".
    static func pValue(_ p: Double) -> String {
        if p < 0.001 { return "p < 0.001" }
        return p < 0.01 ? String(format: "p = %.3f", p) : String(format: "p = %.2f", p)
    }

    /// "16…2048", or "64" for one width.
    static func widthRange(_ widths: [Int]) -> String {
        guard let first = widths.min(), let last = widths.max() else { return "–" }
        return first == last ? "\(first)" : "\(first)…\(last)"
    }

    /// 2h05m, 3m20s, 4.2s.
    static func duration(_ seconds: Double) -> String {
        PlainReport.duration(seconds)
    }

    /// "2024-05-01 12:00 UTC".
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    /// A typographic minus, and no "-0.0".
    private static func signed(_ text: String) -> String {
        guard text.hasPrefix("-") else { return text }
        let digits = text.dropFirst()
        return digits.allSatisfy { $0 == "0" || $0 == "." } ? String(digits) : "−" + digits
    }
}
