import Foundation

/// `1234.5` → `"1234.50"` with `digits` decimals.
func format(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return "–" }
    return String(format: "%.\(digits)f", value)
}

/// `12345.6` → `"12,346"`: whole numbers with thousands separators, as the report's tables print them.
func grouped(_ value: Double) -> String {
    guard value.isFinite else { return "–" }
    let digits = String(Int(value.rounded()).magnitude)
    var out = ""
    for (i, c) in digits.reversed().enumerated() {
        if i > 0 && i % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (value < -0.5 ? "-" : "") + String(out.reversed())
}

func grouped(_ value: Int) -> String { grouped(Double(value)) }

func grouped(_ value: UInt64) -> String { grouped(Double(value)) }

/// `0.123` → `"12 %"`; nan → `"?"`.
func percent(_ fraction: Double) -> String {
    fraction.isFinite ? "\(Int((fraction * 100).rounded())) %" : "?"
}
