import Testing
@testable import Shared

struct CanonicalJSONTests {
    /// Expected strings are ECMAScript's `String(x)`, as RFC 8785 §3.2.2.3 requires.
    @Test(arguments: [
        (0.05, "0.05"), (1.0, "1"), (1e-8, "1e-8"), (0.9, "0.9"), (0.999, "0.999"), (-0.5, "-0.5"),
        (1e21, "1e+21"), (1e20, "100000000000000000000"), (123.456, "123.456"), (0.000001, "0.000001"),
        (1e-7, "1e-7"), (0.1 + 0.2, "0.30000000000000004"), (Double.leastNonzeroMagnitude, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"), (0.0, "0"), (-0.0, "0"), (1.5e300, "1.5e+300"),
        (333333333.33333329, "333333333.3333333"), (4.5, "4.5"), (2e-3, "0.002"),
    ])
    func numbersAreWrittenInECMAScriptShortestForm(value: Double, expected: String) {
        #expect(CanonicalJSON.number(value).serialized == expected)
    }

    @Test func everyShortestFormReadsBackAsTheSameDouble() {
        var value = 1.0e-12
        while value < 1e25 {
            let text = CanonicalJSON.format(value)
            #expect(Double(text) == value, "\(value) written as \(text)")
            value *= 3.7
        }
    }

    @Test func objectKeysAreSortedAndNothingIsIndented() {
        let json = CanonicalJSON.object([
            "b": .int(2), "a": .array([.null, .bool(true), .string("x")]), "C": .object([:]),
        ])
        #expect(json.serialized == #"{"C":{},"a":[null,true,"x"],"b":2}"#)
    }

    @Test func stringsEscapeOnlyWhatJSONRequires() {
        #expect(CanonicalJSON.string("a\"b\\c\n\u{1}é/").serialized == #""a\"b\\c\n\u0001é/""#)
    }
}
