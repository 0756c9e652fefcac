// Implements the string rules of RFC 8259 §7 that docs/protocol.md §2.5 relies on: reading
// escapes in JSON frames, and writing strings the way the codec's `JSONEncoder` does.

/// JSON string escapes, both ways, on UTF-8 bytes.
enum JSONStringEscapes {
    /// The value of one hex digit, or nil.
    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// The UTF-8 bytes a string's text stands for, escapes resolved; `text` is what lies between
    /// the quotes and has passed `JSONTapeParser` (every escape complete and well-formed).
    /// Returns nil when a `\u` escape names half a surrogate pair without its other half, which no
    /// Unicode text can hold (Foundation rejects such a string too).
    static func unescapeValidating<Text: RandomAccessCollection<UInt8>>(_ text: Text) -> [UInt8]? where Text.Index == Int {
        unescape(text, lossy: false)
    }

    /// `unescapeValidating` with half surrogates read as U+FFFD: for comparing member names,
    /// which must equal or differ from each other even when they are not Unicode text.
    static func unescape<Text: RandomAccessCollection<UInt8>>(_ text: Text) -> [UInt8] where Text.Index == Int {
        unescape(text, lossy: true) ?? Array(text)
    }

    private static func unescape<Text: RandomAccessCollection<UInt8>>(_ text: Text, lossy: Bool) -> [UInt8]?
        where Text.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = text.startIndex
        while i < text.endIndex {
            let b = text[i]
            guard b == UInt8(ascii: "\\"), i + 1 < text.endIndex else {
                out.append(b)
                i += 1
                continue
            }
            let e = text[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hex4(text, at: i) else { return nil }
                i += 4
                var scalar = unit
                if (0xD800...0xDFFF).contains(unit) {
                    // A high surrogate counts only with a low one right after it.
                    if unit <= 0xDBFF, i + 1 < text.endIndex, text[i] == UInt8(ascii: "\\"),
                       text[i + 1] == UInt8(ascii: "u"), let low = hex4(text, at: i + 2), (0xDC00...0xDFFF).contains(low) {
                        i += 6
                        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    } else if lossy {
                        scalar = 0xFFFD
                    } else {
                        return nil
                    }
                }
                appendUTF8(scalar, to: &out)
            default: out.append(e)  // \" \\ \/
            }
        }
        return out
    }

    private static func hex4<Text: RandomAccessCollection<UInt8>>(_ text: Text, at i: Int) -> UInt32? where Text.Index == Int {
        guard i + 4 <= text.endIndex else { return nil }
        var value: UInt32 = 0
        for j in i..<(i + 4) {
            guard let digit = hexValue(text[j]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Appends `text` as a JSON string, quotes included, escaped exactly as the codec's
    /// `JSONEncoder` (`.withoutEscapingSlashes`) escapes it: `"` and `\`, the short forms
    /// `\b \f \n \r \t`, other controls as `\u00xx`; everything else as is.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { source in
            let start = out.count
            let count = quotedCount(source)
            out += repeatElement(0, count: count)
            out.withUnsafeMutableBufferPointer { destination in
                _ = writeQuoted(source, into: destination, at: start)
            }
        }
    }

    /// Bytes `writeQuoted` writes for `text`.
    static func quotedCount(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = text.count + 2
        for b in text where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
            count += shortEscape(b) == nil ? 5 : 1
        }
        return count
    }

    /// Writes `text` quoted and escaped (as `appendQuoted`) into `out` from `index`, which must
    /// have `quotedCount(text)` bytes of room; returns the index after the closing quote.
    /// Byte by byte into a buffer sized beforehand: appending run by run costs several times more.
    static func writeQuoted(_ text: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
        let digits: StaticString = "0123456789abcdef"
        var j = index
        out[j] = UInt8(ascii: "\"")
        j += 1
        for b in text {
            if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") {
                out[j] = b
                j += 1
            } else if let short = shortEscape(b) {
                out[j] = UInt8(ascii: "\\")
                out[j + 1] = short
                j += 2
            } else {
                out[j] = UInt8(ascii: "\\")
                out[j + 1] = UInt8(ascii: "u")
                out[j + 2] = UInt8(ascii: "0")
                out[j + 3] = UInt8(ascii: "0")
                out[j + 4] = digits.utf8Start[Int(b >> 4)]
                out[j + 5] = digits.utf8Start[Int(b & 0xF)]
                j += 6
            }
        }
        out[j] = UInt8(ascii: "\"")
        return j + 1
    }

    /// The letter after the backslash for characters JSON writes as a two-byte escape.
    private static func shortEscape(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): b
        case 0x08: UInt8(ascii: "b")
        case 0x0C: UInt8(ascii: "f")
        case 0x0A: UInt8(ascii: "n")
        case 0x0D: UInt8(ascii: "r")
        case 0x09: UInt8(ascii: "t")
        default: nil
        }
    }
}
