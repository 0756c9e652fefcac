import Foundation
import Glibc
import Testing
import TestSupport
@testable import Shared

/// `worker --connect … --server-key FILE --key FILE` against a CURVE ROUTER with a ZAP handler
/// (docs/protocol.md §7.1–§7.3, §7.5).
@Suite(.serialized) struct WorkerSessionCurveTests {
    /// Key files for a server and a worker in a fresh folder, and the worker's allow-list entry.
    struct Keys {
        let server: CurveKeyPair
        let worker: CurveKeyPair
        let directory: String

        init() throws {
            server = try CurveKeyPair.generate()
            worker = try CurveKeyPair.generate()
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("curve-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try KeyFiles.write(server, directory: directory, name: "server")
            try KeyFiles.write(worker, directory: directory, name: "w1")
        }

        func workerArguments(serverKey: String = "server.pub") -> [String] {
            ["--id", "test:curve", "--server-key", directory + "/" + serverKey, "--key", directory + "/w1.secret"]
        }
    }

    @Test func aWorkerWithItsKeysRegistersUnderItsKeyName() throws {
        let keys = try Keys()
        defer { try? FileManager.default.removeItem(atPath: keys.directory) }
        var handler: ZAPAuthenticator?
        let dialog = try WorkerSessionDialog(arguments: { _ in keys.workerArguments() }) { context, router in
            handler = ZAPAuthenticator(context: context, domain: "widthsweep",
                                       allowList: [AuthorizedPeer(publicKey: keys.worker.publicKey, role: .worker, name: "w1")])
            try handler?.start()
            try router.makeCurveServer(secretKey: keys.server.secretKey, zapDomain: "widthsweep")
        }
        defer { handler?.stop() }
        guard case let .ready(id, _) = try dialog.next() else { throw DialogFailure("expected READY") }
        #expect(id == "test:curve")
        #expect(dialog.userId == "worker:w1")
        try dialog.send(.welcome(SessionParameters(sweep: "s", engineVersion: WidthsweepVersion.engine)))
        #expect(try dialog.next() == .request(n: 1))
        try dialog.send(.disconnect(reason: "done", detail: ""))
        let (status, log) = dialog.finish()
        #expect(status == 0, "\(log)")
    }

    @Test func aWorkerHoldingTheWrongServerKeySaysSoWhenItGivesUpOnTheSocket() throws {
        let keys = try Keys()
        defer { try? FileManager.default.removeItem(atPath: keys.directory) }
        // The worker is given another server's public key.
        try KeyFiles.write(try CurveKeyPair.generate(), directory: keys.directory, name: "other")
        var handler: ZAPAuthenticator?
        let dialog = try WorkerSessionDialog(arguments: { _ in keys.workerArguments(serverKey: "other.pub") }) { context, router in
            handler = ZAPAuthenticator(context: context, domain: "widthsweep",
                                       allowList: [AuthorizedPeer(publicKey: keys.worker.publicKey, role: .worker, name: "w1")])
            try handler?.start()
            try router.makeCurveServer(secretKey: keys.server.secretKey, zapDomain: "widthsweep")
        }
        defer { handler?.stop() }
        // §7.5: nothing reaches the coordinator; after liveness × interval the worker names the likely cause.
        try dialog.waitForLog(containing: "the CURVE handshake with \(dialog.endpoint) never completed: is --server-key the coordinator's public key?")
        kill(dialog.process.processIdentifier, SIGTERM)
        let (status, _) = dialog.finish()
        #expect(status == 0)
        #expect(try ZMQPoll.waitReadable(sockets: [dialog.router], fileDescriptors: [], timeoutMilliseconds: 0).sockets == [false])
    }

    @Test func aSecretKeyFileReadableByOthersIsRefusedBeforeConnecting() throws {
        let keys = try Keys()
        defer { try? FileManager.default.removeItem(atPath: keys.directory) }
        chmod(keys.directory + "/w1.secret", 0o644)
        let run = try BuiltExecutable.worker.run(["--connect", "tcp://127.0.0.1:1"] + keys.workerArguments())
        #expect(run.status != 0)
        #expect(run.stderr.contains("w1.secret"), "\(run.stderr)")
        #expect(run.stderr.contains("chmod 600"), "\(run.stderr)")
    }
}
