import Shared

/// The coordinator's protocol timers and failure policy (docs/protocol.md §4.1, §5.2, §5.3).
/// None of these can change a cell's result, so none is part of a cell key.
struct DispatcherSettings: Sendable, Equatable {
    /// Sweep name, sent in `WELCOME` and `STATUS-REPLY` for logs.
    var sweepName: String
    /// Must equal every worker's (`READY.engine_version`), because it is part of every cell key.
    var engineVersion: String = WidthsweepVersion.engine
    /// Heartbeat interval both sides use (§4.1 default 1 s).
    var heartbeatInterval: Duration = .seconds(1)
    /// Missed intervals before a silent worker is dead (§4.1 default 5).
    var liveness: Int = 5
    /// How long an assignment lives without a `PROGRESS` renewal (§5.1 default 120 s).
    var leaseDuration: Duration = .seconds(120)
    /// Failed attempts after which a cell is marked failed (§5.2 default 3).
    var maxAttempts: Int = 3
    /// Consecutive failed attempts on distinct cells after which a worker is quarantined (§5.3 default 4).
    var quarantineAfter: Int = 4

    /// How long cells a previous coordinator left in flight wait for their workers to come back
    /// and have their leases adopted (§3.5), while other work exists: enough for a worker to
    /// notice the restart (`deadAfter`) and reconnect after its longest backoff.
    var adoptionWindow: Duration { deadAfter + WireConstants.reconnectBackoffCeiling }

    var deadAfter: Duration { heartbeatInterval * liveness }

    var sessionParameters: SessionParameters {
        SessionParameters(heartbeatMilliseconds: Int(heartbeatInterval.milliseconds),
                          liveness: liveness, leaseMilliseconds: Int(leaseDuration.milliseconds),
                          sweep: sweepName, engineVersion: engineVersion)
    }
}

extension Duration {
    /// Whole milliseconds, rounded down (the protocol's unit for timers).
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
