import Testing
@testable import Shared

struct SpecDiffTests {
    private func change(to yaml: String) throws -> SpecChange {
        try SpecFixtures.parse(yaml).diff(from: SpecFixtures.parse(SpecFixtures.baseYAML))
    }

    private func descriptions(_ change: SpecChange) -> [String] {
        if case .changesMeaning(let lines) = change { return lines }
        Issue.record("expected changesMeaning, got \(change)")
        return []
    }

    @Test func theSameSpecIsIdentical() throws {
        #expect(try change(to: SpecFixtures.baseYAML) == .identical)
    }

    @Test func editsThatCannotChangeAResultAreIdentical() throws {
        #expect(try change(to: SpecFixtures.base(replacing: "name: fashion-width", with: "name: other")) == .identical)
        #expect(try change(to: SpecFixtures.base(replacing: "widths: [16, 32, 64]", with: "widths: [64, 16, 32]"))
                == .identical)
        #expect(try change(to: SpecFixtures.base(replacing: "unused: {format: synthetic}",
                                                 with: "unused: {format: synthetic, noise: 3}")) == .identical)
    }

    @Test func addingAWidthIsAdditiveWithExactlyTheNewCellsInDispatchOrder() throws {
        let result = try change(to: SpecFixtures.base(replacing: "widths: [16, 32, 64]", with: "widths: [16, 32, 64, 8]"))
        #expect(result == .additive([
            CellCoordinate(width: 8, seed: 0, task: "coarse_to_fine"), CellCoordinate(width: 8, seed: 0, task: "split"),
            CellCoordinate(width: 8, seed: 1, task: "coarse_to_fine"), CellCoordinate(width: 8, seed: 1, task: "split"),
            CellCoordinate(width: 8, seed: 2, task: "coarse_to_fine"), CellCoordinate(width: 8, seed: 2, task: "split"),
        ]))
    }

    @Test func addingASeedOrATaskIsAdditive() throws {
        let seed = try change(to: SpecFixtures.base(replacing: "seeds: [0, 1, 2]", with: "seeds: [0, 1, 2, 3]"))
        guard case .additive(let seedCells) = seed else { Issue.record("got \(seed)"); return }
        #expect(seedCells.count == 6)
        #expect(seedCells.allSatisfy { $0.seed == 3 })

        let task = try change(to: SpecFixtures.baseYAML + "  extra:\n    source: {dataset: fashion, classes: [0, 9]}\n"
                              + "    targets: {rest: {dataset: fashion, classes: [1, 2]}}\n")
        guard case .additive(let taskCells) = task else { Issue.record("got \(task)"); return }
        #expect(taskCells.count == 9)
        #expect(taskCells.allSatisfy { $0.task == "extra" })
    }

    @Test func changingTheLearningRateChangesMeaningAndSaysFromWhatToWhat() throws {
        let lines = descriptions(try change(to: SpecFixtures.base(training: "learning_rate: 0.1")))
        #expect(lines == ["training.learning_rate changed from 0.05 to 0.1"])
    }

    @Test func switchingOptimizerListsEachKeyThatCameOrWent() throws {
        let lines = descriptions(try change(to: SpecFixtures.base(training: "optimizer: adam", "learning_rate: 0.05")))
        #expect(lines == [
            "training.beta1 added: 0.9", "training.beta2 added: 0.999", "training.epsilon added: 1e-8",
            "training.momentum removed (was 0.9)", "training.optimizer changed from sgd to adam",
        ])
    }

    @Test func addingATargetChangesTheMeaningOfThatTask() throws {
        let lines = descriptions(try change(to: SpecFixtures.base(
            replacing: "      second_half: {dataset: fashion, classes: [5, 6, 7, 8, 9]}",
            with: "      second_half: {dataset: fashion, classes: [5, 6, 7, 8, 9]}\n"
                + "      everything: {dataset: fashion, classes: all}")))
        #expect(lines == [
            "tasks.split.targets changed from [second_half] to [second_half, everything]",
            #"tasks.split.targets.everything added: {"classes":"all","dataset":"fashion"}"#,
        ])
    }

    @Test func editingAGroupNamesTheGroup() throws {
        let lines = descriptions(try change(to: SpecFixtures.base(replacing: "footwear: [5, 7, 9]",
                                                                with: "footwear: [5, 7]")))
        #expect(lines == ["tasks.coarse_to_fine.source.groups.footwear.classes changed from [5, 7, 9] to [5, 7]"])
    }

    @Test func removingAWidthChangesMeaningBecauseFinishedCellsWouldBeDropped() throws {
        let lines = descriptions(try change(to: SpecFixtures.base(replacing: "widths: [16, 32, 64]",
                                                                with: "widths: [32, 64, 128]")))
        #expect(lines == ["widths removed: [16] (their finished cells would no longer belong to the sweep)"])
    }

    @Test func renamingADatasetIsCosmeticAndLeftOutOfDescriptions() throws {
        let renamed = SpecFixtures.baseYAML.replacingOccurrences(of: "fashion:", with: "fmnist:")
            .replacingOccurrences(of: "dataset: fashion", with: "dataset: fmnist")
        #expect(try change(to: renamed) == .identical)
        let renamedAndFaster = descriptions(try change(to: renamed + "training:\n  learning_rate: 0.1\n"))
        #expect(renamedAndFaster == ["training.learning_rate changed from 0.05 to 0.1"])
    }

    @Test func movingAUsedDatasetNamesTheDatasetAndModelChangesNameTheModelKey() throws {
        let moved = descriptions(try change(to: SpecFixtures.base(replacing: "/usr/share/datasets/fashion-mnist",
                                                                with: "/data/fm")))
        #expect(moved == ["datasets.fashion.path changed from /usr/share/datasets/fashion-mnist to /data/fm"])
        let model = descriptions(try change(to: SpecFixtures.base(replacing: "family: mlp", with: "family: mlp\n  depth: 3")))
        #expect(model == ["model.depth changed from 1 to 3"])
        let seed = descriptions(try change(to: "seed: 5\n" + SpecFixtures.baseYAML))
        #expect(seed == ["seed changed from 0 to 5"])
    }
}
