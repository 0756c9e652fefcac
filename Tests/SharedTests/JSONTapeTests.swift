import Foundation
import Testing
@testable import Shared

/// The pieces of the fast JSON path on their own: the §2.5 pass, UTF-8, numbers, escapes
/// (docs/protocol.md §2.5, §6.1 steps 6–7).
struct JSONTapeTests {
    /// What the reference recogniser says about `bytes`: nil when it accepts.
    static func referenceFailure(_ bytes: [UInt8]) -> JSONTape.Failure? {
        var scanner = ReferenceJSONDecoding.Scanner(bytes: bytes)
        do {
            try scanner.checkDocument()
            return nil
        } catch {
            switch error {
            case let .malformed(reason): return .malformed(reason)
            case .tooDeep: return .tooDeep
            case let .duplicate(name): return .duplicate(name)
            case .nonFinite: return .nonFinite
            }
        }
    }

    static func tapeFailure(_ bytes: [UInt8]) -> JSONTape.Failure? {
        do {
            _ = try JSONTape(parsing: bytes)
            return nil
        } catch {
            return error
        }
    }

    /// Random documents from JSON's own alphabet, mostly almost valid.
    static func jsonish(_ rng: inout SplitMix64) -> [UInt8] {
        let tokens = ["{", "}", "[", "]", ",", ":", "\"a\"", "\"b\"", "\"a\\u0062\"", "\"\\u0061\"", "\"\\n\"", "\"\\x\"", "\"\\u12\"",
                      "0", "e5", "-1", "1.5", "1e999", "-1e400", "1e-999", "01", "1.", "2E+3", "true", "fals", "null", " ", "\n",
                      "\"", "\\", "\u{1}", "é"]
        var text = "{"
        for _ in 0..<Int(rng.next() % 24) { text += tokens[Int(rng.next() % UInt64(tokens.count))] }
        if rng.next() % 2 == 0 { text += "}" }
        return Array(text.utf8)
    }

