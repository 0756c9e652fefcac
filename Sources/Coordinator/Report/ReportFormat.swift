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

    /// "0.93": correlations.
    static func correlation(_ value: Double) -> String {
        signed(String(format: "%.2f", value))
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

    /// "88.1% [87.5%, 88.7%]", "88.1%" without an interval, "–" without a value.
    static func estimate(_ estimate: Estimate?, of metric: ReportMetric, difference: Bool = false) -> String {
        guard let estimate else { return "–" }
        let format: (Double) -> String = difference ? { Self.difference($0, of: metric) } : { Self.value($0, of: metric) }
        guard let low = estimate.low, let high = estimate.high else { return format(estimate.mean) }
        return "\(format(estimate.mean)) [\(format(low)), \(format(high))]"
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
