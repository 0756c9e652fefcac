// Implements docs/protocol.md §2.4 STATUS-REPLY, frame 3 (status object).

/// The coordinator's state as `STATUS-REPLY` reports it to a client. Unknown members are ignored.
public struct StatusReport: WireBody {
    /// `drained`: a drain finished (no cell in flight, workers told to go); `cancelled`: `cancel --now`.
    public enum State: String, Codable, Sendable { case running, draining, drained, cancelled, done }

    public struct Cells: Codable, Sendable, Equatable {
        public var total, finished, failed, running, queued: Int
        public init(total: Int, finished: Int, failed: Int, running: Int, queued: Int) {
            self.total = total; self.finished = finished; self.failed = failed
            self.running = running; self.queued = queued
        }
    }

    public struct Worker: Codable, Sendable, Equatable {
        public enum State: String, Codable, Sendable { case alive, quarantined, dead }
        public var id, host: String
        public var slots, running, credit: Int
        public var state: State
        public var finished, consecutiveFailures, lastSeenMilliseconds: Int

        enum CodingKeys: String, CodingKey {
            case id, host, slots, running, credit, state, finished
            case consecutiveFailures = "consecutive_failures"
            case lastSeenMilliseconds = "last_seen_ms"
        }

        public init(id: String, host: String, slots: Int, running: Int, credit: Int, state: State,
                    finished: Int, consecutiveFailures: Int, lastSeenMilliseconds: Int) {
            self.id = id; self.host = host; self.slots = slots; self.running = running; self.credit = credit
            self.state = state; self.finished = finished; self.consecutiveFailures = consecutiveFailures
            self.lastSeenMilliseconds = lastSeenMilliseconds
        }
    }

    public struct Lease: Codable, Sendable, Equatable {
        public var cell, key: String
        public var attempt: Int
        public var worker, phase: String
        public var epoch, leaseRemainingMilliseconds: Int

        enum CodingKeys: String, CodingKey {
            case cell, key, attempt, worker, phase, epoch
            case leaseRemainingMilliseconds = "lease_remaining_ms"
        }

        public init(cell: String, key: String, attempt: Int, worker: String, phase: String, epoch: Int,
                    leaseRemainingMilliseconds: Int) {
            self.cell = cell; self.key = key; self.attempt = attempt; self.worker = worker
            self.phase = phase; self.epoch = epoch; self.leaseRemainingMilliseconds = leaseRemainingMilliseconds
        }
    }

    /// One model variant's cells (docs/spec.md §4), for sweeps that list a model axis.
    public struct VariantCells: Codable, Sendable, Equatable {
        public var variant: String
        public var cells: Cells
        public init(variant: String, cells: Cells) {
            self.variant = variant; self.cells = cells
        }
    }

    public struct FailedCell: Codable, Sendable, Equatable {
        public var cell, key: String
        public var attempts: Int
        public var error: String
        public init(cell: String, key: String, attempts: Int, error: String) {
            self.cell = cell; self.key = key; self.attempts = attempts; self.error = error
        }
    }

    public var sweep: String
    public var state: State
    public var engineVersion: String
    public var cells: Cells
    /// Duplicates that did not match (§5.5).
    public var determinismWarnings: Int
    public var workers: [Worker]
    public var running: [Lease]
    /// Cells that exhausted `max_attempts`.
    public var failed: [FailedCell]
    /// The counts per model variant, in grid order; nil (absent) when the sweep lists no model axis.
    public var variants: [VariantCells]?

    enum CodingKeys: String, CodingKey {
        case sweep, state, cells, workers, running, failed, variants
        case engineVersion = "engine_version"
        case determinismWarnings = "determinism_warnings"
    }

    public init(sweep: String, state: State, engineVersion: String, cells: Cells, determinismWarnings: Int,
                workers: [Worker], running: [Lease], failed: [FailedCell], variants: [VariantCells]? = nil) {
        self.sweep = sweep; self.state = state; self.engineVersion = engineVersion; self.cells = cells
        self.determinismWarnings = determinismWarnings; self.workers = workers; self.running = running
        self.failed = failed
        self.variants = variants
    }

    public func rangeProblem() -> (member: String, problem: String)? { nil }
}
