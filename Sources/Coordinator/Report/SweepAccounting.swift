/// Where a sweep's time went, from the journal's event log alone: worker time per attempt
/// (lease to its end), the makespan, and how close the makespan came to its lower bound,
/// max(total worker time / slots, longest cell) — the measure of the scheduling order
/// (docs/spec.md §7: seed-major, widest first).
struct SweepAccounting: Sendable, Equatable {
    /// Seconds of worker time spent on attempts that ended (finished, failed or released).
    var workerSeconds: Double
    /// Seconds of worker time of the attempts that produced the recorded results.
    var finishedSeconds: Double
    /// The longest single finished attempt, in seconds.
    var longestCellSeconds: Double
    /// From the first lease to the end of the last attempt, in seconds (includes any downtime
    /// between coordinator runs).
    var makespanSeconds: Double
    /// Slots of all workers that ever registered (a worker that joins late counts fully, so the
    /// bound is optimistic then).
    var slots: Int

    /// max(total worker time / slots, longest cell).
    var lowerBoundSeconds: Double {
        slots > 0 ? max(workerSeconds / Double(slots), longestCellSeconds) : 0
    }

    /// Makespan over its lower bound; 1 is a perfect schedule.
    var makespanRatio: Double {
        lowerBoundSeconds > 0 ? makespanSeconds / lowerBoundSeconds : 0
    }

    /// Busy share of the slots over the makespan.
    var utilisation: Double {
        makespanSeconds > 0 && slots > 0 ? workerSeconds / (makespanSeconds * Double(slots)) : 0
    }

    init(events: [Journal.EventRow]) {
        var leaseStart: [String: Double] = [:]
        var workerSeconds = 0.0, finishedSeconds = 0.0, longest = 0.0
        var first: Double?, last: Double?
        var slotsByWorker: [String: Int] = [:]
        for event in events {
            switch event.kind {
            case "workerRegistered":
                if let worker = event.worker { slotsByWorker[worker] = Self.slots(in: event.detail) }
            case "leased", "adopted":
                guard let key = event.key, let attempt = event.attempt else { continue }
                leaseStart["\(key)#\(attempt)"] = event.time
                first = min(first ?? event.time, event.time)
            case "finished", "attemptFailed", "cellFailed", "released":
                guard let key = event.key, let attempt = event.attempt,
                      let start = leaseStart.removeValue(forKey: "\(key)#\(attempt)") else { continue }
                let seconds = max(0, event.time - start)
                workerSeconds += seconds
                last = max(last ?? event.time, event.time)
                if event.kind == "finished" {
                    finishedSeconds += seconds
                    longest = max(longest, seconds)
                }
            default:
                continue
            }
        }
        self.workerSeconds = workerSeconds
        self.finishedSeconds = finishedSeconds
        self.longestCellSeconds = longest
        self.makespanSeconds = first.flatMap { f in last.map { $0 - f } } ?? 0
        self.slots = slotsByWorker.values.reduce(0, +)
    }

    /// `host=H slots=N[ key=K]`, as the journal records a registration.
    private static func slots(in detail: String?) -> Int {
        guard let detail else { return 0 }
        for field in detail.split(separator: " ") where field.hasPrefix("slots=") {
            return Int(field.dropFirst("slots=".count)) ?? 0
        }
        return 0
    }
}
