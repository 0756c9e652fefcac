import Foundation
import Testing
@testable import Shared

/// The coordinator's fast `RESULT` decoding (`JSONFrameRules.decodeCellResult`) against the
/// reference it replaced — `String` round trip, the old recogniser, `JSONDecoder` — on
/// docs/protocol.md §2.5 (JSON rules), §6.1 step 7 (schema) and §6.2 (the result object).
struct CellResultReaderTests {
    enum Verdict: Equatable {
        case same
        /// Only the fast path rejects, for a rule of §2.5 the reference did not enforce.
        case stricter(ProtocolError)
        case differs(String)
    }

    static func fast(_ bytes: [UInt8]) -> Result<CellResult, ProtocolError> {
        Result { () throws(ProtocolError) in try JSONFrameRules.decodeCellResult(from: bytes, command: .result, frame: 5) }
    }

    static func reference(_ bytes: [UInt8]) -> Result<CellResult, ProtocolError> {
        Result { () throws(ProtocolError) in try ReferenceJSONDecoding.decode(CellResult.self, from: bytes) }
    }

    /// Bytes of a value with every double written out, so -0.0 and 0.0 differ.
    static func bits(_ result: CellResult) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(result)).map(Array.init) ?? []
    }

    /// Compares both decoders on `bytes`. Errors must be equal, except that where Foundation can
    /// only say "not valid JSON" about a value it read (a number its type cannot hold, a half
    /// surrogate) the fast path names the member.
    static func compare(_ bytes: [UInt8]) -> Verdict {
        switch (fast(bytes), reference(bytes)) {
        case let (.success(a), .success(b)):
            return a == b && bits(a) == bits(b) ? .same : .differs("values differ: \(a) vs \(b)")
        case let (.failure(a), .failure(b)):
            if a == b { return .same }
            if case .invalidMember = a, b == .malformedJSON(command: "RESULT", frame: 5, reason: "The given data was not valid JSON.") {
                return .same
            }
            return .differs("errors differ: \(a) vs \(b)")
        case let (.failure(a), .success):
            return .stricter(a)
        case let (.success, .failure(b)):
            return .differs("only the reference rejects: \(b)")
        }
    }

    /// The two rules the reference let through: names equal after resolving escapes, and
    /// integers beyond ±2⁵³ (docs/protocol.md §2.5).
    static func isDocumentedStrictness(_ error: ProtocolError) -> Bool {
        switch error {
        case .duplicateMember: true
        case let .invalidMember(_, _, _, problem): problem.contains("not an integer within ±2^53")
        default: false
        }
    }

    @Test func validResultsDecodeToTheSameValuesAsJSONDecoder() {
        // docs/protocol.md §6.2: every encoding a worker may send, with every shape of number.
        var samples = CellResultSamples(seed: 0xC0FFEE)
        var compared = 0, explicitNulls = 0
        for _ in 0..<150 {
            let result = samples.result()
            for json in CellResultSamples.encodings(result) {
                let verdict = Self.compare(json)
                #expect(verdict == .same, "\(String(decoding: json, as: UTF8.self))")
                compared += 1
            }
            // An explicit null where the schema has an optional member (only where the sample
            // leaves it out: writing it twice would be a duplicate member, another test's case).
            if result.source.targetAccuracy == nil, let json = CellResultSamples.encodings(result).first {
                let text = String(decoding: json, as: UTF8.self)
                    .replacingOccurrences(of: "\"source\":{", with: "\"source\":{\"targetAccuracy\":null,")
                #expect(Self.compare(Array(text.utf8)) == .same, "\(text)")
                explicitNulls += 1
            }
        }
        #expect(compared == 450)
        #expect(explicitNulls > 0, "no sample without a target accuracy: the explicit null went untested")
    }

    @Test func corruptedResultsAreRejectedExactlyWhenJSONDecoderRejectsThem() {
        // docs/protocol.md §2.5 and §6.1 step 7: syntax, duplicates, depth, numbers, types,
        // missing members, in the same order with the same error.
        var samples = CellResultSamples(seed: 0xBAD5EED)
        var rejected = 0
        var stricter = 0
        for _ in 0..<60 {
            let result = samples.result()
            let encodings = CellResultSamples.encodings(result)
            for _ in 0..<40 {
                let json = samples.corrupt(encodings[Int(samples.rng.next() % 3)])
                switch Self.compare(json) {
                case .same:
                    if case .failure = Self.fast(json) { rejected += 1 }
                case let .stricter(error):
                    stricter += 1
                    #expect(Self.isDocumentedStrictness(error), "\(error) for \(String(decoding: json, as: UTF8.self))")
                case let .differs(problem):
                    Issue.record("\(problem) for \(String(decoding: json, as: UTF8.self))")
                }
            }
        }
        // Most corruptions break something; the count shows the comparison was not vacuous.
        #expect(rejected > 1_200)
        #expect(stricter < 200)
    }

    @Test func theJSONRuleViolationsOfTheCodecTestsGiveTheSameErrors() {
        // The frames `ProtocolCodecTests.jsonRuleViolationsGiveTheirSpecificErrors` uses, as results.
        let valid = String(decoding: CellResultSamples.encodings(ProtocolCodecTests.cellResult())[0], as: UTF8.self)
        let inner = String(valid.dropFirst().dropLast())
        let deep = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        let texts = ["[1]", "{\(inner)", "{\(inner)} x", "{\(inner),\"schemaVersion\":3}", "{\(inner),\"x\":1e999}",
                     "{\(inner),\"x\":\(deep)}", "{\(inner),\"future\":[1,{\"x\":null}]}", "", " ", "{}", "{\"schemaVersion\":2}"]
        for text in texts {
            #expect(Self.compare(Array(text.utf8)) == .same, "\(text)")
        }
        var bad = Array(valid.utf8)
        bad.insert(0xFF, at: 10)
        #expect(Self.compare(bad) == .same)
        if case .failure(.invalidUTF8) = Self.fast(bad) {} else { Issue.record("invalid UTF-8 accepted") }
    }

    @Test func membersSpelledTheSameAfterEscapesAreDuplicates() {
        // docs/protocol.md §2.5 "no duplicate member names": JSONDecoder kept the first of
        // "cellKey" and "cell\u004bey"; the fast path rejects the frame.
        let json = String(decoding: CellResultSamples.encodings(ProtocolCodecTests.cellResult())[0], as: UTF8.self)
        let doubled = json.replacingOccurrences(of: "{\"cell\":", with: "{\"cell\\u004bey\":\"x\",\"cell\":")
        #expect(doubled != json)
        #expect(Self.fast(Array(doubled.utf8)) == .failure(.duplicateMember(command: "RESULT", frame: 5, name: "cellKey")))
        if case .success = Self.reference(Array(doubled.utf8)) {} else { Issue.record("the reference rejected it too") }
    }

    @Test func integersBeyondTwoToTheFiftyThirdAreRejected() {
        // docs/protocol.md §2.5: members typed integer are within ±2⁵³; JSONDecoder read Int64.
        let json = String(decoding: CellResultSamples.encodings(ProtocolCodecTests.cellResult())[0], as: UTF8.self)
        for (value, accepted) in [("9007199254740992", true), ("-9007199254740992", true), ("9007199254740993", false),
                                  ("-9007199254740993", false), ("1e2", true), ("9007199254740991.0", true),
                                  ("1e16", false)] {
            let text = json.replacingOccurrences(of: "\"epochs\":1,", with: "\"epochs\":\(value),")
            #expect(text != json)
            switch Self.fast(Array(text.utf8)) {
            case let .success(result):
                #expect(accepted, "\(value) accepted")
                #expect(Double(result.source.epochs) == Double(value))
            case let .failure(error):
                #expect(!accepted, "\(value) rejected")
                #expect(error == .invalidMember(command: "RESULT", frame: 5, member: "source.epochs",
                                                problem: "is \(value), not an integer within ±2^53"))
            }
        }
    }

    @Test func aResultReadFastStillPassesTheResultRules() throws {
        // docs/protocol.md §6.2: cellKey equal to frame 3, validate(); decodeResult applies both.
        let key = ProtocolCodecTests.key
        let frames = WireCodec.encode(WorkerMessage.result(
            try ResultDelivery(leaseId: ProtocolCodecTests.lease, cellKey: key, attempt: 1,
                               result: ProtocolCodecTests.cellResult(accuracy: -0.5))))
        if case let .resultRejected(_, _, reason) = ProtocolCodecTests.error({ _ = try WireCodec.decodeFromWorker(frames) }) {
            #expect(reason.contains("source.testAccuracy"))
        } else { Issue.record("accuracy -0.5 accepted") }
    }
}
