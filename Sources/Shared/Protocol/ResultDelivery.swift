import Foundation

// Implements docs/protocol.md §2.4 RESULT (frames 2–7+2i) and §6.2 (the result object).

/// A finished cell as a worker delivers it: the lease it ran under, the `CellResult`, its artifacts.
public struct ResultDelivery: Sendable, Equatable {
    /// One named blob attached to a result (≤ 16 per message, each ≤ 16 MiB).
    public struct Artifact: Sendable, Equatable {
        /// Matches `^[a-z0-9][a-z0-9._-]{0,63}$`, unique within the message.
        public var name: String
        public var data: [UInt8]
        public init(name: String, data: [UInt8]) {
            self.name = name
            self.data = data
        }
    }

    public var leaseId: String
    public var cellKey: String
    public var attempt: UInt32
    public var result: CellResult
    /// Frame 5 exactly as sent, so the coordinator can store the result verbatim.
    public var resultJSON: [UInt8]
    public var artifacts: [Artifact]

    /// Encodes `result` to JSON; throws when it holds a number JSON cannot carry (NaN, ±∞).
    public init(leaseId: String, cellKey: String, attempt: UInt32, result: CellResult,
                artifacts: [Artifact] = []) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.init(leaseId: leaseId, cellKey: cellKey, attempt: attempt, result: result,
                  resultJSON: Array(try encoder.encode(result)), artifacts: artifacts)
    }

    init(leaseId: String, cellKey: String, attempt: UInt32, result: CellResult, resultJSON: [UInt8],
         artifacts: [Artifact]) {
        self.leaseId = leaseId
        self.cellKey = cellKey
        self.attempt = attempt
        self.result = result
        self.resultJSON = resultJSON
        self.artifacts = artifacts
    }
}
