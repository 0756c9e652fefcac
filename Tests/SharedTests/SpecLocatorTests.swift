import Testing
@testable import Shared

/// `SpecLocator` points a problem found after parsing at the line of the key it is about.
struct SpecLocatorTests {
    static let yaml = """
        name: x
        datasets:
          my.data: {format: idx, path: data/fashion}
        tasks:
          split:
            source: {dataset: my.data, classes: [0, 1]}
            targets:
              rest: {dataset: my.data, classes: [2, 3]}
        """

    @Test func aKeyPathIsFoundWhereItsValueIsWritten() {
        let locator = SpecLocator(yaml: Self.yaml, file: "s.yaml")
        #expect(locator.location(of: "datasets.my.data.path") == SourceLocation(file: "s.yaml", line: 3, column: 32))
        #expect(locator.location(of: "tasks.split.targets.rest") == SourceLocation(file: "s.yaml", line: 8, column: 13))
        #expect(locator.location(of: "tasks.split.source") == SourceLocation(file: "s.yaml", line: 6, column: 13))
    }

    @Test func anAbsentKeyPointsAtItsNearestWrittenAncestor() {
        let locator = SpecLocator(yaml: Self.yaml, file: "s.yaml")
        // The mapping under `split` starts where its first key is written.
        #expect(locator.location(of: "tasks.split.target_accuracy") == SourceLocation(file: "s.yaml", line: 6, column: 5))
        #expect(SpecLocator(yaml: "[", file: "s.yaml").location(of: "a.b") == SourceLocation(file: "s.yaml", line: 1, column: 1))
    }
}
