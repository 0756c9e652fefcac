import Testing
@testable import Coordinator
import Shared

/// docs/protocol.md §6.1: dropped input is logged at most once per peer per second, with a count of
/// what was suppressed, whether the decoder refused it or the dispatcher found it invalid in its
/// state (`DispatchAction.dropped`).
struct InvalidInputLogTests {
    @Test func fourDropsFromOnePeerWithinASecondGiveOneLineThenTheCount() {
        var log = InvalidInputLog()
        let peer: PeerID = [1, 2, 3], other: PeerID = [4]
        for tenth in 0..<4 {
            log.note(peer: peer, problem: "PROGRESS 00000000000000aa for 1234 attempt 1: no such lease", now: .milliseconds(100 * tenth))
        }
        log.note(peer: other, problem: "wrong tag", now: .milliseconds(350))
        let first = log.flush(now: .milliseconds(400))
        #expect(first.count == 2, "one line for each peer: \(first)")
        #expect(first[0].contains("no such lease") && !first[0].contains("more"))
        // A second later the next drop is logged with the three that were held back.
        log.note(peer: peer, problem: "PROGRESS 00000000000000aa for 1234 attempt 1: no such lease", now: .milliseconds(1100))
        let second = log.flush(now: .milliseconds(1100))
        #expect(second.count == 1 && second[0].contains("(and 3 more from this peer)"), "\(second)")
        #expect(log.dropped == 6)
    }

    @Test func aStaleProgressIsADroppedMessageNotAPlainLogLine() {
        var h = Harness(cells: CellFixtures.cells(1))
        h.ready(worker: "a")
        let leased = h.request(1, from: "a").assigns[0]
        let stale = h.send(.progress(leaseId: "ffffffffffffffff", cellKey: leased.cellKey, attempt: 1,
                                     report: ProgressReport(phase: .train, epoch: 1)), from: "a")
        #expect(stale.dropped.map(\.peer) == [leased.peer], "\(stale)")
        #expect(!stale.contains { if case .log = $0 { true } else { false } }, "a plain log line would escape the rate limit")
    }
}
