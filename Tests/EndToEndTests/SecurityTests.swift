import Foundation
import Testing
import TestSupport

/// docs/protocol.md §7 with real processes: with keys, a worker whose key is not on the
/// allow-list gets nothing, while an allowed one runs the sweep.
@Suite(.serialized)
struct SecurityTests {
    @Test func aWorkerWithAnUnknownKeyGetsNoWorkWhileAnAllowedOneFinishesTheSweep() throws {
        let spec = try String(contentsOf: BuiltExecutable.packageRoot.appendingPathComponent("examples/synthetic-smoke.yaml"), encoding: .utf8)
        let fixture = try SweepFixture(spec: spec)
        let keys = fixture.root + "/keys", strangerKeys = fixture.root + "/stranger-keys"
        for arguments in [["keys", "init", "--keys", keys], ["keys", "add", "good", "--keys", keys],
                          ["keys", "init", "--keys", strangerKeys], ["keys", "add", "stranger", "--keys", strangerKeys]] {
            let run = try BuiltExecutable.coordinator.run(arguments)
            #expect(run.status == 0, "coordinator \(arguments.joined(separator: " ")): \(run.stderr)")
        }
        let endpoint = "tcp://127.0.0.1:\(SweepFixture.freePort())"
        let coordinator = try RunningProcess(.coordinator, ["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--bind", endpoint, "--keys", keys],
                                             logDirectory: fixture.logs, name: "coordinator")
        // The stranger knows the server's public key but its own key is not allowed.
        let stranger = try RunningProcess(.worker, ["--connect", endpoint, "--id", "stranger", "--server-key", keys + "/server.pub",
                                                    "--key", strangerKeys + "/stranger.secret"], logDirectory: fixture.logs, name: "stranger")
        #expect(eventually(timeout: .seconds(20)) { fixture.status() != nil }, "status never answered: \(coordinator.stderr)")
        // The refusal itself is the event to wait for: the ZAP handler's decision, as logged.
        #expect(eventually(timeout: .seconds(30)) { coordinator.stderr.contains("CURVE handshake") },
                "the stranger's handshake was never refused: \(coordinator.stderr)")
        #expect(coordinator.stderr.contains("unknown CURVE key"), "\(coordinator.stderr)")
        let early = try #require(fixture.status())
        #expect(early.workers.isEmpty, "the stranger registered: \(early.workers)")
        #expect(early.cells.running == 0 && early.cells.finished == 0)

        let good = try RunningProcess(.worker, ["--connect", endpoint, "--id", "good", "--server-key", keys + "/server.pub",
                                                "--key", keys + "/good.secret"], logDirectory: fixture.logs, name: "good")
        #expect(coordinator.waitForExit(timeout: .seconds(120)) == 0, "coordinator: \(coordinator.stderr)")
        #expect(good.waitForExit(timeout: .seconds(20)) == 0, "good worker: \(good.stderr)")
        #expect(stranger.isRunning, "the stranger learns nothing, not even that the sweep ended")
        stranger.kill9()
        #expect(!coordinator.stderr.contains("stranger"), "no message from the stranger reached the coordinator: \(coordinator.stderr)")
        #expect(try fixture.recordingAudit().finishedPerKey.count == 4)
    }

    /// §7.4: binding anything but loopback without keys needs an explicit --insecure.
    @Test func aNonLoopbackBindWithoutKeysIsRefusedUnlessInsecure() throws {
        let spec = try String(contentsOf: BuiltExecutable.packageRoot.appendingPathComponent("examples/synthetic-smoke.yaml"), encoding: .utf8)
        let fixture = try SweepFixture(spec: spec)
        let noKeys = fixture.root + "/no-keys"
        let refused = try BuiltExecutable.coordinator.run(["run", fixture.specPath, "--dir", fixture.sweepDirectory,
                                                           "--bind", "tcp://0.0.0.0:\(SweepFixture.freePort())", "--keys", noKeys])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--insecure") && refused.stderr.contains("keys init"), "the refusal says what to do: \(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.sweepDirectory + "/journal.sqlite"), "nothing was started")

        let allowed = try BuiltExecutable.coordinator.run(["run", fixture.specPath, "--dir", fixture.sweepDirectory,
                                                           "--bind", "tcp://0.0.0.0:\(SweepFixture.freePort())", "--keys", noKeys,
                                                           "--insecure", "--local-workers", "2"])
        #expect(allowed.status == 0, "with --insecure the sweep runs: \(allowed.stderr)")
    }
}
