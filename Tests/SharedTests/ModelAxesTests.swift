import Foundation
import Testing
@testable import Shared

/// Model axes (docs/spec.md §4): `model.family`, `model.depth`, `model.parameterization` and
/// `training.optimizer` may be lists; every combination is a variant of the grid, whose cells
/// have exactly the keys the same spec with that variant's single values gives.
struct ModelAxesTests {
    private let version = "0.4.0"

    /// `baseYAML` with the `model` section's lines replaced by `model` (`family: mlp` first unless
    /// it names a family) and a `training` section holding `training`.
    private func spec(model: String = "parameterization: mup", training: String? = nil) throws -> SweepSpec {
        let lines = model.contains("family:") ? model : "family: mlp\n" + model
        var yaml = SpecFixtures.base(replacing: "  family: mlp\n  parameterization: mup\n",
                                     with: lines.split(separator: "\n").map { "  \($0)\n" }.joined())
        if let training { yaml += "training:\n" + training.split(separator: "\n").map { "  \($0)\n" }.joined() }
        return try SpecFixtures.parse(yaml)
    }

    private func error(model: String = "parameterization: mup", training: String? = nil) -> SpecError? {
        do { _ = try spec(model: model, training: training); return nil } catch { return error as? SpecError }
    }

    /// Keys a build from before model axes recorded for examples/synthetic-smoke.yaml (engine
    /// 0.4.0, from that build's journal): a spec without lists must keep them byte for byte, or
    /// every existing sweep would re-run.
    @Test func aSpecWithoutListsKeepsTheKeysRecordedBeforeModelAxes() throws {
        let yaml = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/synthetic-smoke-0.4.0.yaml"), encoding: .utf8)
        let spec = try SweepSpec.parse(yaml: yaml, file: "spec.yaml")
        #expect(spec.variants.isEmpty && spec.variantNames == [""])
        let keys = spec.cellKeys(engineVersion: version)
        #expect(keys[CellCoordinate(width: 4, seed: 0, task: "coarse_to_fine")] == "0275928866b4cdacb1d635bc2dad67c6588181c6d95e98907f028c95a196542d")
        #expect(keys[CellCoordinate(width: 16, seed: 0, task: "coarse_to_fine")] == "f313bd53bb207e2e7d051f06248cfc216a7313a4d6d7df11fbd19257603ee886")
        #expect(keys[CellCoordinate(width: 4, seed: 0, task: "split")] == "83e205ff570ab7dc7202905a8b007287f6ef20e41bc13a99aaa0b895b7fdc483")
        #expect(keys[CellCoordinate(width: 16, seed: 0, task: "split")] == "2ef50498c0be6bf45f9af94bf60008afb820c40bec6bb8f8715ad51066bf850e")
        // The cell object on the wire and in results is what it was: no variant member.
        let json = String(decoding: try JSONEncoder().encode(CellCoordinate(width: 4, seed: 0, task: "split")), as: UTF8.self)
        #expect(!json.contains("variant"))
    }

