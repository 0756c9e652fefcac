import Foundation
import Testing
import TestSupport

/// docs/protocol.md must be enough to write a compatible worker in another language: its §9
/// Python worker, taken verbatim from the document, runs a whole sweep against the coordinator
/// over CURVE.
@Suite(.serialized)
struct DocumentedWorkerTests {
    /// Debian's interpreter, where `python3-zmq` (installed by scripts/install-deps) lives.
    static let python = "/usr/bin/python3"

    @Test func thePythonWorkerInTheProtocolDocumentCompletesASweep() throws {
        let spec = try String(contentsOf: BuiltExecutable.packageRoot.appendingPathComponent("examples/synthetic-smoke.yaml"), encoding: .utf8)
        let fixture = try SweepFixture(spec: spec)
        let document = try String(contentsOf: BuiltExecutable.packageRoot.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
        let section = try #require(document.range(of: "## 9."), "docs/protocol.md has no §9")
        let start = try #require(document.range(of: "```python\n", range: section.upperBound..<document.endIndex))
        let end = try #require(document.range(of: "```", range: start.upperBound..<document.endIndex))
        try String(document[start.upperBound..<end.lowerBound]).write(toFile: fixture.root + "/doc_worker.py", atomically: true, encoding: .utf8)
        let runner = BuiltExecutable.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/run_documented_worker.py").path
        try FileManager.default.copyItem(atPath: runner, toPath: fixture.root + "/run_documented_worker.py")

        let keys = fixture.root + "/keys"
        for arguments in [["keys", "init", "--keys", keys], ["keys", "add", "pyworker", "--keys", keys]] {
            let run = try BuiltExecutable.coordinator.run(arguments)
            #expect(run.status == 0, "coordinator \(arguments.joined(separator: " ")): \(run.stderr)")
        }
        let endpoint = "tcp://127.0.0.1:\(SweepFixture.freePort())"
        let coordinator = try RunningProcess(.coordinator, ["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--bind", endpoint, "--keys", keys],
                                             logDirectory: fixture.logs, name: "coordinator")
        let python = try RunningProcess(
            executableURL: URL(fileURLWithPath: Self.python),
            [fixture.root + "/run_documented_worker.py", endpoint, BuiltExecutable.worker.url.path, keys + "/server.pub", keys + "/pyworker.secret"],
            logDirectory: fixture.logs, name: "python-worker")
        #expect(python.waitForExit(timeout: .seconds(120)) == 0, "the documented worker failed (is python3-zmq installed?): \(python.stderr)")
        #expect(coordinator.waitForExit(timeout: .seconds(60)) == 0, "coordinator: \(coordinator.stderr)")
        #expect(coordinator.stderr.contains("key pyworker"), "the Python worker registered under its CURVE key: \(coordinator.stderr)")
        let audit = try fixture.recordingAudit()
        #expect(audit.finishedPerKey.count == 4 && audit.finishedPerKey.values.allSatisfy { $0 == 1 })
    }
}
