import Foundation
import Testing
import TestSupport
@testable import Shared
@testable import Worker

/// A cell stops where its task's target says (docs/spec.md §5, §6): the sweep's target, the
/// task's own, or none when the task writes `target_accuracy: null`.
@Suite struct CellStoppingTests {
    /// The synthetic smoke sweep with a sweep-wide target every width reaches in its first
    /// checks (0.5 is chance level for the two-way tasks), and `split` opting out with `null`.
    func spec() throws -> SweepSpec {
        let path = BuiltExecutable.packageRoot.appendingPathComponent("examples/synthetic-smoke.yaml").path
        var yaml = try String(contentsOfFile: path, encoding: .utf8)
        let splitTargets = "      other: {dataset: toy, classes: [2, 3]}\n"
        #expect(yaml.contains(splitTargets) && yaml.contains("  max_epochs: 3\n"))
        yaml = yaml.replacingOccurrences(of: splitTargets, with: splitTargets + "    target_accuracy: null\n")
        yaml = yaml.replacingOccurrences(of: "  max_epochs: 3\n", with: "  max_epochs: 3\n  target_accuracy: 0.5\n")
        return try SweepSpec.parse(yaml: yaml, file: path)
    }

    @Test func aTaskWithANullTargetTrainsEveryEpochUnderASweepTarget() throws {
        let spec = try spec()
        let result = try CellRunner(spec: spec).run(CellCoordinate(width: 16, seed: 0, task: "split"))
        let stepsPerEpoch = (result.source.trainExamples + spec.training.batchSize - 1) / spec.training.batchSize
        #expect(result.source.targetAccuracy == nil)
        #expect(!result.source.targetMet)
        #expect(result.source.epochs == spec.training.maxEpochs)
        #expect(result.source.steps == spec.training.maxEpochs * stepsPerEpoch)
        #expect(result.source.examplesSeen == spec.training.maxEpochs * result.source.trainExamples)
        #expect(result.source.epochsSeen == Double(spec.training.maxEpochs))
        // Without the null the sweep's target would have stopped it at an early check.
        #expect(result.source.checks.contains { $0.validationAccuracy >= 0.5 && $0.step < result.source.steps })
    }

    @Test func aTaskWithoutItsOwnTargetStopsAtTheSweepTarget() throws {
        let spec = try spec()
        let result = try CellRunner(spec: spec).run(CellCoordinate(width: 16, seed: 0, task: "coarse_to_fine"))
        #expect(result.source.targetAccuracy == 0.5)
        #expect(result.source.targetMet)
        #expect(result.source.validationAccuracy >= 0.5)
        #expect(result.source.epochsSeen < Double(spec.training.maxEpochs))
        #expect(result.source.checks.last?.step == result.source.steps)
        #expect(result.source.checks.dropLast().allSatisfy { $0.validationAccuracy < 0.5 })
    }
}
