import Foundation
import Shared
import Testing
import TestSupport
@testable import Coordinator

/// docs/protocol.md §5.4 step 3: artifacts that come with a RESULT are written to
/// `artifacts/<cell key>/<name>` and recorded in the journal with their size and SHA-256 before
/// the ACK. The worker here is the test itself, speaking WSP/1 through the transport, so it can
/// attach an artifact the real worker does not produce yet.
@Suite(.serialized)
struct ArtifactDeliveryTests {
    @Test func artifactsOfAResultAreStoredUnderTheCellKeyAndJournaledBeforeTheAck() throws {
        let spec = try String(contentsOf: BuiltExecutable.packageRoot.appendingPathComponent("examples/synthetic-smoke.yaml"), encoding: .utf8)
        let fixture = try SweepFixture(spec: spec)
        let endpoint = "tcp://127.0.0.1:\(SweepFixture.freePort())"
        let coordinator = try RunningProcess(.coordinator, ["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--insecure", "--bind", endpoint],
                                             logDirectory: fixture.logs, name: "coordinator")
        let context = try ZMQContext()
        defer { context.terminate() }
        let socket = try ZMQSocket(context: context, kind: .dealer)
        defer { socket.close() }
        try socket.setOption(ZMQOption.linger, 0)
        try socket.connect(endpoint)
        func receive() throws -> CoordinatorMessage? {
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline {
                let ready = try ZMQPoll.waitReadable(sockets: [socket], fileDescriptors: [], timeoutMilliseconds: 200)
                if ready.sockets[0], let message = try socket.receive(), let decoded = try? WireCodec.decodeFromCoordinator(message.frames) {
                    if case .heartbeat = decoded { continue }
                    return decoded
                }
            }
            return nil
        }
        let capabilities = WorkerCapabilities(slots: 1, threads: 1, host: "test", engineVersion: WidthsweepVersion.engine)
        try socket.send(WireCodec.encode(.ready(workerId: "artifact-test", capabilities: capabilities)), dontWait: false)
        guard case .welcome? = try receive() else { Issue.record("no WELCOME: \(coordinator.stderr)"); return }

        var stored: [(key: String, bytes: [UInt8])] = []
        for index in 0..<4 {
            try socket.send(WireCodec.encode(.request(n: 1)), dontWait: false)
            guard case .assign(let lease, let key, let attempt, let cell)? = try receive() else {
                Issue.record("no ASSIGN for cell \(index): \(coordinator.stderr)"); return
            }
            let output = fixture.root + "/result-\(index).json"
            let train = try BuiltExecutable.worker.run(["train", fixture.specPath, "--width", "\(cell.cell.width)", "--seed", "\(cell.cell.seed)",
                                                        "--task", cell.cell.task, "--output", output, "--quiet"])
            #expect(train.status == 0, "worker train: \(train.stderr)")
            let result = try JSONDecoder().decode(CellResult.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
            let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
            let delivery = try ResultDelivery(leaseId: lease, cellKey: key, attempt: attempt, result: result,
                                              artifacts: [.init(name: "atlas.png", data: bytes)])
            try socket.send(WireCodec.encode(.result(delivery)), dontWait: false)
            guard case .ack(let ackKey, _, let status, _)? = try receive() else { Issue.record("no ACK"); return }
            #expect(ackKey == key && status == .accepted)
            // The ACK means the file and its journal row are already durable.
            let path = fixture.sweepDirectory + "/artifacts/\(key)/atlas.png"
            #expect(FileManager.default.contents(atPath: path).map(Array.init) == bytes, "artifact not at \(path)")
            stored.append((key, bytes))
        }
        #expect(coordinator.waitForExit(timeout: .seconds(20)) == 0, "coordinator: \(coordinator.stderr)")
        let journal = try Journal.open(directory: fixture.sweepDirectory)
        defer { journal.close() }
        for (key, bytes) in stored {
            let records = try journal.artifacts(forKey: key)
            #expect(records == [ArtifactRecord(name: "atlas.png", size: bytes.count, sha256: SHA256.hex(SHA256.hash(bytes)))])
        }
    }
}
