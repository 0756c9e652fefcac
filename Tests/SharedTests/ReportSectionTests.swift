import Testing
@testable import Shared

/// The `report` section sets how the report judges results (docs/spec.md §6.5): it is checked
/// like every other section but is part of no cell key, so editing it never re-runs a cell.
struct ReportSectionTests {
    @Test func theMatchMarginDefaultsToHalfAPointAndCanBeSet() throws {
        #expect(try SpecFixtures.parse(SpecFixtures.baseYAML).report.matchMargin == 0.005)
        let spec = try SpecFixtures.parse(SpecFixtures.baseYAML + "report:\n  match_margin: 0.01\n")
        #expect(spec.report.matchMargin == 0.01)
    }

    @Test func anImpossibleMarginOrAnUnknownKeyIsAnErrorNamingTheKey() throws {
        let zero = try #require(SpecFixtures.error(SpecFixtures.baseYAML + "report:\n  match_margin: 0\n"))
        #expect(zero.description.hasSuffix("report.match_margin: expected a number in (0, 0.5], got \"0\""))
        let unknown = try #require(SpecFixtures.error(SpecFixtures.baseYAML + "report:\n  margin: 0.01\n"))
        #expect(unknown.path == "report.margin")
        #expect(unknown.description.contains("unknown key"))
    }

    @Test func theMarginIsPartOfNoCellKeyAndEditingItChangesNothing() throws {
        let before = try SpecFixtures.parse(SpecFixtures.baseYAML)
        let after = try SpecFixtures.parse(SpecFixtures.baseYAML + "report:\n  match_margin: 0.02\n")
        let cell = try #require(before.cells.first)
        #expect(before.cellKey(cell, engineVersion: "v") == after.cellKey(cell, engineVersion: "v"))
        #expect(after.diff(from: before) == .identical)
    }
}
