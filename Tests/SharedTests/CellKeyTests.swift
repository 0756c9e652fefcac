import Testing
@testable import Shared

struct CellKeyTests {
    private let version = "0.1.0"

    private func keys(_ yaml: String) throws -> [CellCoordinate: String] {
        let spec = try SpecFixtures.parse(yaml)
        var keys: [CellCoordinate: String] = [:]
        for cell in spec.cells { keys[cell] = spec.cellKey(cell, engineVersion: version) }
        return keys
    }

    @Test func cellsRunSeedMajorThenTaskThenWidestFirst() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.base(replacing: "widths: [16, 32, 64]",
                                                            with: "widths: [32, 64, 16]"))
        let cells = spec.cells
        #expect(cells.count == 3 * 2 * 3)
        #expect(Set(cells).count == cells.count)
        #expect(Array(cells.prefix(7)) == [
            CellCoordinate(width: 64, seed: 0, task: "coarse_to_fine"),
            CellCoordinate(width: 32, seed: 0, task: "coarse_to_fine"),
            CellCoordinate(width: 16, seed: 0, task: "coarse_to_fine"),
            CellCoordinate(width: 64, seed: 0, task: "split"),
            CellCoordinate(width: 32, seed: 0, task: "split"),
            CellCoordinate(width: 16, seed: 0, task: "split"),
            CellCoordinate(width: 64, seed: 1, task: "coarse_to_fine"),
        ])
        #expect(cells.last == CellCoordinate(width: 16, seed: 2, task: "split"))
    }

    @Test func seedsRunInTheOrderWritten() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.base(replacing: "seeds: [0, 1, 2]", with: "seeds: [7, 3]"))
        #expect(spec.cells.map(\.seed) == Array(repeating: 7, count: 6) + Array(repeating: 3, count: 6))
    }

    @Test func theSameSpecGivesTheSameKeysAndEveryCellItsOwn() throws {
        let first = try keys(SpecFixtures.baseYAML)
        let again = try keys(SpecFixtures.baseYAML)
        #expect(first == again)
        #expect(Set(first.values).count == first.count)
        for key in first.values {
            #expect(key.count == 64)
            #expect(key.allSatisfy { "0123456789abcdef".contains($0) })
        }
    }

    @Test func aKeyIsTheSHA256OfItsCanonicalMaterial() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.baseYAML)
        let cell = CellCoordinate(width: 32, seed: 1, task: "split")
        let material = spec.cellKeyMaterial(cell, engineVersion: version)
        #expect(spec.cellKey(cell, engineVersion: version) == SHA256.hexDigest(of: material))
        #expect(material.hasPrefix(#"{"engine_version":"0.1.0","key_format":3,"metrics":{"#))
        #expect(material.contains(#""model":{"base_width":64,"#))
        #expect(material.contains(#""seed":1,"sweep_seed":0,"task":{"name":"split","source":{"classes":[0,1,2,3,4],"#
            + #""dataset":{"format":"idx","path":"/usr/share/datasets/fashion-mnist"}}"#))
        #expect(material.contains(#""training":{"batch_size":128,"check_every":"auto","learning_rate":0.05,"max_epochs":20,"#
            + #""momentum":0.9,"optimizer":"sgd","schedule":"constant","target_accuracy":null,"threads":1,"#
            + #""train_examples":"all","validation_fraction":0.1,"weight_decay":0}"#))
        #expect(material.hasSuffix(#""width":32}"#))
        #expect(!material.contains(" "))
        #expect(!material.contains("fashion-width"))
        #expect(!material.contains("unused"))
    }

    @Test func changingTheLearningRateChangesEveryKey() throws {
        let before = try keys(SpecFixtures.baseYAML)
        let after = try keys(SpecFixtures.base(training: "learning_rate: 0.1"))
        #expect(before.keys.sorted(by: order) == after.keys.sorted(by: order))
        for (cell, key) in before { #expect(after[cell] != key) }
    }

    @Test func writingADefaultExplicitlyChangesNoKey() throws {
        let before = try keys(SpecFixtures.baseYAML)
        let explicit = SpecFixtures.base(training: "learning_rate: 5e-2", "momentum: 0.90", "batch_size: 128",
                                         "target_accuracy: null", "train_examples: all", "check_every: auto")
            .replacingOccurrences(of: "model:\n", with: "model:\n  depth: 1\n  base_width: 64\n")
        #expect(try keys(explicit) == before)
    }

    @Test func renamingTheSweepOrAddingAWidthSeedOrTaskKeepsExistingKeys() throws {
        let before = try keys(SpecFixtures.baseYAML)
        let edits = [
            SpecFixtures.base(replacing: "name: fashion-width", with: "name: renamed"),
            SpecFixtures.base(replacing: "widths: [16, 32, 64]", with: "widths: [16, 32, 64, 128]"),
            SpecFixtures.base(replacing: "seeds: [0, 1, 2]", with: "seeds: [0, 1, 2, 3]"),
            SpecFixtures.base(replacing: "unused: {format: synthetic}", with: "unused: {format: synthetic, classes: 9}"),
            SpecFixtures.baseYAML.replacingOccurrences(of: "fashion", with: "fmnist")
                .replacingOccurrences(of: "fmnist-width", with: "fashion-width")
                .replacingOccurrences(of: "/fmnist-mnist", with: "/fashion-mnist"),
            SpecFixtures.baseYAML + "  extra:\n    source: {dataset: unused, classes: all}\n"
                + "    targets: {t: {dataset: unused, classes: [0, 1]}}\n",
        ]
        for edit in edits {
            let after = try keys(edit)
            for (cell, key) in before { #expect(after[cell] == key, "\(cell) changed under edit:\n\(edit)") }
        }
    }

    @Test func editingATaskChangesOnlyThatTasksKeys() throws {
        let before = try keys(SpecFixtures.baseYAML)
        let after = try keys(SpecFixtures.base(replacing: "classes: [5, 6, 7, 8, 9]", with: "classes: [5, 6, 7, 8]"))
        for (cell, key) in before {
            #expect((after[cell] == key) == (cell.task == "coarse_to_fine"))
        }
    }

    @Test func movingADatasetChangesTheKeysOfTasksThatUseIt() throws {
        let before = try keys(SpecFixtures.baseYAML)
        let moved = try keys(SpecFixtures.base(replacing: "path: /usr/share/datasets/fashion-mnist",
                                               with: "path: /data/fashion-mnist"))
        for (cell, key) in before { #expect(moved[cell] != key) }
        let sameDirectory = try keys(SpecFixtures.base(replacing: "path: /usr/share/datasets/fashion-mnist",
                                                       with: "path: /usr/share/datasets//fashion-mnist/"))
        #expect(sameDirectory == before)
    }

    @Test func theEngineVersionIsPartOfTheKey() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.baseYAML)
        let cell = spec.cells[0]
        #expect(spec.cellKey(cell, engineVersion: "0.1.0") != spec.cellKey(cell, engineVersion: "0.1.1"))
    }

    @Test func aCellOfAnotherSpecGetsAKeyNoCellOfThisSpecHas() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.baseYAML)
        let stranger = spec.cellKey(CellCoordinate(width: 16, seed: 0, task: "nope"), engineVersion: version)
        #expect(!spec.cells.map { spec.cellKey($0, engineVersion: version) }.contains(stranger))
    }

    private func order(_ a: CellCoordinate, _ b: CellCoordinate) -> Bool {
        (a.task, a.seed, a.width) < (b.task, b.seed, b.width)
    }
}

