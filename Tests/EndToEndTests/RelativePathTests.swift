import Foundation
import Testing
import TestSupport

/// docs/spec.md §3: a relative dataset `path` is relative to the spec file's directory, for the
/// coordinator and for every worker — local ones and one started elsewhere — whatever their
/// working directories (docs/protocol.md §2.4 ASSIGN: `spec_yaml` carries absolute paths).
@Suite(.serialized)
struct RelativePathTests {
    /// Debian's dataset-fashion-mnist, which scripts/install-deps installs.
    static let fashion = "/usr/share/datasets/fashion-mnist"

    /// A spec in its own folder whose dataset sits beside it as `data/fashion` (a link to the
    /// installed files: paths are resolved lexically, so the key names the link), and two other
    /// folders to start processes in.
    static func layout() throws -> (spec: String, root: URL, elsewhere: URL, third: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("widthsweep-relative-\(UUID().uuidString)")
        let project = root.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: project.appendingPathComponent("data"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("data/fashion").path,
                                                   withDestinationPath: fashion)
        let spec = """
            name: relative
            datasets:
              fashion: {format: idx, path: data/fashion}   # beside this file
            model: {family: mlp, parameterization: standard}
            widths: [8, 16]
            seeds: [0]
            tasks:
              split:
                source: {dataset: fashion, classes: [0, 1, 2, 3, 4]}
                targets:
                  rest: {dataset: fashion, classes: [5, 6, 7, 8, 9]}
            training: {max_epochs: 1, train_examples: 2000}
            metrics: {probe_examples: 500, fit_examples: 500}
            transfer: {budgets: [10]}
            """
        try spec.write(to: project.appendingPathComponent("sweep.yaml"), atomically: true, encoding: .utf8)
        let elsewhere = root.appendingPathComponent("elsewhere"), third = root.appendingPathComponent("third")
        for folder in [elsewhere, third] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        return (project.appendingPathComponent("sweep.yaml").path, root, elsewhere, third)
    }

    @Test func aRelativeDatasetPathWorksForLocalWorkersFromAnotherWorkingDirectory() throws {
        try #require(FileManager.default.fileExists(atPath: Self.fashion), "dataset-fashion-mnist is not installed")
        let layout = try Self.layout()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let run = try BuiltExecutable.coordinator.run(["run", "../project/sweep.yaml", "--dir", "sweep", "--local-workers", "1"],
                                                      in: layout.elsewhere)
        #expect(run.status == 0, "coordinator run failed: \(run.stderr)")
        #expect(run.stdout.contains("2 finished, 0 failed"), "\(run.stdout)")
        // What the sweep records and sends names the data by its absolute path.
        let recorded = try String(contentsOfFile: layout.elsewhere.appendingPathComponent("sweep/spec.yaml").path, encoding: .utf8)
        let absolute = layout.root.appendingPathComponent("project/data/fashion").standardizedFileURL.path
        #expect(recorded.contains("path: \"\(absolute)\""), "\(recorded)")
        #expect(recorded.contains("# beside this file"), "the rest of the file is kept as written")
        // A resume from a third directory reads the recorded spec and finds nothing changed.
        let again = try BuiltExecutable.coordinator.run(["run", layout.spec, "--dir", layout.elsewhere.appendingPathComponent("sweep").path,
                                                         "--local-workers", "1"], in: layout.third)
        #expect(again.status == 0, "resume failed: \(again.stderr)")
        #expect(again.stderr.contains("2 finished, 0 failed, 0 to run"), "\(again.stderr)")
    }

    @Test func aRelativeDatasetPathWorksForAWorkerStartedInAThirdDirectory() throws {
        try #require(FileManager.default.fileExists(atPath: Self.fashion), "dataset-fashion-mnist is not installed")
        let layout = try Self.layout()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let logs = layout.root.path
        let endpoint = "tcp://127.0.0.1:\(SweepFixture.freePort())"
        let coordinator = try RunningProcess(.coordinator, ["run", "../project/sweep.yaml", "--dir", "sweep", "--insecure", "--bind", endpoint],
                                             logDirectory: logs, name: "coordinator", directory: layout.elsewhere)
        let worker = try RunningProcess(.worker, ["--connect", endpoint, "--id", "third"], logDirectory: logs, name: "worker",
                                        directory: layout.third)
        #expect(coordinator.waitForExit(timeout: .seconds(180)) == 0, "coordinator: \(coordinator.stderr)")
        #expect(coordinator.stdout.contains("2 finished, 0 failed"), "\(coordinator.stdout)\nworker: \(worker.stderr)")
        #expect(!worker.stderr.contains("key-mismatch"), "\(worker.stderr)")
        _ = worker.waitForExit(timeout: .seconds(20))
    }
}
