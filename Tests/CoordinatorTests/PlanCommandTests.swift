import Foundation
import Testing
import TestSupport

/// `coordinator plan`: the grid a spec expands to, before anything runs.
@Suite struct PlanCommandTests {
    @Test func theDefaultSweepPlansSeventyCellsSeedMajorWidestFirst() throws {
        let run = try BuiltExecutable.coordinator.run(["plan", "examples/fashion-mnist.yaml"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").dropFirst().dropLast()
        #expect(rows.count == 70)
        #expect(rows.first?.contains("coarse_to_fine/w1024/s0") == true)
        #expect(rows.last?.contains("split/w16/s4") == true)
        let keys = rows.compactMap { $0.split(separator: " ").last }
        #expect(Set(keys).count == 70)
        #expect(keys.allSatisfy { $0.count == 64 })
        #expect(run.stdout.contains("70 cells = 7 widths × 5 seeds × 2 tasks"))
    }

    @Test func aBadSpecIsRefusedWithItsLocation() throws {
        let path = try BuiltExecutable.temporaryFile("name: x\nwidths: [4, 4]\n")
        let run = try BuiltExecutable.coordinator.run(["plan", path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("spec.yaml:"), "\(run.stderr)")
    }
}
