// Implements docs/protocol.md §2.4 WELCOME, frame 2 (session parameters).

/// The timers a coordinator hands a worker in `WELCOME`. Unknown members are ignored.
public struct SessionParameters: WireBody {
    /// Heartbeat interval both sides use, in milliseconds (100–60000; default 1000).
    public var heartbeatMilliseconds: Int
    /// Missed intervals before the peer counts as dead (2–100; default 5).
    public var liveness: Int
    /// Lease duration in milliseconds (1000–86400000; default 120000).
    public var leaseMilliseconds: Int
    public var sweep: String
    public var engineVersion: String

    enum CodingKeys: String, CodingKey {
        case liveness, sweep
        case heartbeatMilliseconds = "heartbeat_ms"
        case leaseMilliseconds = "lease_ms"
        case engineVersion = "engine_version"
    }

    public init(heartbeatMilliseconds: Int = 1000, liveness: Int = 5, leaseMilliseconds: Int = 120_000,
                sweep: String, engineVersion: String) {
        self.heartbeatMilliseconds = heartbeatMilliseconds
        self.liveness = liveness
        self.leaseMilliseconds = leaseMilliseconds
        self.sweep = sweep
        self.engineVersion = engineVersion
    }

    public func rangeProblem() -> (member: String, problem: String)? {
        Self.rangeProblem(heartbeatMilliseconds, WireConstants.heartbeatMillisecondsRange, "heartbeat_ms")
            ?? Self.rangeProblem(liveness, WireConstants.livenessRange, "liveness")
            ?? Self.rangeProblem(leaseMilliseconds, WireConstants.leaseMillisecondsRange, "lease_ms")
    }
}
