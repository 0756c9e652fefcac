// Implements docs/protocol.md §2.4 PROGRESS, frame 5 (progress object).

/// What a worker reports with each lease renewal. Unknown members are ignored.
public struct ProgressReport: WireBody {
    /// The phases of `PhaseTimings`, then the activation atlas (cells that draw one).
    public enum Phase: String, Codable, Sendable, CaseIterable {
        case load, train, evaluate, transfer, information, atlas
    }

    public var phase: Phase
    /// Epochs finished (0 before the first).
    public var epoch: Int
    /// Human-readable progress line, at most 1024 bytes; may be empty.
    public var line: String

    public init(phase: Phase, epoch: Int, line: String = "") {
        self.phase = phase
        self.epoch = epoch
        self.line = line
    }

    public func rangeProblem() -> (member: String, problem: String)? {
        if epoch < 0 { return ("epoch", "is \(epoch), must be ≥ 0") }
        return Self.bytesProblem(line, 0...WireConstants.maxProgressLineBytes, "line")
    }
}
