/// Failed attempts in a row whose error says the cell's inputs are unusable: `input-error:` (a
/// dataset's files, a class id, the spec) or `key-mismatch:` (docs/protocol.md §2.4 FAILED). A
/// broken spec or dataset fails every cell on every worker; retrying each cell up to its attempt
/// limit only burns the allocation. Once two different workers in a row report the same kind,
/// the coordinator stops leasing (docs/protocol.md §5.2).
struct InputErrorStreak: Sendable {
    /// The error kinds that do not depend on the worker.
    static let kinds = ["input-error:", "key-mismatch:"]
    /// Workers that must agree before the sweep stops: one worker's fault (a missing mount on one
    /// host) should only cost that worker its cells, through quarantine.
    static let workersToStop = 2

    private(set) var kind: String?
    private(set) var workers: [String] = []
    private(set) var lastError = ""

    /// The kind of `error`, or nil for a failure of the computation itself.
    static func kind(of error: String) -> String? {
        kinds.first { error.hasPrefix($0) }
    }

    /// Counts a failed attempt; true when the streak now spans `workersToStop` workers.
    mutating func note(error: String, worker: String) -> Bool {
        guard let kind = Self.kind(of: error) else {
            reset()
            return false
        }
        if kind != self.kind { reset() }
        self.kind = kind
        if !workers.contains(worker) { workers.append(worker) }
        lastError = error
        return workers.count >= Self.workersToStop
    }

    /// A result or a failure of another kind ends the streak.
    mutating func reset() {
        kind = nil
        workers = []
        lastError = ""
    }
}
