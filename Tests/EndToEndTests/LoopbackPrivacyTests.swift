import Foundation
import Glibc
import Shared
import Testing
import TestSupport
@testable import Coordinator

/// docs/protocol.md §7.4: the default setup — `coordinator run SPEC --local-workers N`, no keys
/// given — is private to the user who started it, although it listens on loopback, which every
/// user of the host can reach. Another user's process (uid 65534, `nobody`) finds the endpoint and
/// the server key in the sweep directory, but cannot read the run's client and worker keys, and
/// both its attempts — without keys, and with a key pair of its own — fail the handshake, so no
/// READY, RESULT or CANCEL of it ever reaches the coordinator. The owner, reading the same
/// files, is answered: the check can tell success from failure.
@Suite(.serialized)
struct LoopbackPrivacyTests {
    static let intruder = BuiltExecutable.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/loopback_intruder.py").path

    /// The fixture's JSON output, run by Debian's python3 (python3-zmq).
    static func intrude(_ sweep: String, as mode: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [intruder, sweep] + mode
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "loopback_intruder.py \(mode.joined(separator: " ")) failed: \(problem)")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(String(decoding: data, as: UTF8.self))")
    }

    @Test(.enabled(if: getuid() == 0, "runs a process as another user, which needs root"))
    func anotherUserCannotRegisterSubmitOrCancelOnTheDefaultSetup() throws {
        let fixture = try SweepFixture(spec: EndToEndSpecs.slowCells(name: "private", widths: [256], seeds: [0, 1, 2], maxEpochs: 60))
        // The fixture's folder must be traversable by the other user for this to test anything
        // but folder permissions: it then sees coordinator.json like any user of the host.
        chmod(fixture.root, 0o755)
        let coordinator = try RunningProcess(.coordinator, ["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--local-workers", "1"],
                                             logDirectory: fixture.logs, name: "coordinator")
        #expect(eventually(timeout: .seconds(60)) { (fixture.status()?.workers.count ?? 0) > 0 }, "no local worker joined: \(coordinator.stderr)")
        #expect(coordinator.stderr.contains("CURVE with a key pair made for this run"), "\(coordinator.stderr)")

        // A worker started by hand without keys is told why it cannot join and what to pass.
        let endpoint = try #require(try CoordinatorContact.read(from: fixture.sweepDirectory + "/coordinator.json")?.endpoint)
        let keyless = try RunningProcess(.worker, ["--connect", endpoint, "--id", "keyless"], logDirectory: fixture.logs, name: "keyless")
        #expect(eventually(timeout: .seconds(30)) { keyless.stderr.contains("this worker has no keys: pass --server-key and --key") },
                "\(keyless.stderr)")
        keyless.kill9()

        let other = try Self.intrude(fixture.sweepDirectory, as: ["--uid", "65534"])
        #expect(other["uid"] as? Int == 65534)
        #expect((other["endpoint"] as? String)?.hasPrefix("tcp://127.0.0.1:") == true, "\(other)")
        #expect(other["client_key"] as? String == "permission denied", "\(other)")
        let withoutKeys = other["without_keys"] as? [String: Any]
        #expect((withoutKeys?["handshake"] as? String)?.hasPrefix("failed") == true, "\(other)")
        #expect((withoutKeys?["replies"] as? [String])?.isEmpty == true)
        let ownKeys = other["with_own_keys"] as? [String: Any]
        #expect(ownKeys?["handshake"] as? String == "failed: authentication", "the ZAP allow-list refused it: \(other)")
        #expect((ownKeys?["replies"] as? [String])?.isEmpty == true)

        let owner = try Self.intrude(fixture.sweepDirectory, as: ["--owner"])
        let status = owner["status"] as? [String: Any]
        #expect(status?["handshake"] as? String == "succeeded", "\(owner)")
        #expect((status?["replies"] as? [String])?.contains("11") == true, "the owner got a STATUS-REPLY: \(owner)")

        #expect(coordinator.waitForExit(timeout: .seconds(240)) == 0, "not cancelled, every cell done: \(coordinator.stderr)")
        #expect(try fixture.recordingAudit().finishedPerKey.count == 3)
        #expect(!coordinator.stderr.contains("intruder"), "nothing of the intruder reached the coordinator: \(coordinator.stderr)")
        #expect(coordinator.stderr.contains("unknown CURVE key"), "the refused handshake is in the log: \(coordinator.stderr)")
    }
}
