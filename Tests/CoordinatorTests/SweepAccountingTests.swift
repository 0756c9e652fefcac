@testable import Coordinator
import Testing

/// The makespan against its lower bound, from a hand-written event log (times in seconds).
struct SweepAccountingTests {
    private func event(_ time: Double, _ kind: String, _ key: String? = nil, _ attempt: Int? = nil,
                       worker: String? = nil, detail: String? = nil) -> Journal.EventRow {
        Journal.EventRow(time: time, kind: kind, key: key, attempt: attempt, worker: worker, detail: detail)
    }

    @Test func workerTimeMakespanAndBoundAddUpForTwoSlots() {
        let events = [
            event(0, "workerRegistered", worker: "a", detail: "host=h slots=1"),
            event(0, "workerRegistered", worker: "b", detail: "host=h slots=1"),
            event(10, "leased", "k1", 1, worker: "a"),
            event(10, "leased", "k2", 1, worker: "b"),
            event(40, "finished", "k1", 1, worker: "a"),        // 30 s
            event(20, "attemptFailed", "k2", 1, worker: "b"),   // 10 s, failed
            event(20, "leased", "k2", 2, worker: "b"),
            event(50, "finished", "k2", 2, worker: "b"),        // 30 s
            event(40, "leased", "k3", 1, worker: "a"),
            event(60, "finished", "k3", 1, worker: "a"),        // 20 s
        ]
        let accounting = SweepAccounting(events: events)
        #expect(accounting.workerSeconds == 90)
        #expect(accounting.finishedSeconds == 80)
        #expect(accounting.longestCellSeconds == 30)
        #expect(accounting.makespanSeconds == 50)
        #expect(accounting.slots == 2)
        #expect(accounting.lowerBoundSeconds == 45)              // max(90 / 2, 30)
        #expect(abs(accounting.makespanRatio - 50.0 / 45.0) < 1e-12)
        #expect(abs(accounting.utilisation - 0.9) < 1e-12)
    }

    /// A cancelled sweep: released attempts count as worker time and end the makespan too, so
    /// utilisation never exceeds 100%.
    @Test func releasedAttemptsExtendTheMakespan() {
        let events = [
            event(0, "workerRegistered", worker: "a", detail: "host=h slots=1"),
            event(0, "leased", "k1", 1, worker: "a"),
            event(10, "finished", "k1", 1, worker: "a"),
            event(10, "leased", "k2", 1, worker: "a"),
            event(14, "released", "k2", 1, worker: "a"),
        ]
        let accounting = SweepAccounting(events: events)
        #expect(accounting.makespanSeconds == 14 && accounting.workerSeconds == 14)
        #expect(accounting.utilisation == 1)
    }

    @Test func anEmptyLogHasNoMakespan() {
        let accounting = SweepAccounting(events: [])
        #expect(accounting.makespanSeconds == 0 && accounting.makespanRatio == 0 && accounting.utilisation == 0)
    }
}
