import Testing
@testable import Coordinator
import Shared

/// docs/protocol.md §5.2: an `input-error:` (or `key-mismatch:`) from two different workers in a
/// row means the spec or the data is broken for every cell; the coordinator stops leasing (a
/// drain) instead of spending every cell's attempts, and says why.
struct DispatcherInputErrorTests {
    static let missing = "input-error: no dataset files in /data/fashion (train-images-idx3-ubyte[.gz] not found)"

    @Test func theSameInputErrorOnTwoWorkersInARowStopsLeasing() {
        var h = Harness(cells: CellFixtures.cells(6))
        h.ready(worker: "a")
        h.ready(worker: "b")
        let first = h.request(1, from: "a").assigns
        let second = h.request(1, from: "b").assigns
        let onA = h.fail(first[0], error: Self.missing)
        #expect(!onA.logs.contains { $0.hasPrefix("stopping:") }, "one worker's failure may be that worker's fault")
        #expect(h.status.state == .running)
        let onB = h.fail(second[0], error: Self.missing)
        let stop = onB.logs.first { $0.hasPrefix("stopping:") }
        #expect(stop?.contains("a and b failed in a row with input-error: no dataset files") == true, "\(onB.logs)")
        #expect(stop?.contains("coordinator run") == true, "it says how to resume: \(stop ?? "")")
        // Nothing more is leased; the drain ends the run with every cell kept for the next one.
        #expect(h.request(1, from: "a").assigns.isEmpty)
        #expect(h.dispatcher.isStopped)
        #expect(h.dispatcher.counts == .init(total: 6, finished: 0, failed: 0, running: 0, queued: 6))
        #expect(onB.disconnects.map(\.reason) == ["drained", "drained"], "both workers are told the sweep drained")
    }

    @Test func oneWorkerAloneOrAnInterveningResultOrOtherFailureDoesNotStop() throws {
        var h = Harness(cells: CellFixtures.cells(8), settings: .init(sweepName: "t", maxAttempts: 10, quarantineAfter: 10))
        h.ready(worker: "a")
        h.ready(worker: "b")
        // The same worker twice: its own host may lack the data.
        h.fail(h.request(1, from: "a").assigns[0], error: Self.missing)
        h.fail(h.request(1, from: "a").assigns[0], error: Self.missing)
        #expect(h.status.state == .running)
        // A result in between ends the streak.
        try h.deliver(h.request(1, from: "b").assigns[0])
        h.fail(h.request(1, from: "b").assigns[0], error: Self.missing)
        #expect(h.status.state == .running)
        // A failure of the computation ends it too.
        h.fail(h.request(1, from: "a").assigns[0], error: "cell process killed by signal 9 (Killed)")
        h.fail(h.request(1, from: "b").assigns[0], error: Self.missing)
        #expect(h.status.state == .running)
        // Different kinds do not add up.
        h.fail(h.request(1, from: "a").assigns[0], error: "key-mismatch: engine 0.3.0")
        #expect(h.status.state == .running)
        #expect(h.dispatcher.stopReason == nil)
    }
}
