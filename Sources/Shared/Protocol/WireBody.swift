// Implements docs/protocol.md §6.1 step 7: the range half of "the command's schema" (required
// members and types are enforced by `Codable`).

/// A JSON frame's body: a `Codable` value whose members the decoder range-checks after decoding.
public protocol WireBody: Codable, Sendable, Equatable {
    /// The first member outside its documented range, or nil when every member is in range.
    func rangeProblem() -> (member: String, problem: String)?
}

extension WireBody {
    static func bytesProblem(_ text: String, _ range: ClosedRange<Int>, _ member: String) -> (member: String, problem: String)? {
        range.contains(text.utf8.count) ? nil : (member, "is \(text.utf8.count) bytes, allowed \(range.lowerBound)...\(range.upperBound)")
    }

    static func rangeProblem(_ value: Int, _ range: ClosedRange<Int>, _ member: String) -> (member: String, problem: String)? {
        range.contains(value) ? nil : (member, "is \(value), allowed \(range.lowerBound)...\(range.upperBound)")
    }
}
