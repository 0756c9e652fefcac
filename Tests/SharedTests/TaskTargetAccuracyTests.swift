import Testing
@testable import Shared

/// docs/spec.md §5: a task's own `target_accuracy` overrides the sweep's for that task only.
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
}
