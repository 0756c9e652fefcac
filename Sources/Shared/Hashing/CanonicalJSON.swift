/// A JSON value with exactly one text form, so equal values hash to equal cell keys.
///
/// The text follows RFC 8785 (JSON Canonicalization Scheme) for everything a sweep spec holds:
/// object keys sorted by UTF-16 code units, no whitespace, integers written as integers, other
/// numbers in ECMAScript's shortest round-trip form (`0.05`, `1e-8`, `1` for 1.0), strings with
/// only the escapes JSON requires. Any language with a JCS library can therefore recompute a key.
/// Foundation's `JSONEncoder` is not used because its number formatting is not a documented
/// contract, and a key must not change when the toolchain does.
public enum CanonicalJSON: Hashable, Sendable {
    case null
    case bool(Bool)
    /// Exact integer, written without a fraction or exponent.
    case integer(Int64)
    /// Finite binary64 number; the spec parser never lets NaN or infinity through.
    case number(Double)
    case string(String)
    case array([CanonicalJSON])
    case object([String: CanonicalJSON])

    /// Convenience for the common `Int` case.
    public static func int(_ value: Int) -> CanonicalJSON { .integer(Int64(value)) }

    /// The canonical text: the bytes that are hashed.
    public var serialized: String {
        var out = ""
        write(into: &out)
        return out
    }

    /// The serialization of `.object(members)` with the values of `holes` left out, cut into
    /// `holes.count + 1` fragments, and the holes in the order they occur (sorted key order).
    /// Filling each hole with a value's `serialized` text and joining gives exactly the
    /// serialization of the complete object; cell keys use this to serialize the parts shared by
    /// all cells of a task only once.
    static func objectFragments(_ members: [String: CanonicalJSON], holes: [String])
        -> (fragments: [String], holes: [String]) {
        var fragments: [String] = []
        var order: [String] = []
        var out = "{"
        let keys = Set(members.keys).union(holes).sorted { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }
        for (index, key) in keys.enumerated() {
            if index > 0 { out += "," }
            writeString(key, into: &out)
            out += ":"
            if holes.contains(key) {
                fragments.append(out)
                order.append(key)
                out = ""
            } else {
                members[key]?.write(into: &out)
            }
        }
        fragments.append(out + "}")
        return (fragments, order)
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .number(let value): out += Self.format(value)
        case .string(let value): Self.writeString(value, into: &out)
        case .array(let values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                value.write(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            let keys = members.keys.sorted { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(key, into: &out)
                out += ":"
                members[key]?.write(into: &out)
            }
            out += "}"
        }
    }

    /// RFC 8785 §3.2.2.2 string form: escape `"`, `\` and control characters, nothing else.
    private static func writeString(_ value: String, into out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// ECMAScript `Number::toString` of a finite double (RFC 8785 §3.2.2.3).
    ///
    /// Swift's `description` already yields the shortest digit string that round-trips; this
    /// only re-lays those digits out by ECMAScript's rules (`1e-8`, not `1e-08`; `1`, not `1.0`).
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        let (digits, exponent) = shortestDigits(abs(value))
        // value = 0.d₁d₂…d_k × 10^n, as in ECMA-262 §6.1.6.1.20.
        let k = digits.count
        let n = exponent
        let body: String
        if k <= n && n <= 21 {
            body = digits + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            let split = digits.index(digits.startIndex, offsetBy: n)
            body = digits[..<split] + "." + digits[split...]
        } else if -6 < n && n <= 0 {
            body = "0." + String(repeating: "0", count: -n) + digits
        } else {
            let e = n - 1
            let mantissa = k == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
            body = mantissa + "e" + (e < 0 ? "-" : "+") + String(abs(e))
        }
        return sign + body
    }

    /// Significant digits (no leading or trailing zeros) and exponent n with
    /// value = 0.digits × 10^n, read off Swift's shortest round-trip `description`.
    private static func shortestDigits(_ value: Double) -> (String, Int) {
        let text = value.description  // e.g. "0.05", "1e-08", "1.5e+20", "123.0"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = String(parts.first ?? "")
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = integerPart + fractionPart
        var pointPosition = integerPart.count + exponent
        while digits.hasPrefix("0") {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.hasSuffix("0") { digits.removeLast() }
        return (digits.isEmpty ? "0" : digits, pointPosition)
    }
}
