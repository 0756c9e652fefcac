import Foundation
@testable import Shared

/// Seeded `CellResult`s and the JSON texts made from them — valid ones in several encodings and
/// corrupted ones — for comparing `CellResultReader` with `JSONDecoder` input by input.
struct CellResultSamples {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    private mutating func pick<T>(_ options: [T]) -> T { options[Int(rng.next() % UInt64(options.count))] }
    private mutating func chance(_ oneIn: UInt64) -> Bool { rng.next() % oneIn == 0 }

    /// Doubles of every shape a worker may print: full precision, short decimals, integers,
    /// tiny, subnormal, huge, signed zeros.
    mutating func double() -> Double {
        let unit = Double(rng.next() >> 11) / Double(1 << 53)
        switch rng.next() % 10 {
        case 0: return Double(rng.next() % 1000) / 100
        case 1: return Double(Int(rng.next() % 2_000_001) - 1_000_000)
        case 2: return unit * 1e-300
        case 3: return pick([.leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -0.0, 0.0, 1e22, 1e23, 9007199254740994])
        case 4: return Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF) * (chance(2) ? -1 : 1)
        case 5: return unit * pow(10, Double(Int(rng.next() % 40) - 20))
        default: return unit
        }
    }

    mutating func int() -> Int {
        switch rng.next() % 5 {
        case 0: return Int(rng.next() % (1 << 53)) * (chance(2) ? -1 : 1)
        case 1: return pick([0, 1, -1, 1 << 53, -(1 << 53), (1 << 53) - 1])
        default: return Int(rng.next() % 100_000)
        }
    }

    /// Text with what JSON must escape, what it may, and what it must not.
    mutating func string() -> String {
        let pieces = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{1F}", "\u{7F}", "é", "€", "😀", "\u{2028}", "mlp", "_"]
        return (0..<Int(rng.next() % 8)).map { _ in pick(pieces) }.joined()
    }

    mutating func result() -> CellResult {
        func hidden(_ s: inout CellResultSamples) -> HiddenStateMetrics {
            HiddenStateMetrics(reconstructionR2: s.double(), reconstructionL2: s.double(),
                               fineProbeAccuracy: s.chance(2) ? nil : s.double(), participationRatio: s.double(),
                               collapseRatio: s.double(), neuronSelectivity: s.double(), directionSelectivity: s.double(),
                               deadUnits: s.int())
        }
        func fit(_ s: inout CellResultSamples) -> ReadoutFit {
            // Both kinds of selection: with folds (cross-validation) and without (validation split).
            let crossValidated = s.chance(2)
            return ReadoutFit(accuracy: s.double(), l2: s.double(),
                              selection: crossValidated ? ReadoutFit.crossValidation : s.string(),
                              selectionAccuracy: s.double(), folds: crossValidated ? s.int() : nil,
                              l2AtGridEdge: s.chance(2), converged: s.chance(2))
        }
        let key = (0..<64).map { _ in pick(Array("0123456789abcdef")) }
        let history = (0..<Int(rng.next() % 5)).map { _ in
            EpochSummary(epoch: int(), trainLoss: double(), trainAccuracy: double(), validationAccuracy: double(),
                         learningRate: double())
        }
        let checks = (0..<Int(rng.next() % 5)).map { _ in CheckSummary(step: int(), validationAccuracy: double()) }
        let transfer = (0..<Int(rng.next() % 4)).map { _ in
            TransferResult(target: string(), budget: string(), examples: int(), trained: fit(&self), control: fit(&self),
                           equalDimension: chance(2) ? nil
                               : EqualDimensionReadouts(dimension: int(), trainedComponents: int(), controlComponents: int(),
                                                        trained: fit(&self), control: fit(&self)))
        }
        var result = CellResult(
            cellKey: String(key), cell: CellCoordinate(width: int(), seed: int(), task: string()),
            engineVersion: string(),
            model: ModelSummary(family: string(), depth: int(), width: int(), parameterization: string(),
                                baseWidth: int(), featureWidth: int(), parameterCount: int()),
            source: SourceResult(task: string(), classes: (0..<Int(rng.next() % 4)).map { _ in string() },
                                 testAccuracy: double(), validationAccuracy: double(),
                                 targetAccuracy: chance(2) ? nil : double(), targetMet: chance(2), epochs: int(),
                                 steps: int(), examplesSeen: int(), epochsSeen: double(), checkEvery: int(),
                                 trainExamples: int(), validationExamples: int(), testExamples: int(),
                                 history: history, checks: checks),
            transfer: transfer,
            information: InformationResult(probeExamples: int(), fitExamples: int(), trained: hidden(&self),
                                           control: hidden(&self)),
            timings: PhaseTimings(loadSeconds: double(), trainSeconds: double(), evaluateSeconds: double(),
                                  transferSeconds: double(), informationSeconds: double()),
            environment: RunEnvironment(host: string(), blasCore: string(), blasThreads: int()))
        if chance(2) { result.atlas = atlas() }
        if chance(4) { result.schemaVersion = int() }
        return result
    }

    mutating func atlas() -> AtlasResult {
        func sheet(_ s: inout CellResultSamples) -> AtlasSheet {
            let tiles = (0..<Int(s.rng.next() % 3)).map { _ in
                AtlasTile(row: s.int(), column: s.int(), points: s.chance(2) ? nil : s.int(),
                          unit: s.chance(2) ? nil : s.int(), label: s.int(), predicted: s.int(), objective: s.double())
            }
            // meanImage: absent (older engines) or named.
            return AtlasSheet(image: s.string(), columns: s.int(), rows: s.int(), tiles: tiles, consistency: s.double(),
                              meanImage: s.chance(2) ? s.string() : nil)
        }
        return AtlasResult(examples: int(), layout: string(), trustworthiness: double(), trustworthinessNeighbours: int(),
                           grid: int(), minPoints: int(), tileSize: int(), directions: sheet(&self),
                           neurons: sheet(&self), seconds: double())
    }

    /// The worker's encoding (sorted keys, slashes as is), Foundation's default (escaped slashes,
    /// any key order) and a pretty-printed one (whitespace everywhere JSON allows it).
    static func encodings(_ result: CellResult) -> [[UInt8]] {
        let formats: [JSONEncoder.OutputFormatting] = [[.sortedKeys, .withoutEscapingSlashes], [], [.prettyPrinted]]
        return formats.compactMap { format in
            let encoder = JSONEncoder()
            encoder.outputFormatting = format
            return (try? encoder.encode(result)).map(Array.init)
        }
    }

    /// Values that break a member's type or range, or that only one reader might accept.
    static let replacements = [
        "null", "\"x\"", "true", "false", "[]", "{}", "1.5", "1.0", "1e2", "0.1e1", "-0", "-0.0", "1e999", "1e-400",
        "2.4703282292062327e-324", "9007199254740992", "9007199254740993", "-9007199254740993", "1.00000000000000000001",
        "12345678901234567890123", "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\\u0041\"", "[1,null]",
        "[{}]", "[null]", "[1.5]", "[\"a\",1]", "{\"x\":1,\"x\":2}", "01", "1.", ".5", "+1", "-", "tru", "nul", "\"a\\qb\"",
        "\"\\u12G4\"", "[1,]", "{\"a\":1,}", String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
    ]

    /// One corruption of `json`, chosen at random: a byte changed, dropped, added or cut off, a
    /// member's value replaced, removed, doubled, renamed, or an unknown member added.
    mutating func corrupt(_ json: [UInt8]) -> [UInt8] {
        var bytes = json
        let members = Self.memberSpans(json)
        switch rng.next() % 9 {
        case 0:
            let interesting: [UInt8] = Array("{}[],:\"\\01-.eEntf ".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xED, 0xFF]
            bytes[Int(rng.next() % UInt64(bytes.count))] = chance(2) ? pick(interesting) : UInt8(truncatingIfNeeded: rng.next())
        case 1: bytes.remove(at: Int(rng.next() % UInt64(bytes.count)))
        case 2: bytes.insert(pick(Array(",:\"{[]} 0".utf8)), at: Int(rng.next() % UInt64(bytes.count + 1)))
        case 3: bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
        case 4, 5:
            let member = pick(members)
            bytes.replaceSubrange(member.value, with: Array(pick(Self.replacements).utf8))
        case 6:
            let member = pick(members)
            if chance(2) {
                bytes.insert(contentsOf: Array(json[member.whole]) + [UInt8(ascii: ",")], at: member.whole.lowerBound)
            } else {
                // Drop the member and the comma after it, or before it when it is the last.
                let after = member.whole.upperBound
                if after < bytes.count, bytes[after] == UInt8(ascii: ",") {
                    bytes.removeSubrange(member.whole.lowerBound...after)
                } else if let comma = bytes[..<member.whole.lowerBound].lastIndex(of: UInt8(ascii: ",")) {
                    bytes.removeSubrange(comma..<after)
                } else {
                    bytes.removeSubrange(member.whole)
                }
            }
        case 7:
            // The same name spelled with an escape: equal after decoding, so still the same member.
            let member = pick(members)
            let first = member.name.lowerBound + 1
            let escaped = Array(String(format: "\\u%04x", json[first]).utf8)
            bytes.replaceSubrange(first..<(first + 1), with: escaped)
        default:
            let unknown = pick(["\"zz\":[1,{\"x\":null}]", "\"\\ud800\":1", "\"zz\":{\"\\ud800\":1}", "\"zz\":\"\\ud800\"",
                                "\"zz\":" + String(repeating: "[", count: 31) + String(repeating: "]", count: 31),
                                "\"zz\":" + String(repeating: "[", count: 32) + String(repeating: "]", count: 32)])
            let at = pick(members).whole.lowerBound
            bytes.insert(contentsOf: Array((unknown + ",").utf8), at: at)
        }
        return bytes
    }

    /// Every member of every object in `json` (valid JSON): its name (quotes included), its value,
    /// and both together. Found with a small scan so the samples do not depend on the code under test.
    static func memberSpans(_ json: [UInt8]) -> [(name: Range<Int>, value: Range<Int>, whole: Range<Int>)] {
        var spans: [(name: Range<Int>, value: Range<Int>, whole: Range<Int>)] = []
        var stack: [UInt8] = []
        var i = 0
        while i < json.count {
            let b = json[i]
            if b == UInt8(ascii: "\"") {
                let start = i
                i = stringEnd(json, start)
                var j = i
                while j < json.count, json[j] == 0x20 || json[j] == 0x0A { j += 1 }
                if stack.last == UInt8(ascii: "{"), j < json.count, json[j] == UInt8(ascii: ":") {
                    var v = j + 1
                    while json[v] == 0x20 || json[v] == 0x0A { v += 1 }
                    let end = valueEnd(json, v)
                    spans.append((start..<i, v..<end, start..<end))
                }
                continue
            }
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") { stack.append(b) }
            if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") { stack.removeLast() }
            i += 1
        }
        return spans
    }

    private static func stringEnd(_ json: [UInt8], _ start: Int) -> Int {
        var i = start + 1
        while json[i] != UInt8(ascii: "\"") { i += json[i] == UInt8(ascii: "\\") ? 2 : 1 }
        return i + 1
    }

    private static func valueEnd(_ json: [UInt8], _ start: Int) -> Int {
        var depth = 0
        var i = start
        while i < json.count {
            switch json[i] {
            case UInt8(ascii: "\""):
                i = stringEnd(json, i)
                if depth == 0 { return i }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return i }
                depth -= 1
                if depth == 0 { return i + 1 }
            case UInt8(ascii: ","), 0x20, 0x0A:
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return i
    }
}
