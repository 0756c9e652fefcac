/// One worker's share of the sweep, from the journal's event log the way `SweepAccounting`
/// reads it: attempts from lease (or adoption) to their end.
struct WorkerThroughput: Sendable, Equatable, Encodable {
    /// The worker's identity as the journal logs it.
    var worker: String
    /// From its last registration; "?" when the log holds none (an adopted lease).
    var host: String
    var slots: Int
    var finished: Int
    var failedAttempts: Int
    /// Attempts ended by a release (drain, restart, lost lease).
    var released: Int
    /// Seconds of its attempts, summed over slots.
    var busySeconds: Double
    /// From its first lease to the end of its last attempt.
    var activeSeconds: Double

    /// Finished cells per hour of its active span: what this worker contributed to the makespan.
    var cellsPerHour: Double {
        activeSeconds > 0 ? Double(finished) * 3600 / activeSeconds : 0
    }

    /// Busy share of its slots over its active span.
    var utilisation: Double {
        activeSeconds > 0 && slots > 0 ? busySeconds / (activeSeconds * Double(slots)) : 0
    }

    /// Every worker that took a lease, in order of its first one.
    static func all(from events: [Journal.EventRow]) -> [WorkerThroughput] {
        var registered: [String: (host: String, slots: Int)] = [:]
        var order: [String] = []
        var byWorker: [String: WorkerThroughput] = [:]
        var firstLease: [String: Double] = [:], lastEnd: [String: Double] = [:]
        var leases: [String: (worker: String, start: Double)] = [:]
        for event in events {
            switch event.kind {
            case JournalEntry.EventKind.workerRegistered.rawValue:
                if let worker = event.worker { registered[worker] = registration(event.detail) }
            case JournalEntry.EventKind.leased.rawValue, JournalEntry.EventKind.adopted.rawValue:
                guard let key = event.key, let attempt = event.attempt, let worker = event.worker else { continue }
                leases["\(key)#\(attempt)"] = (worker, event.time)
                if byWorker[worker] == nil {
                    order.append(worker)
                    byWorker[worker] = WorkerThroughput(worker: worker, host: "?", slots: 0, finished: 0, failedAttempts: 0,
                                                        released: 0, busySeconds: 0, activeSeconds: 0)
                }
                firstLease[worker] = min(firstLease[worker] ?? event.time, event.time)
            case JournalEntry.EventKind.finished.rawValue, JournalEntry.EventKind.attemptFailed.rawValue,
                 JournalEntry.EventKind.cellFailed.rawValue, JournalEntry.EventKind.released.rawValue:
                // The lease names the worker that spent the time (a result may arrive over another connection).
                guard let key = event.key, let attempt = event.attempt,
                      let lease = leases.removeValue(forKey: "\(key)#\(attempt)") else { continue }
                byWorker[lease.worker]?.busySeconds += max(0, event.time - lease.start)
                lastEnd[lease.worker] = max(lastEnd[lease.worker] ?? event.time, event.time)
                switch event.kind {
                case JournalEntry.EventKind.finished.rawValue: byWorker[lease.worker]?.finished += 1
                case JournalEntry.EventKind.released.rawValue: byWorker[lease.worker]?.released += 1
                default: byWorker[lease.worker]?.failedAttempts += 1
                }
            default:
                continue
            }
        }
        return order.compactMap { worker in
            guard var row = byWorker[worker] else { return nil }
            if let registration = registered[worker] {
                row.host = registration.host
                row.slots = registration.slots
            }
            if let first = firstLease[worker], let last = lastEnd[worker] { row.activeSeconds = max(0, last - first) }
            return row
        }
    }

    /// `host=H slots=N[ key=K]`, as the journal records a registration.
    private static func registration(_ detail: String?) -> (host: String, slots: Int) {
        var host = "?", slots = 0
        for field in (detail ?? "").split(separator: " ") {
            if field.hasPrefix("host=") { host = String(field.dropFirst("host=".count)) }
            if field.hasPrefix("slots=") { slots = Int(field.dropFirst("slots=".count)) ?? 0 }
        }
        return (host, slots)
    }
}