    /// More keys recorded by that build: the cost benchmark's spec (μP, SGD, depth 1, with
    /// atlases) and a depth-2 standard spec from an end-to-end test's journal.
    @Test func otherSingleValueSpecsKeepTheirRecordedKeys() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let bench = try SweepSpec.load(path: root.appendingPathComponent("../../examples/bench/fashion-42.yaml").standardized.path)
        let benchKeys = bench.cellKeys(engineVersion: version)
        #expect(benchKeys[CellCoordinate(width: 1024, seed: 0, task: "coarse_to_fine")] == "bd0d986753397f598dbe99d693ee906674ddb35c75ec261df0003fd7196fd74f")
        #expect(benchKeys[CellCoordinate(width: 16, seed: 0, task: "coarse_to_fine")] == "e6760f0fd3d37cf7dff248f856d92f9a46771892706f9f03e8d7b2600130234a")
        #expect(benchKeys[CellCoordinate(width: 16, seed: 0, task: "split")] == "bbf0693921df5a18395b9d99fb092bda59c172890cea947d3160ab91c60ba30c")
        #expect(benchKeys[CellCoordinate(width: 1024, seed: 0, task: "split")] == "febbb97f51f426daa558dd32ac766e69d7756860ae43f29e439c2539cd89ef89")
        let deep = try SweepSpec.load(path: root.appendingPathComponent("Fixtures/depth2-standard-0.4.0.yaml").path)
        #expect(deep.model.family == .mlp(depth: 2) && deep.variants.isEmpty)
        let deepKeys = deep.cellKeys(engineVersion: version)
        #expect(deepKeys[CellCoordinate(width: 16, seed: 1, task: "split")] == "534b6d5d8e13da8c56c5459cc1c7df2d3cfe6166c73350ab04c7493467b420f4")
        #expect(deepKeys[CellCoordinate(width: 16, seed: 2, task: "split")] == "4db0ed8870334c24c56a350389a562116c1e1e63530d669a55c28ce6eaf46104")
        #expect(deepKeys[CellCoordinate(width: 16, seed: 3, task: "split")] == "53a6973006dee288277a3d310f5016bde010f3e244ce8b566c9ef70738c73729")
    }

    @Test func aListedParameterizationMakesOneVariantPerValueWithTheSingleValueSpecsKeys() throws {
        let listed = try spec(model: "parameterization: [mup, standard]")
        #expect(listed.variantNames == ["mup", "standard"])
        #expect(listed.cells.count == 2 * 3 * 3 * 2)
        // Seed-major, then task, then variant, then widest first.
        #expect(Array(listed.cells.prefix(4)) == [
            CellCoordinate(width: 64, seed: 0, task: "coarse_to_fine", variant: "mup"),
            CellCoordinate(width: 32, seed: 0, task: "coarse_to_fine", variant: "mup"),
            CellCoordinate(width: 16, seed: 0, task: "coarse_to_fine", variant: "mup"),
            CellCoordinate(width: 64, seed: 0, task: "coarse_to_fine", variant: "standard"),
        ])
        let keys = listed.cellKeys(engineVersion: version)
        for (value, name) in [("mup", "mup"), ("standard", "standard")] {
            let single = try spec(model: "parameterization: \(value)")
            for cell in single.cells {
                var variantCell = cell
                variantCell.variant = name
                #expect(keys[variantCell] == single.cellKey(cell, engineVersion: version), "\(variantCell)")
                #expect(listed.cellKey(variantCell, engineVersion: version) == keys[variantCell])
                #expect(listed.cellKeyMaterial(variantCell, engineVersion: version) == single.cellKeyMaterial(cell, engineVersion: version))
            }
        }
        // The one-by-one, all-at-once and with-material paths agree.
        for entry in listed.cellKeysAndMaterial(engineVersion: version) {
            #expect(keys[entry.cell] == entry.key)
            #expect(SHA256.hexDigest(of: entry.material) == entry.key)
        }
        #expect(Set(keys.values).count == keys.count, "two cells share a key")
    }

    @Test func everyAxisCombinesAndNamesItsVariants() throws {
        let spec = try spec(model: "family: [mlp, cnn]\ndepth: [1, 2]\nparameterization: standard",
                            training: "optimizer: [sgd, adam]\nlearning_rate: {sgd: 0.1}")
        #expect(spec.variantNames == ["mlp_depth1_sgd", "mlp_depth1_adam", "mlp_depth2_sgd", "mlp_depth2_adam", "cnn_sgd", "cnn_adam"])
        let cnnAdam = try #require(spec.resolved(variant: "cnn_adam"))
        #expect(cnnAdam.model == ModelSpec(family: .cnn, parameterization: .standard))
        #expect(cnnAdam.training.optimizer == .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
        #expect(cnnAdam.training.learningRate == 0.001, "an optimizer the rate mapping leaves out takes its default")
        let deepSGD = try #require(spec.resolved(variant: "mlp_depth2_sgd"))
        #expect(deepSGD.model.family == .mlp(depth: 2) && deepSGD.training.learningRate == 0.1)
        #expect(spec.variant(named: "mlp_depth2_sgd")?.settings == [
            .init(axis: "model.family", value: "mlp"), .init(axis: "model.depth", value: "2"),
            .init(axis: "training.optimizer", value: "sgd")])
        #expect(spec.resolved(variant: "cnn_depth1_sgd") == nil)
        #expect(spec.resolved(variant: "") == nil)
        // A cell of a variant the spec lacks gets a key no cell of the spec has.
        let keys = Set(spec.cellKeys(engineVersion: version).values)
        #expect(!keys.contains(spec.cellKey(CellCoordinate(width: 16, seed: 0, task: "split", variant: "rnn"), engineVersion: version)))
        // A spec round-trips through JSON with its variants.
        #expect(try JSONDecoder().decode(SweepSpec.self, from: JSONEncoder().encode(spec)) == spec)
    }

    @Test func theVariantNameTravelsInTheCellObjectOnlyWhenThereIsOne() throws {
        let cell = CellCoordinate(width: 16, seed: 2, task: "split", variant: "mup")
        let json = String(decoding: try JSONEncoder().encode(cell), as: UTF8.self)
        #expect(json.contains("\"variant\":\"mup\""))
        #expect(try JSONDecoder().decode(CellCoordinate.self, from: Data(json.utf8)) == cell)
        #expect(cell.description == "split/mup/w16/s2")
        let plain = try JSONDecoder().decode(CellCoordinate.self, from: Data(#"{"width":16,"seed":2,"task":"split"}"#.utf8))
        #expect(plain.variant == "")
    }

    @Test func badAxesAreRefusedWithTheirLocationAndKeyPath() throws {
        // Lines: 7 model, 8 family, 9 the first key written in place of parameterization.
        let baseList = error(model: "parameterization: mup\nbase_width: [32, 64]")
        #expect(baseList?.path == "model.base_width" && baseList?.location?.line == 10, "\(String(describing: baseList))")
        #expect(baseList?.description.contains("only model.family, model.depth, model.parameterization and training.optimizer may be lists") == true)

        let empty = error(model: "parameterization: []")
        #expect(empty?.path == "model.parameterization" && empty?.location?.line == 9)
        #expect(empty?.description.contains("an empty list") == true, "\(String(describing: empty))")

        let duplicate = error(model: "parameterization: [mup, standard, mup]")
        #expect(duplicate == .duplicate(SourceLocation(file: SpecFixtures.file, line: 9, column: 37),
                                        path: "model.parameterization[2]", value: "mup"), "\(String(describing: duplicate))")

        let onlyStandard = error(model: "parameterization: [standard]\nbase_width: 32")
        #expect(onlyStandard?.path == "model.base_width")
        #expect(onlyStandard?.description.contains("which the list does not contain") == true, "\(String(describing: onlyStandard))")

        let cnnDepth = error(model: "family: [cnn]\nparameterization: mup\ndepth: [1, 2]")
        #expect(cnnDepth?.path == "model.depth", "\(String(describing: cnnDepth))")

        let adamMomentum = error(training: "optimizer: [adam]\nmomentum: 0.5")
        #expect(adamMomentum?.path == "training.momentum", "\(String(describing: adamMomentum))")

        let oneRate = error(training: "optimizer: [sgd, adam]\nlearning_rate: 0.01")
        #expect(oneRate?.path == "training.learning_rate", "\(String(describing: oneRate))")
        #expect(oneRate?.description.contains("one rate does not suit every optimizer") == true)

        let strangeRate = error(training: "optimizer: [sgd, adam]\nlearning_rate: {rmsprop: 0.01}")
        #expect(strangeRate?.path == "training.learning_rate.rmsprop", "\(String(describing: strangeRate))")

        let listedThreads = error(training: "threads: [1, 2]")
        #expect(listedThreads?.path == "training.threads", "\(String(describing: listedThreads))")
        #expect(listedThreads?.description.contains("may be lists") == true)
    }

    @Test func equalDimensionIsBoundedByTheNarrowestFeaturesOfAnyVariant() throws {
        // The widths are 16, 32, 64: an MLP variant reads 16 features, a CNN variant 64.
        #expect(throws: Never.self) { _ = try spec(model: "family: cnn\nparameterization: mup") }
        let cnnOnly = SpecFixtures.base(replacing: "  family: mlp\n", with: "  family: [cnn]\n") + "transfer: {equal_dimension: 64}\n"
        #expect(SpecFixtures.error(cnnOnly) == nil)
        let mixed = SpecFixtures.base(replacing: "  family: mlp\n", with: "  family: [cnn, mlp]\n") + "transfer: {equal_dimension: 17}\n"
        let refused = SpecFixtures.error(mixed)
        #expect(refused?.path == "transfer.equal_dimension", "\(String(describing: refused))")
        #expect(refused?.description.contains("from 1 to 16") == true)
    }

    @Test func listingASingleValueOrAddingAValueIsAdditiveAndRemovingOneIsRefusedNamingIt() throws {
        let single = try spec(model: "parameterization: mup")
        let listed = try spec(model: "parameterization: [standard, mup]")
        guard case .additive(let added) = listed.diff(from: single) else {
            Issue.record("listing a single value should be additive: \(listed.diff(from: single))")
            return
        }
        #expect(added.count == 18 && added.allSatisfy { $0.variant == "standard" })

        let three = try spec(model: "family: [mlp, cnn]\nparameterization: [standard, mup]")
        guard case .additive(let more) = three.diff(from: listed) else {
            Issue.record("adding a family should be additive: \(three.diff(from: listed))")
            return
        }
        #expect(Set(more.map(\.variant)) == ["cnn_standard", "cnn_mup"])

        guard case .changesMeaning(let removed) = single.diff(from: listed) else {
            Issue.record("removing standard should be refused")
            return
        }
        #expect(removed == ["model.parameterization values removed: [standard] (their finished cells would no longer belong to the sweep)"])

        let rebased = try spec(model: "parameterization: [standard, mup]\nbase_width: 32")
        guard case .changesMeaning(let changed) = rebased.diff(from: listed) else {
            Issue.record("changing base_width changes the mup cells")
            return
        }
        #expect(changed == ["model.base_width changed from 64 to 32"])
        #expect(listed.diff(from: listed) == .identical)
    }
}
