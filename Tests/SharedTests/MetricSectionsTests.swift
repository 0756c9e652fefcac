import Testing
@testable import Shared

/// docs/spec.md: the `transfer` and `metrics` sections.
@Suite struct MetricSectionsTests {
    @Test func leftOutTheyTakeTheDocumentedDefaults() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.baseYAML)
        #expect(spec.transfer.budgets == [.perClass(10), .perClass(100), .all])
        #expect(spec.transfer.l2Grid.count == 7)
        #expect(spec.metrics == MetricsSection(probeExamples: 5000, fitExamples: 5000, directions: nil))
    }

    @Test func budgetsMixCountsAndAll() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.baseYAML + "transfer:\n  budgets: [5, all]\n  l2_grid: [0.01]\n")
        #expect(spec.transfer.budgets == [.perClass(5), .all])
        #expect(spec.transfer.l2Grid == [0.01])
    }

    @Test(arguments: [
        ("transfer:\n  budgets: [10, 10]\n", "transfer.budgets[1]"),
        ("transfer:\n  budgets: [0]\n", "transfer.budgets[0]"),
        ("transfer:\n  budgets: []\n", "transfer.budgets"),
        ("transfer:\n  l2_grid: [-1]\n", "transfer.l2_grid[0]"),
        ("transfer:\n  solver: newton\n", "transfer.solver"),
        ("metrics:\n  probe_examples: 10\n", "metrics.probe_examples"),
        ("metrics:\n  directions: 0\n", "metrics.directions"),
        ("metrics:\n  directions: many\n", "metrics.directions"),
        ("transfer:\n  equal_dimension: 0\n", "transfer.equal_dimension"),
        ("transfer:\n  equal_dimension: 17\n", "transfer.equal_dimension"),   // the smallest width is 16
    ])
    func badValuesNameTheirKey(_ yaml: String, _ path: String) {
        let error = SpecFixtures.error(SpecFixtures.baseYAML + yaml)
        #expect(error?.path == path, "\(String(describing: error))")
        #expect((error?.location?.line ?? 0) >= 21)
    }

    @Test func changingABudgetChangesEveryKey() throws {
        let a = try SpecFixtures.parse(SpecFixtures.baseYAML)
        let b = try SpecFixtures.parse(SpecFixtures.baseYAML + "transfer:\n  budgets: [10, all]\n")
        let cell = a.cells[0]
        #expect(a.cellKey(cell, engineVersion: "t") != b.cellKey(cell, engineVersion: "t"))
        guard case .changesMeaning(let changes) = b.diff(from: a) else {
            Issue.record("a budget edit must change meaning")
            return
        }
        #expect(changes.contains { $0.contains("transfer.budgets") })
    }

    /// `equal_dimension` is off unless set, adds to the key only when set (so specs without it keep
    /// their keys byte for byte), may be any K up to the smallest width, and says why it stops there.
    @Test func equalDimensionIsBoundedByTheSmallestWidthAndKeyedOnlyWhenSet() throws {
        let off = try SpecFixtures.parse(SpecFixtures.baseYAML)
        #expect(off.transfer.equalDimension == nil)
        let on = try SpecFixtures.parse(SpecFixtures.baseYAML + "transfer:\n  equal_dimension: 16\n")
        #expect(on.transfer.equalDimension == 16)
        let cell = off.cells[0]
        #expect(!off.cellKeyMaterial(cell, engineVersion: "t").contains("equal_dimension"))
        #expect(on.cellKeyMaterial(cell, engineVersion: "t").contains(#""equal_dimension":16"#))
        #expect(off.cellKey(cell, engineVersion: "t") != on.cellKey(cell, engineVersion: "t"))
        let error = SpecFixtures.error(SpecFixtures.baseYAML + "transfer:\n  equal_dimension: 17\n")
        #expect(error.map { "\($0)" }?.contains("an integer from 1 to 16, the smallest feature width") == true,
                "\(String(describing: error))")
    }
}
