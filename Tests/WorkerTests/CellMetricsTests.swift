import Foundation
import Testing
import TestSupport
@testable import Shared
@testable import Worker

/// Transfer and information metrics of a real cell (docs/metrics.md): Fashion-MNIST coarse → fine.
@Suite struct CellMetricsTests {
    static let dataPresent = FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")

    /// The default sweep's coarse → fine task, cut down to run in seconds: 12,000 training
    /// images, budgets 10 and 100 per class, a 1,000-example probe set.
    static func smallCoarseToFine() throws -> SweepSpec {
        var spec = try SweepSpec.load(path: BuiltExecutable.packageRoot.appendingPathComponent("examples/fashion-mnist.yaml").path)
        spec.training.trainExamples = 12_000
        spec.training.maxEpochs = 3
        spec.transfer.budgets = [.perClass(10), .perClass(100)]
        spec.metrics = MetricsSection(probeExamples: 1000, fitExamples: 1000)
        return spec
    }

    @Test(.enabled(if: dataPresent, "needs Debian's dataset-fashion-mnist"))
    func coarseToFineKeepsFineInformationAndDiffersFromItsControl() throws {
        let result = try CellRunner(spec: Self.smallCoarseToFine()).run(CellCoordinate(width: 64, seed: 0, task: "coarse_to_fine"))
        try result.validate()
        // Trained on 3 coarse groups, probed on 10 fine classes: chance is 10%.
        let fine = try #require(result.information.trained.fineProbeAccuracy)
        #expect(fine > 0.5, "fine-probe accuracy \(fine)")
        #expect(result.transfer.map(\.budget) == ["10", "100"])
        #expect(result.transfer.allSatisfy { $0.target == "fine" && $0.trained.accuracy > 0.3 })
        #expect(result.transfer.contains { abs($0.gain) > 0.005 }, "transfer equals the control everywhere")
        #expect(result.transfer[0].examples == 100 && result.transfer[1].examples == 1000)
        // Training to separate 3 groups collapses within-group variation relative to random features.
        #expect(result.information.trained.collapseRatio < result.information.control.collapseRatio)
        #expect(result.information.probeExamples == 1000)
        #expect(result.timings.transferSeconds > 0 && result.timings.informationSeconds > 0)
    }

    @Test(.enabled(if: dataPresent, "needs Debian's dataset-fashion-mnist"))
    func aSplitTaskHasNoFineProbe() throws {
        var spec = try Self.smallCoarseToFine()
        spec.transfer.budgets = [.perClass(10)]
        let result = try CellRunner(spec: spec).run(CellCoordinate(width: 16, seed: 1, task: "split"))
        #expect(result.information.trained.fineProbeAccuracy == nil)
        #expect(result.transfer.map(\.target) == ["second_half"])
    }
}
