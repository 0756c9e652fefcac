import Shared

/// A lease the worker is computing, and when its `PROGRESS` last went out.
struct RunningCell: Equatable, Sendable {
    let leaseId: String
    let cellKey: String
    let attempt: UInt32
    let coordinate: CellCoordinate
    /// This lease's duration from `ASSIGN`; renewed at least every quarter of it (§2.4 PROGRESS).
    let lease: Duration
    let startedAt: Duration
    /// The newest report from the cell process; "load, epoch 0" until the first one.
    private(set) var latest = ProgressReport(phase: .load, epoch: 0, line: "")
    /// When the last `PROGRESS` for this lease was sent; nil before the first.
    private(set) var progressSentAt: Duration?
    /// The process reported something not yet forwarded.
    private(set) var hasUnsentReport = false

    init(leaseId: String, cellKey: String, attempt: UInt32, coordinate: CellCoordinate, lease: Duration, startedAt: Duration) {
        self.leaseId = leaseId
        self.cellKey = cellKey
        self.attempt = attempt
        self.coordinate = coordinate
        self.lease = lease
        self.startedAt = startedAt
    }

    mutating func update(_ report: ProgressReport) {
        latest = report
        hasUnsentReport = true
    }

    /// Due when a quarter of the lease passed since the last renewal (the `ASSIGN` counts as
    /// one), or when there is a new report and the last `PROGRESS` is at least the forwarding
    /// interval old; the first report goes out at once.
    func progressDue(at now: Duration, forwardInterval: Duration) -> Bool {
        if now - (progressSentAt ?? startedAt) >= lease / 4 { return true }
        guard hasUnsentReport else { return false }
        guard let progressSentAt else { return true }
        return now - progressSentAt >= forwardInterval
    }

    mutating func markProgressSent(at now: Duration) {
        progressSentAt = now
        hasUnsentReport = false
    }
}
