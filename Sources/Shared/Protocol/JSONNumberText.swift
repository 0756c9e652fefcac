// Implements the number rules of docs/protocol.md §2.5 for schema decoding: numbers are read as
// IEEE-754 doubles, members typed integer must be integral and within ±2⁵³.

/// The value of a JSON number's text (already checked by `JSONTapeParser`), read the way
/// Foundation's `JSONDecoder` reads it, so both decoders agree on every bit.
enum JSONNumberText {
    /// Powers of ten that are exact doubles (10²² is the last).
    private static let exactPowersOfTen: [Double] = (0...22).reduce(into: []) { powers, k in
        powers.append(k == 0 ? 1 : powers[k - 1] * 10)
    }

    /// 5⁰ … 5²⁷, the powers of five below 2⁶³.
    private static let powersOfFive: [UInt64] = (0...27).reduce(into: []) { powers, k in
        powers.append(k == 0 ? 1 : powers[k - 1] * 5)
    }

    /// The correctly rounded double, and whether any digit of the text is non-zero (a result of
    /// zero from non-zero digits means the number underflowed).
    static func double(_ text: UnsafeBufferPointer<UInt8>) -> (value: Double, nonZeroDigits: Bool) {
        var i = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative { i = 1 }
        // Up to 19 significant digits fit a UInt64 exactly; later ones only move the exponent.
        var mantissa: UInt64 = 0
        var digits = 0
        var truncated = false
        var exponent = 0
        var inFraction = false
        while i < text.count {
            let b = text[i]
            if b == UInt8(ascii: ".") {
                inFraction = true
            } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                let d = UInt64(b - UInt8(ascii: "0"))
                if digits < 19 {
                    if mantissa != 0 || d != 0 {
                        mantissa = mantissa * 10 + d
                        digits += 1
                    }
                    if inFraction { exponent -= 1 }
                } else {
                    truncated = truncated || d != 0
                    if !inFraction { exponent += 1 }
                }
            } else {
                break  // 'e' or 'E'
            }
            i += 1
        }
        if i < text.count {
            i += 1
            var negativeExponent = false
            if i < text.count, text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-") {
                negativeExponent = text[i] == UInt8(ascii: "-")
                i += 1
            }
            var written = 0
            while i < text.count, text[i] >= UInt8(ascii: "0") && text[i] <= UInt8(ascii: "9") {
                // Saturates: past a million the number is 0 or infinite either way.
                written = min(written * 10 + Int(text[i] - UInt8(ascii: "0")), 1_000_000)
                i += 1
            }
            exponent += negativeExponent ? -written : written
        }
        let nonZero = mantissa != 0 || truncated
        guard nonZero else { return (negative ? -0.0 : 0.0, false) }
        // Clinger's fast path: an exact mantissa and an exact power of ten give one correctly
        // rounded multiplication or division, the same double strtod finds the long way.
        if !truncated && mantissa <= 1 << 53 && (-22...22).contains(exponent) {
            let m = Double(mantissa)
            let value = exponent >= 0 ? m * exactPowersOfTen[exponent] : m / exactPowersOfTen[-exponent]
            return (negative ? -value : value, true)
        }
        if !truncated && (-27...27).contains(exponent) {
            let value = exactlyRounded(mantissa, timesTenToThe: exponent)
            return (negative ? -value : value, true)
        }
        let value = Double(String(decoding: text, as: UTF8.self)) ?? .nan
        return (value, true)
    }

    /// `mantissa × 10^exponent` rounded to nearest, ties to even, for |exponent| ≤ 27: the digits a
    /// worker prints for a double (up to 17 of them) land here, and `strtod` would cost more than
    /// the rest of the number's decoding.
    ///
    /// 10^e = 5^e · 2^e, and 5^27 < 2^63, so the product `mantissa · 5^e`, or the quotient of
    /// `mantissa · 2^s` by 5^e (taken to at least 64 bits, with a remainder that says whether
    /// anything was cut off), is exact in 128-bit integers. Rounding that to 53 bits and scaling by
    /// a power of two is then exact too: every result lies in [10^-27, 2^64 · 10^27], far from
    /// the subnormal and overflow ranges.
    static func exactlyRounded(_ mantissa: UInt64, timesTenToThe exponent: Int) -> Double {
        guard mantissa != 0 else { return 0 }
        if exponent >= 0 {
            let product = UInt128(mantissa) * UInt128(powersOfFive[exponent])  // < 2^127
            return rounded(product, inexact: false, timesTwoToThe: exponent)
        }
        let shift = 127 - (UInt64.bitWidth - mantissa.leadingZeroBitCount)  // mantissa · 2^shift < 2^127
        let (quotient, remainder) = (UInt128(mantissa) << shift).quotientAndRemainder(dividingBy: UInt128(powersOfFive[-exponent]))
        // quotient ≥ 2^126 / 5^27 > 2^63: far more bits than a double keeps.
        return rounded(quotient, inexact: remainder != 0, timesTwoToThe: exponent - shift)
    }

    /// `(value + δ) × 2^scale` to the nearest double, ties to even, where 0 ≤ δ < 1 and δ > 0
    /// exactly when `inexact` (which only a value of more than 53 bits comes with).
    private static func rounded(_ value: UInt128, inexact: Bool, timesTwoToThe scale: Int) -> Double {
        let bits = UInt128.bitWidth - value.leadingZeroBitCount
        guard bits > 53 else { return Double(sign: .plus, exponent: scale, significand: Double(UInt64(value))) }
        let dropped = bits - 53
        var kept = UInt64(value >> dropped)
        let rest = value & ((1 << dropped) - 1)
        let half = UInt128(1) << (dropped - 1)
        if rest > half || (rest == half && (inexact || kept & 1 == 1)) { kept += 1 }
        // Rounding up to 2^53 is still exact as a double.
        return Double(sign: .plus, exponent: scale + dropped, significand: Double(kept))
    }

    /// An integer member's value: the text read exactly when it is a plain integer, otherwise as
    /// a double that must be integral; nil when it is not an integer within ±2⁵³.
    ///
    /// Foundation reads `1.0` and `1e2` as integers too, and reads a non-plain number through a
    /// double only below 2⁵³ in magnitude (above, it reparses), so those stop short of 2⁵³.
    static func integer(_ text: UnsafeBufferPointer<UInt8>, plain: Bool) -> Int? {
        let limit = UInt64(WireConstants.maxJSONInteger)
        if plain {
            let negative = text.first == UInt8(ascii: "-")
            var magnitude: UInt64 = 0
            for b in text.dropFirst(negative ? 1 : 0) {
                guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }
                magnitude = magnitude * 10 + UInt64(b - UInt8(ascii: "0"))
                guard magnitude <= limit else { return nil }
            }
            return negative ? -Int(magnitude) : Int(magnitude)
        }
        let value = double(text).value
        guard value.magnitude < Double(limit), let integer = Int(exactly: value) else { return nil }
        return integer
    }
}
