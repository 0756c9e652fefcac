import Datasets
import Shared
import Testing

/// `SpecDataCheck`: the problems a coordinator refuses before leasing any cell, each under the
/// spec key it is about (docs/spec.md §3, "Checked before anything starts").
struct SpecDataCheckTests {
    static func spec(_ body: String) throws -> SweepSpec {
        try SweepSpec.parse(yaml: """
            name: check
            datasets:
              four: {format: synthetic, classes: 4}
              wide: {format: synthetic, classes: 4, width: 12}
              missing: {format: idx, path: /nonexistent/fashion}
            model: {family: mlp, parameterization: standard}
            widths: [8]
            seeds: [0]
            tasks:
            \(body)
            """, file: "/p/spec.yaml")
    }

    @Test func aGoodSpecHasNoProblems() throws {
        let spec = try Self.spec("""
              t:
                source: {dataset: four, groups: {low: [0, 1], high: [2, 3]}}
                targets:
                  fine: {dataset: four, classes: all}
            """)
        #expect(SpecDataCheck.problems(in: spec).isEmpty)
    }

    @Test func eachProblemIsNamedUnderItsKey() throws {
        let spec = try Self.spec("""
              t:
                source: {dataset: four, classes: [0, 9]}
                targets:
                  other: {dataset: wide, classes: [2, 3]}
                  gone: {dataset: missing, classes: [0, 1]}
              u:
                source: {dataset: missing, classes: [1, 2]}
                targets:
                  again: {dataset: missing, classes: [1, 2]}
            """)
        let problems = SpecDataCheck.problems(in: spec)
        #expect(problems.map(\.path) == ["tasks.t.source", "tasks.t.targets.other", "datasets.missing.path"],
                "the missing dataset is reported once, however many tasks use it: \(problems)")
        #expect(problems[0].message.contains("class 9"), "\(problems[0])")
        #expect(problems[1].message.contains("source's shape"), "\(problems[1])")
        #expect(problems[2].message.contains("/nonexistent/fashion"), "\(problems[2])")
    }

    @Test func eachDatasetIsLoadedOnce() throws {
        let spec = try Self.spec("""
              t:
                source: {dataset: four, classes: [0, 1]}
                targets:
                  a: {dataset: four, classes: [2, 3]}
              u:
                source: {dataset: four, classes: [2, 3]}
                targets:
                  b: {dataset: four, classes: all}
            """)
        var loads: [String] = []
        let problems = SpecDataCheck.problems(in: spec) { source in
            loads.append(source.name)
            return try DatasetLoader.load(source)
        }
        #expect(problems.isEmpty)
        #expect(loads == ["four"])
    }
}
