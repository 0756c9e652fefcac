import Foundation
import Testing
@testable import Shared

/// docs/spec.md §5: a task's own `target_accuracy` overrides the sweep's for that task only;
/// `null` there means "no target", not "not set".
@Suite struct TaskTargetAccuracyTests {
    let coarseLine = "      fine: {dataset: fashion, classes: all}\n"

    func spec(taskTarget: String?, training: String = "target_accuracy: 0.88") throws -> SweepSpec {
        var yaml = SpecFixtures.baseYAML
        if let taskTarget {
            yaml = SpecFixtures.base(replacing: coarseLine, with: coarseLine + "    target_accuracy: \(taskTarget)\n")
        }
        return try SpecFixtures.parse(yaml + "training:\n  \(training)\n")
    }

    @Test func aTaskTargetOverridesTheSweepTargetForThatTaskOnly() throws {
        let s = try spec(taskTarget: "0.985")
        let coarse = try #require(s.task(named: "coarse_to_fine")), split = try #require(s.task(named: "split"))
        #expect(s.targetAccuracy(for: coarse) == 0.985)
        #expect(s.targetAccuracy(for: split) == 0.88)
    }

    @Test func withoutATaskTargetTheSweepTargetApplies() throws {
        let s = try spec(taskTarget: nil)
        #expect(s.tasks.allSatisfy { s.targetAccuracy(for: $0) == 0.88 })
    }

    @Test func addingATaskTargetChangesThatTasksKeysAndNoOthers() throws {
        let before = try spec(taskTarget: nil), after = try spec(taskTarget: "0.985")
        for cell in before.cells {
            let changed = before.cellKey(cell, engineVersion: "t") != after.cellKey(cell, engineVersion: "t")
            #expect(changed == (cell.task == "coarse_to_fine"), "\(cell)")
        }
    }

    @Test func anImpossibleTaskTargetIsAnErrorNamingTheKey() {
        let yaml = SpecFixtures.base(replacing: coarseLine, with: coarseLine + "    target_accuracy: 1.5\n")
        let error = SpecFixtures.error(yaml)
        #expect(error?.path == "tasks.coarse_to_fine.target_accuracy")
        #expect(error?.location?.line == 17)
    }

    /// The bug of issue 13: an explicit null was read as absent, so the sweep's target applied.
    @Test func aTaskTargetOfNullMeansNoTargetEvenUnderASweepTarget() throws {
        let s = try spec(taskTarget: "null")
        let coarse = try #require(s.task(named: "coarse_to_fine")), split = try #require(s.task(named: "split"))
        #expect(coarse.target == .noTarget)
        #expect(s.targetAccuracy(for: coarse) == nil)
        #expect(s.targetAccuracy(for: split) == 0.88)
        #expect(split.target == .inherited)
        #expect(try spec(taskTarget: "0.985").task(named: "coarse_to_fine")?.target == .accuracy(0.985))
    }

    @Test func aNullTaskTargetIsInThatTasksKeysAndNoOthers() throws {
        let absent = try spec(taskTarget: nil), null = try spec(taskTarget: "null")
        for cell in absent.cells {
            let changed = absent.cellKey(cell, engineVersion: "t") != null.cellKey(cell, engineVersion: "t")
            #expect(changed == (cell.task == "coarse_to_fine"), "\(cell)")
        }
        let cell = try #require(null.cells.first { $0.task == "coarse_to_fine" })
        #expect(null.cellKeyMaterial(cell, engineVersion: "t").contains(#""name":"coarse_to_fine","#))
        #expect(null.cellKeyMaterial(cell, engineVersion: "t").contains(#""target_accuracy":null,"targets":"#))
    }

    @Test func theThreeStatesSurviveAJSONRoundTrip() throws {
        for taskTarget in [nil, "null", "0.985"] {
            let s = try spec(taskTarget: taskTarget)
            let decoded = try JSONDecoder().decode(SweepSpec.self, from: try JSONEncoder().encode(s))
            #expect(decoded == s, "\(taskTarget ?? "absent")")
        }
    }

    @Test func aNullTaskTargetUnderNoSweepTargetStillTrainsEveryEpoch() throws {
        let s = try spec(taskTarget: "null", training: "max_epochs: 3")
        #expect(s.tasks.allSatisfy { s.targetAccuracy(for: $0) == nil })
    }
}
