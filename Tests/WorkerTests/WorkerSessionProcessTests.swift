import Foundation
import Glibc
import Testing
import TestSupport
@testable import Shared

/// The built `worker --connect` against a scripted coordinator: a ROUTER in this test that plays
/// the dialogs of docs/protocol.md §3 over loopback. Every wait is a bounded poll, so a broken
/// worker fails the test instead of hanging it.
@Suite(.serialized) struct WorkerSessionProcessTests {
    typealias Dialog = WorkerSessionDialog

    static let welcome = CoordinatorMessage.welcome(
        SessionParameters(heartbeatMilliseconds: 1000, liveness: 5, leaseMilliseconds: 120_000, sweep: "smoke",
                          engineVersion: WidthsweepVersion.engine))

    static func smokeAssign(lease: String = "00000000000000a1") throws -> (key: String, message: CoordinatorMessage) {
        let path = BuiltExecutable.packageRoot.appendingPathComponent("examples/synthetic-smoke.yaml")
        let spec = try SweepSpec.load(path: path.path)
        let cell = CellCoordinate(width: 4, seed: 0, task: "split")
        let material = spec.cellKeyMaterial(cell, engineVersion: WidthsweepVersion.engine)
        let key = SHA256.hexDigest(of: material)
        let assignment = CellAssignment(cell: cell, keyMaterial: material, specYAML: try String(contentsOf: path, encoding: .utf8),
                                        leaseMilliseconds: 120_000)
        return (key, .assign(leaseId: lease, cellKey: key, attempt: 1, cell: assignment))
    }

    @Test func aWorkerRegistersRunsTheAssignedCellReturnsItsResultAndExitsOnDone() throws {
        let dialog = try Dialog()
        // §3.1: READY, WELCOME, REQUEST, ASSIGN, PROGRESS…, RESULT, ACK, DISCONNECT done.
        guard case let .ready(id, capabilities) = try dialog.next() else { throw DialogFailure("expected READY") }
        #expect(id == "test:1")
        #expect(capabilities.slots == 1 && capabilities.engineVersion == WidthsweepVersion.engine)
        try dialog.send(Self.welcome)
        #expect(try dialog.next() == .request(n: 1))
        let (key, assign) = try Self.smokeAssign()
        try dialog.send(assign)
        var progress: [ProgressReport] = []
        guard case let .result(delivery) = try dialog.nextSkippingProgress(&progress) else { throw DialogFailure("expected RESULT") }
        #expect(delivery.cellKey == key && delivery.leaseId == "00000000000000a1" && delivery.attempt == 1)
        #expect(delivery.result.cell == CellCoordinate(width: 4, seed: 0, task: "split"))
        #expect(!progress.isEmpty)
        try dialog.send(.ack(cellKey: key, attempt: 1, status: .accepted, detail: ""))
        // The slot is free again.
        #expect(try dialog.nextSkippingProgress(&progress) == .request(n: 1))
        try dialog.send(.disconnect(reason: "done", detail: ""))
        let (status, log) = dialog.finish()
        #expect(status == 0, "\(log)")
        #expect(log.contains("worker: split/w4/s0: training split/w4/s0"), "\(log)")
        #expect(log.contains("sweep done"))
    }

    @Test func ctrlCOnAnIdleWorkerSendsDisconnectShutdownAndExitsZero() throws {
        let dialog = try Dialog()
        guard case .ready = try dialog.next() else { throw DialogFailure("expected READY") }
        try dialog.send(Self.welcome)
        #expect(try dialog.next() == .request(n: 1))
        // §3.6: a Ctrl-C reaches the worker (its cells have their own process group).
        kill(dialog.process.processIdentifier, SIGINT)
        var progress: [ProgressReport] = []
        #expect(try dialog.nextSkippingProgress(&progress) == .disconnect(reason: "shutdown", detail: "drained"))
        let (status, log) = dialog.finish()
        #expect(status == 0, "\(log)")
    }

    @Test func garbageFromTheCoordinatorIsDroppedWithALogLine() throws {
        let dialog = try Dialog()
        guard case .ready = try dialog.next() else { throw DialogFailure("expected READY") }
        try dialog.sendRaw([Array("WSP02".utf8), [0x0A], Array("{}".utf8)])
        try dialog.send(Self.welcome)
        #expect(try dialog.next() == .request(n: 1))
        try dialog.send(.disconnect(reason: "quarantined", detail: "4 failures in a row"))
        let (status, log) = dialog.finish()
        #expect(status == 1)
        #expect(log.contains("dropped invalid message from the coordinator: message: frame 0 is not the tag WSP01"), "\(log)")
        #expect(log.contains("quarantined by the coordinator after repeated failures: 4 failures in a row"))
    }

    @Test func curveNeedsBothKeyFilesOrNeither() throws {
        let run = try BuiltExecutable.worker.run(["--connect", "tcp://127.0.0.1:1", "--server-key", "server.pub"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--server-key and --key go together"), "\(run.stderr)")
    }

    @Test func connectOptionsAreCheckedBeforeConnecting() throws {
        let slots = try BuiltExecutable.worker.run(["--connect", "tcp://127.0.0.1:1", "--slots", "0"])
        #expect(slots.status != 0)
        #expect(slots.stderr.contains("--slots must be in 1...256"), "\(slots.stderr)")
        let id = try BuiltExecutable.worker.run(["--connect", "tcp://127.0.0.1:1", "--id", "no spaces"])
        #expect(id.status != 0)
        #expect(id.stderr.contains("--id 'no spaces'"), "\(id.stderr)")
        let stray = try BuiltExecutable.worker.run(["--slots", "2"])
        #expect(stray.status != 0)
        #expect(stray.stderr.contains("--slots needs --connect"), "\(stray.stderr)")
    }
}
