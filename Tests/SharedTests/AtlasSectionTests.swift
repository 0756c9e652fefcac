import Testing
@testable import Shared

/// The `atlas` section: which cells draw atlases, what its mistakes say, and which cell keys it
/// touches (only the selected cells', so adding atlases to a finished sweep re-runs nothing else).
struct AtlasSectionTests {
    private func spec(_ atlas: String) throws -> SweepSpec {
        try SpecFixtures.parse(SpecFixtures.baseYAML + atlas)
    }

    private func message(_ yaml: String) -> String {
        SpecFixtures.error(SpecFixtures.baseYAML + yaml)?.description ?? "(parsed without error)"
    }

    @Test func anAbsentSectionDrawsNoAtlas() throws {
        let plain = try SpecFixtures.parse(SpecFixtures.baseYAML)
        #expect(plain.atlas == nil)
        #expect(!plain.cells.contains { plain.drawsAtlas(task: $0.task, seed: $0.seed) })
    }

    @Test func anEmptySectionSelectsTheFirstSeedOfEveryTaskWithDefaults() throws {
        let s = try spec("atlas: {}\n")
        #expect(s.atlas == AtlasSection(seeds: [0]))
        #expect(s.atlas?.examples == 10_000 && s.atlas?.grid == 20 && s.atlas?.minPoints == 10)
        let selected = s.cells.filter { s.drawsAtlas(task: $0.task, seed: $0.seed) }
        #expect(selected.count == 6)   // 3 widths × 2 tasks, seed 0
        #expect(selected.allSatisfy { $0.seed == 0 })
    }

    @Test func seedsAndTasksNarrowTheSelection() throws {
        let s = try spec("atlas:\n  seeds: [1, 2]\n  tasks: [split]\n  grid: 12\n  steps: 64\n")
        let selected = s.cells.filter { s.drawsAtlas(task: $0.task, seed: $0.seed) }
        #expect(Set(selected.map(\.seed)) == [1, 2])
        #expect(Set(selected.map(\.task)) == ["split"])
        #expect(s.atlas?.grid == 12 && s.atlas?.steps == 64)
    }

    @Test func aSeedOrTaskOutsideTheSweepIsNamed() {
        #expect(message("atlas:\n  seeds: [0, 7]\n")
            == #"/specs/sweep.yaml:22:14: atlas.seeds[1]: expected one of the sweep's seeds 0, 1, 2, got "7""#)
        #expect(message("atlas:\n  tasks: [splt]\n")
            == #"/specs/sweep.yaml:22:11: atlas.tasks[0]: expected one of the tasks coarse_to_fine, split, got "splt""#)
    }

    @Test func impossibleSettingsAndUnknownKeysAreRefused() {
        #expect(message("atlas:\n  grid: 1\n").contains("atlas.grid: expected an integer in 2…64"))
        #expect(message("atlas:\n  examples: 50\n").contains("atlas.examples: expected an integer in 200…1,000,000"))
        #expect(message("atlas:\n  restarts: 0\n").contains("atlas.restarts: expected an integer in 1…16"))
        #expect(message("atlas:\n  grids: 20\n").contains("atlas.grids: unknown key, did you mean grid?"))
    }

    @Test func onlySelectedCellsChangeKeyAndTheirMaterialNamesTheSettings() throws {
        let plain = try SpecFixtures.parse(SpecFixtures.baseYAML)
        let withAtlas = try spec("atlas:\n  seeds: [1]\n  grid: 16\n")
        for cell in plain.cells {
            let before = plain.cellKey(cell, engineVersion: "v"), after = withAtlas.cellKey(cell, engineVersion: "v")
            #expect((before != after) == (cell.seed == 1), "\(cell)")
        }
        let material = withAtlas.cellKeyMaterial(CellCoordinate(width: 16, seed: 1, task: "split"), engineVersion: "v")
        #expect(material.contains(#""atlas":{"examples":10000,"grid":16,"#))
        #expect(!withAtlas.cellKeyMaterial(CellCoordinate(width: 16, seed: 0, task: "split"), engineVersion: "v")
            .contains(#""atlas""#))
    }

    @Test func theFastKeyPathsAgreeWithCellKeyCellByCell() throws {
        let s = try spec("atlas:\n  seeds: [0, 2]\n  tasks: [coarse_to_fine]\n")
        let keys = s.cellKeys(engineVersion: "v")
        let rows = s.cellKeysAndMaterial(engineVersion: "v")
        #expect(rows.count == s.cells.count)
        for row in rows {
            #expect(row.key == s.cellKey(row.cell, engineVersion: "v"))
            #expect(row.material == s.cellKeyMaterial(row.cell, engineVersion: "v"))
            #expect(keys[row.cell] == row.key)
        }
    }

    @Test func addingAtlasesChangesMeaningAndSaysSo() throws {
        let old = try SpecFixtures.parse(SpecFixtures.baseYAML)
        let change = try spec("atlas:\n  seeds: [2]\n").diff(from: old)
        guard case .changesMeaning(let lines) = change else { Issue.record("got \(change)"); return }
        #expect(lines.contains { $0.hasPrefix("atlas") }, "\(lines)")
    }

    @Test func atlasesForANewSeedKeepTheEditAdditive() throws {
        // Seed 3 is new, so selecting it for atlases cannot change a finished cell.
        let old = try SpecFixtures.parse(SpecFixtures.base(replacing: "seeds: [0, 1, 2]", with: "seeds: [0, 1, 2]")
                                         + "atlas:\n  seeds: [0]\n")
        let new = try SpecFixtures.parse(SpecFixtures.base(replacing: "seeds: [0, 1, 2]", with: "seeds: [0, 1, 2, 3]")
                                         + "atlas:\n  seeds: [0, 3]\n")
        guard case .additive(let cells) = new.diff(from: old) else { Issue.record("got \(new.diff(from: old))"); return }
        #expect(cells.allSatisfy { $0.seed == 3 } && cells.count == 6)
    }
}