extension CellKeyTests {
    @Test func keysComputedTogetherEqualKeysComputedOneByOne() throws {
        let spec = try SpecFixtures.parse("seed: 9\n" + SpecFixtures.baseYAML)
        let together = spec.cellKeys(engineVersion: version)
        #expect(together.count == spec.cells.count)
        for cell in spec.cells {
            #expect(together[cell] == spec.cellKey(cell, engineVersion: version))
        }
    }
}

extension CellKeyTests {
    @Test func keysAndMaterialForAllCellsEqualThoseComputedOneByOneInDispatchOrder() throws {
        // Two tasks, seeds and widths written out of order, a sweep seed: every cell's entry.
        let spec = try SpecFixtures.parse("seed: 9\n" + SpecFixtures.base(replacing: "widths: [16, 32, 64]", with: "widths: [32, 64, 16]")
            .replacingOccurrences(of: "seeds: [0, 1, 2]", with: "seeds: [7, 0, 3]"))
        let all = spec.cellKeysAndMaterial(engineVersion: version)
        #expect(Set(spec.tasks.map(\.name)).count == 2)
        #expect(all.map(\.cell) == spec.cells)
        for entry in all {
            #expect(entry.material == spec.cellKeyMaterial(entry.cell, engineVersion: version))
            #expect(entry.key == spec.cellKey(entry.cell, engineVersion: version))
        }
    }
}

