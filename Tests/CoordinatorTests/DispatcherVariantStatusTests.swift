import Testing
@testable import Coordinator
import Shared

/// docs/protocol.md §2.4 STATUS-REPLY `variants`: a sweep with model variants is counted per
/// variant, in dispatch order; one without any has no `variants` member.
struct DispatcherVariantStatusTests {
    @Test func cellsAreCountedPerVariantInDispatchOrder() throws {
        // Ordinals interleave the variants the way seed-major dispatch does.
        let cells = CellFixtures.cells(4).enumerated().map { index, cell in
            var cell = cell
            cell.cell.variant = index % 2 == 0 ? "standard" : "mup"
            return cell
        }
        var h = Harness(cells: cells)
        h.ready(worker: "a")
        let leased = h.request(1, from: "a").assigns[0]             // the first cell: standard
        try h.deliver(leased)
        _ = h.request(1, from: "a")                                  // the second: mup, now running
        let variants = try #require(h.status.variants)
        #expect(variants.map(\.variant) == ["standard", "mup"])
        #expect(variants[0].cells == .init(total: 2, finished: 1, failed: 0, running: 0, queued: 1))
        #expect(variants[1].cells == .init(total: 2, finished: 0, failed: 0, running: 1, queued: 1))
    }

    @Test func aSweepWithoutVariantsHasNoVariantCounts() {
        let h = Harness(cells: CellFixtures.cells(2))
        #expect(h.status.variants == nil)
    }
}
