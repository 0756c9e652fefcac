import Foundation
import Testing
import Shared
import TestSupport

/// `coordinator plan`: the grid a spec expands to, before anything runs.
@Suite struct PlanCommandTests {
    @Test func theDefaultSweepPlansItsCellsSeedMajorThenTaskThenVariantWidestFirst() throws {
        let run = try BuiltExecutable.coordinator.run(["plan", "examples/fashion-mnist.yaml"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").dropFirst().dropLast()
        #expect(rows.count == 192)
        #expect(rows.first?.contains("coarse_to_fine/mup/w512/s0") == true)
        #expect(rows.dropFirst(6).first?.contains("coarse_to_fine/standard/w512/s0") == true, "the variant comes before the seed")
        #expect(rows.last?.contains("split/standard/w16/s7") == true)
        let keys = rows.compactMap { $0.split(separator: " ").last }
        #expect(Set(keys).count == 192)
        #expect(keys.allSatisfy { $0.count == 64 })
        #expect(run.stdout.contains("192 cells = 6 widths × 8 seeds × 2 tasks × 2 variants (mup, standard)"))
    }

    @Test func aBadSpecIsRefusedWithItsLocation() throws {
        let path = try BuiltExecutable.temporaryFile("name: x\nwidths: [4, 4]\n")
        let run = try BuiltExecutable.coordinator.run(["plan", path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("spec.yaml:"), "\(run.stderr)")
    }

    /// docs/protocol.md §2.4 READY: both executables print the engine version a worker must send.
    @Test func bothExecutablesPrintTheEngineVersion() throws {
        for executable in [BuiltExecutable.coordinator, BuiltExecutable.worker] {
            let run = try executable.run(["--version"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == WidthsweepVersion.engine + "\n", "\(run.stdout)")
        }
    }
}
