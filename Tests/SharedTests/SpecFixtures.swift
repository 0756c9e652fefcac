import Foundation
@testable import Shared

/// Spec texts shared by the spec tests. Line numbers in error tests refer to `baseYAML`.
enum SpecFixtures {
    /// A complete spec with every optional key left out (all defaults). Lines: 1 name,
    /// 2 datasets, 7 model, 8 family, 9 parameterization, 10 widths, 11 seeds, 12 tasks,
    /// 14 coarse source, 18 split source, 20 second_half; appended text starts on line 21.
    static let baseYAML = """
        name: fashion-width
        datasets:
          fashion:
            format: idx
            path: /usr/share/datasets/fashion-mnist
          unused: {format: synthetic}
        model:
          family: mlp
          parameterization: mup
        widths: [16, 32, 64]
        seeds: [0, 1, 2]
        tasks:
          coarse_to_fine:
            source: {dataset: fashion, groups: {tops: [0, 2, 3, 4, 6], footwear: [5, 7, 9], other: [1, 8]}}
            targets:
              fine: {dataset: fashion, classes: all}
          split:
            source: {dataset: fashion, classes: [0, 1, 2, 3, 4]}
            targets:
              second_half: {dataset: fashion, classes: [5, 6, 7, 8, 9]}

        """

    static let file = "/specs/sweep.yaml"

    /// Parses `yaml` as if read from `file`.
    static func parse(_ yaml: String) throws -> SweepSpec {
        try SweepSpec.parse(yaml: yaml, file: file)
    }

    /// `baseYAML` with `old` replaced by `new` (which must occur).
    static func base(replacing old: String, with new: String) -> String {
        precondition(baseYAML.contains(old), "fixture does not contain \(old)")
        return baseYAML.replacingOccurrences(of: old, with: new)
    }

    /// `baseYAML` with a `training` section holding `lines` (each indented two spaces).
    static func base(training lines: String...) -> String {
        baseYAML + "training:\n" + lines.map { "  \($0)\n" }.joined()
    }

    /// The `SpecError` that parsing `yaml` throws, or nil if it parses (or throws anything else).
    static func error(_ yaml: String) -> SpecError? {
        do {
            _ = try parse(yaml)
            return nil
        } catch let error as SpecError {
            return error
        } catch {
            return nil
        }
    }
}