extension CellKeyTests {
    /// A golden key: if this changes, every journal's finished cells would re-run. Change it only
    /// together with `SweepSpec.keyFormat` (docs/spec.md, "Cell keys").
    @Test func theKeyOfAKnownCellNeverChangesByAccident() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.baseYAML)
        let cell = CellCoordinate(width: 64, seed: 0, task: "coarse_to_fine")
        // Hash checked independently: python3 -c 'import hashlib; print(hashlib.sha256(MATERIAL).hexdigest())'
        #expect(spec.cellKeyMaterial(cell, engineVersion: "0.1.0") == #"{"engine_version":"0.1.0","key_format":3,"#
            + #""metrics":{"directions":"classes-1","fit_examples":5000,"probe_examples":5000},"#
            + #""model":{"base_width":64,"depth":1,"family":"mlp","parameterization":"mup"},"seed":0,"sweep_seed":0,"#
            + #""task":{"name":"coarse_to_fine","source":{"dataset":{"format":"idx","#
            + #""path":"/usr/share/datasets/fashion-mnist"},"groups":[{"classes":[0,2,3,4,6],"name":"tops"},"#
            + #"{"classes":[5,7,9],"name":"footwear"},{"classes":[1,8],"name":"other"}]},"targets":[{"classes":"all","#
            + #""dataset":{"format":"idx","path":"/usr/share/datasets/fashion-mnist"},"name":"fine"}]},"#
            + #""training":{"batch_size":128,"check_every":"auto","learning_rate":0.05,"max_epochs":20,"momentum":0.9,"#
            + #""optimizer":"sgd","#
            + #""schedule":"constant","target_accuracy":null,"threads":1,"train_examples":"all","#
            + #""validation_fraction":0.1,"weight_decay":0},"#
            + #""transfer":{"budgets":[10,100,"all"],"l2_grid":[0.000001,0.00001,0.0001,0.001,0.01,0.1,1],"#
            + #""max_iterations":500},"width":64}"#)
        #expect(spec.cellKey(cell, engineVersion: "0.1.0")
                == "01597f860a8449b641a43fa62463888f01ce45bce0605e90f0cfdbd64cecb930")
    }

    /// A check interval decides where training stops, so it is part of every key; `auto` has
    /// one spelling, whether written or not.
    @Test func changingTheCheckIntervalChangesEveryKey() throws {
        let automatic = try SpecFixtures.parse(SpecFixtures.baseYAML)
        let written = try SpecFixtures.parse(SpecFixtures.base(training: "check_every: auto"))
        let fixed = try SpecFixtures.parse(SpecFixtures.base(training: "check_every: 40"))
        let other = try SpecFixtures.parse(SpecFixtures.base(training: "check_every: 41"))
        #expect(fixed.training.checkEvery == 40 && written.training.checkEvery == nil)
        for cell in automatic.cells {
            let keys = [automatic, written, fixed, other].map { $0.cellKey(cell, engineVersion: version) }
            #expect(keys[0] == keys[1])
            #expect(Set([keys[0], keys[2], keys[3]]).count == 3)
        }
        #expect(fixed.cellKeyMaterial(automatic.cells[0], engineVersion: version).contains(#""check_every":40,"#))
    }
}
