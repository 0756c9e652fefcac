import Foundation
import Testing
@testable import Shared

/// `SweepSpec.resolvingRelativePaths`: the text a coordinator records and sends has every
/// relative dataset path made absolute against the spec file's directory, and nothing else
/// changed, so it means the same wherever it is parsed (docs/spec.md §3, docs/protocol.md §2.4).
struct ResolvedPathsTests {
    static let yaml = """
        name: paths   # a comment that must survive
        datasets:
          plain:
            format: idx
            path: data/fashion
          quoted: {format: digits-csv, path: "../shared/digits é.csv.gz"}
          single: {format: cifar10, path: 'cifar ''10'''}
          absolute: {format: idx, path: /usr/share/datasets/fashion-mnist}
          generated: {format: synthetic}
        model: {family: mlp, parameterization: mup}
        widths: [16]
        seeds: [0]
        tasks:
          split:
            source: {dataset: plain, classes: [0, 1]}
            targets:
              a: {dataset: quoted, classes: [0, 1]}
              b: {dataset: single, classes: [0, 1]}
              c: {dataset: absolute, classes: [0, 1]}
        """

    @Test func relativePathsBecomeAbsoluteAndEverythingElseStaysAsWritten() throws {
        let resolved = try SweepSpec.resolvingRelativePaths(yaml: Self.yaml, file: "/home/u/project/sweep.yaml")
        let expected = Self.yaml
            .replacingOccurrences(of: "path: data/fashion", with: "path: \"/home/u/project/data/fashion\"")
            .replacingOccurrences(of: "path: \"../shared/digits é.csv.gz\"", with: "path: \"/home/u/shared/digits é.csv.gz\"")
            .replacingOccurrences(of: "path: 'cifar ''10'''", with: "path: \"/home/u/project/cifar '10'\"")
        #expect(resolved == expected)
    }

    @Test func theResolvedTextMeansTheSameWhereverItIsParsed() throws {
        let original = try SweepSpec.parse(yaml: Self.yaml, file: "/home/u/project/sweep.yaml")
        let resolved = try SweepSpec.resolvingRelativePaths(yaml: Self.yaml, file: "/home/u/project/sweep.yaml")
        // A worker's lease folder, a sweep directory: other places, the same spec and keys.
        for place in ["/tmp/lease-0123/spec.yaml", "/srv/sweeps/paths/spec.yaml"] {
            let elsewhere = try SweepSpec.parse(yaml: resolved, file: place)
            #expect(elsewhere == original)
            #expect(elsewhere.cellKeys(engineVersion: "t") == original.cellKeys(engineVersion: "t"))
        }
        // The unresolved text parsed elsewhere would not: the bug this prevents.
        #expect(try SweepSpec.parse(yaml: Self.yaml, file: "/tmp/lease-0123/spec.yaml") != original)
        // Resolving twice changes nothing more.
        #expect(try SweepSpec.resolvingRelativePaths(yaml: resolved, file: "/elsewhere/spec.yaml") == resolved)
    }

    @Test func aPathThatCannotBeRewrittenOnOneLineIsRefusedWithItsLocation() {
        let folded = Self.yaml.replacingOccurrences(of: "    path: data/fashion", with: "    path: >\n      data/fashion")
        #expect(throws: SpecError.self) { try SweepSpec.resolvingRelativePaths(yaml: folded, file: "/p/s.yaml") }
        do {
            _ = try SweepSpec.resolvingRelativePaths(yaml: folded, file: "/p/s.yaml")
        } catch let error as SpecError {
            #expect(error.path == "datasets.plain.path" && error.location?.line == 5, "\(error)")
        } catch {
            Issue.record("\(error)")
        }
        // A spec the parser refuses is refused with the parser's error.
        #expect(throws: SpecError.self) { try SweepSpec.resolvingRelativePaths(yaml: "name: [", file: "/p/s.yaml") }
    }
}