    @Test func theTapeFailsExactlyWhereTheReferenceRecogniserFails() {
        // docs/protocol.md §2.5: syntax, top-level object, duplicates, depth, finite numbers.
        var rng = SplitMix64(seed: 0x7A9E)
        var accepted = 0
        for _ in 0..<20_000 {
            let bytes = Self.jsonish(&rng)
            let reference = Self.referenceFailure(bytes)
            let failure = Self.tapeFailure(bytes)
            if reference == nil { accepted += 1 }
            // Escaped spellings of one name are the one place the tape is stricter.
            if case .duplicate = failure, reference == nil,
               String(decoding: bytes, as: UTF8.self).contains("\\u0061") { continue }
            #expect(failure == reference, "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(accepted > 200)
    }

    @Test func aBareZeroBeforeAnExponentIsRefusedAsJSONDecoderRefusesIt() throws {
        // Found by scripts/ci/fuzz: "0E5" is RFC 8259 JSON, but the JSONDecoder that reads stored
        // results back for reports refuses it, so a result accepted with it became unreadable.
        // JSONDecoder refuses some of these spellings ("0E5", "0e5") and not others ("-0e-1"); the
        // tape refuses every bare 0 before an exponent, so what it accepts, JSONDecoder accepts.
        #expect(throws: (any Error).self) { try JSONDecoder().decode([String: Double].self, from: Data(#"{"a":0E5}"#.utf8)) }
        for text in [#"{"a":0E5}"#, #"{"a":0e5}"#, #"{"a":-0e-1}"#] {
            #expect(Self.tapeFailure(Array(text.utf8)) != nil, "\(text)")
        }
        for text in [#"{"a":0.0E5}"#, #"{"a":0}"#, #"{"a":10e1}"#] {
            #expect(Self.tapeFailure(Array(text.utf8)) == nil, "\(text)")
        }
    }

    @Test func nestingDeeperThanThirtyTwoIsTooDeep() {
        // docs/protocol.md §2.5: depth ≤ 32, the top-level object being the first level.
        let ok = "{\"x\":" + String(repeating: "[", count: 31) + String(repeating: "]", count: 31) + "}"
        let deep = "{\"x\":" + String(repeating: "[", count: 32) + String(repeating: "]", count: 32) + "}"
        #expect(Self.tapeFailure(Array(ok.utf8)) == nil)
        #expect(Self.tapeFailure(Array(deep.utf8)) == .tooDeep)
    }

    @Test func objectsWithManyMembersStillFindTheirDuplicate() {
        // docs/protocol.md §2.5: past 16 members the check switches to a set; it must agree.
        for repeated in [0, 15, 16, 17, 199] {
            var members = (0..<200).map { "\"m\($0)\":\($0)" }
            members.append("\"m\(repeated)\":0")
            let text = "{" + members.joined(separator: ",") + "}"
            #expect(Self.tapeFailure(Array(text.utf8)) == .duplicate("m\(repeated)"))
        }
        let unique = "{" + (0..<200).map { "\"m\($0)\":\($0)" }.joined(separator: ",") + "}"
        #expect(Self.tapeFailure(Array(unique.utf8)) == nil)
    }

    @Test func utf8ValidationAgreesWithSwiftStrings() {
        // docs/protocol.md §2.5, §6.1 step 6: valid UTF-8 exactly as String(decoding:) keeps it.
        var rng = SplitMix64(seed: 0x0F8)
        let leads: [UInt8] = [0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF3, 0xF4, 0xF5, 0xFF]
        let tails: [UInt8] = [0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0]
        var invalid = 0
        for _ in 0..<50_000 {
            let count = Int(rng.next() % 20)
            let bytes = (0..<count).map { _ in
                rng.next() % 2 == 0 ? leads[Int(rng.next() % UInt64(leads.count))] : tails[Int(rng.next() % UInt64(tails.count))]
            }
            let expected = Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
            if !expected { invalid += 1 }
            #expect(UTF8Validation.isValid(bytes) == expected, "\(bytes)")
        }
        #expect(invalid > 10_000 && invalid < 50_000)
        let mixed = Array(("a quick brown fox " + String(repeating: "😀é€x", count: 40)).utf8)
        #expect(UTF8Validation.isValid(mixed))
        #expect(!UTF8Validation.isValid(Array(mixed.dropLast(2))))  // cuts "€" short
    }

    @Test func numbersReadAsTheCorrectlyRoundedDouble() {
        // docs/protocol.md §2.5: numbers are IEEE-754 doubles; the fast path must round as strtod does.
        var rng = SplitMix64(seed: 0xD0B1E)
        func check(_ text: String) {
            let bytes = Array(text.utf8)
            let value = bytes.withUnsafeBufferPointer { JSONNumberText.double($0).value }
            let expected = Double(text) ?? .nan
            #expect(value.bitPattern == expected.bitPattern, "\(text): \(value) vs \(expected)")
        }
        for _ in 0..<20_000 {
            check("\(Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF))")
            let digits = String((0..<Int(1 + rng.next() % 22)).map { _ in Character(String(rng.next() % 10)) })
            let point = Int(rng.next() % UInt64(digits.count + 1))
            let fraction = point == digits.count ? "" : "." + digits.dropFirst(point)
            let integerDigits = digits.prefix(point).drop { $0 == "0" }
            let integer = integerDigits.isEmpty ? "0" : String(integerDigits)
            let exponent = rng.next() % 2 == 0 ? "" : "e\(Int(rng.next() % 60) - 30)"
            check((rng.next() % 2 == 0 ? "-" : "") + integer + fraction + exponent)
        }
        for text in ["0", "-0", "0.0e5", "1", "1e22", "1e23", "9007199254740993", "9007199254740992e-22",
                     "4.9e-324", "2.2250738585072011e-308", "1.7976931348623157e308", "0.1000000000000000055511151231257827021181583404541015625"] {
            check(text)
        }
    }

    @Test func numbersThatUnderflowAreTold() {
        // JSONDecoder refuses a non-zero number that rounds to zero; the reader needs to know.
        for (text, nonZero) in [("1e-400", true), ("0e-400", false), ("-0.000", false), ("2.4703282292062327e-324", true)] {
            let read = Array(text.utf8).withUnsafeBufferPointer { JSONNumberText.double($0) }
            #expect(read.value == 0)
            #expect(read.nonZeroDigits == nonZero, "\(text)")
        }
    }

    @Test func escapesResolveAndHalfSurrogatesAreRefused() {
        // RFC 8259 §7 as docs/protocol.md §2.5 requires.
        func unescape(_ text: String) -> String? {
            JSONStringEscapes.unescapeValidating(Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(unescape(#"a\"b\\c\/d\b\f\n\r\t"#) == "a\"b\\c/d\u{8}\u{C}\n\r\t")
        #expect(unescape(#"\u0041\u00e9\u20AC\ud83d\ude00"#) == "Aé€😀")
        #expect(unescape(#"\ud83d"#) == nil)
        #expect(unescape(#"\ude00"#) == nil)
        #expect(unescape(#"\ud83d\u0041"#) == nil)
        #expect(JSONStringEscapes.unescape(Array(#"x\ud800"#.utf8)) == Array("x\u{FFFD}".utf8))
    }

    @Test func quotingMatchesJSONEncoder() throws {
        // The ASSIGN body is built by concatenation; its strings must read back as JSONEncoder's do.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let samples = ["", "plain", "a\"b\\c/d", "\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F}", "é€😀\u{2028}",
                       "name: s\nwidths: [1, 2]\n"] + (0..<64).map { String(UnicodeScalar(UInt8($0))) }
        for text in samples {
            var quoted: [UInt8] = []
            JSONStringEscapes.appendQuoted(text, to: &quoted)
            #expect(quoted == Array(try encoder.encode(text)), "\(text.unicodeScalars.map(\.value))")
        }
    }
}
