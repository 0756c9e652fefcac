// Implements docs/protocol.md §2.4 READY, frame 3 (capabilities object).

/// What a worker announces in `READY`. Unknown members are ignored (room for extension).
public struct WorkerCapabilities: WireBody {
    /// Cells this worker runs at once; the ceiling on its credit (1–256).
    public var slots: Int
    /// CPU threads for all slots (1–1024); informational.
    public var threads: Int
    public var host: String
    /// Must equal the coordinator's, because it is part of every cell key.
    public var engineVersion: String
    public var implementation: String?
    public var blasCore: String?

    enum CodingKeys: String, CodingKey {
        case slots, threads, host, implementation
        case engineVersion = "engine_version"
        case blasCore = "blas_core"
    }

    public init(slots: Int, threads: Int, host: String, engineVersion: String,
                implementation: String? = nil, blasCore: String? = nil) {
        self.slots = slots
        self.threads = threads
        self.host = host
        self.engineVersion = engineVersion
        self.implementation = implementation
        self.blasCore = blasCore
    }

    public func rangeProblem() -> (member: String, problem: String)? {
        Self.rangeProblem(slots, WireConstants.slotsRange, "slots")
            ?? Self.rangeProblem(threads, WireConstants.threadsRange, "threads")
            ?? Self.bytesProblem(host, WireConstants.hostBytesRange, "host")
            ?? Self.bytesProblem(engineVersion, WireConstants.engineVersionBytesRange, "engine_version")
            ?? implementation.flatMap { Self.bytesProblem($0, 0...WireConstants.maxImplementationBytes, "implementation") }
            ?? blasCore.flatMap { Self.bytesProblem($0, 0...WireConstants.maxBlasCoreBytes, "blas_core") }
    }
}
