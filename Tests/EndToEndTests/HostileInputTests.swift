import Foundation
import Shared
import Testing
import TestSupport

/// docs/protocol.md §6.1 with a real coordinator: random, truncated, oversized and
/// wrong-version frames are dropped, and the sweep still completes with every cell recorded.
@Suite(.serialized)
struct HostileInputTests {
    @Test func garbageFramesAreDroppedAndTheSweepCompletes() throws {
        let fixture = try SweepFixture(spec: EndToEndSpecs.slowCells(name: "hostile", widths: [16, 32], seeds: [0]))
        let endpoint = "tcp://127.0.0.1:\(SweepFixture.freePort())"
        let coordinator = try RunningProcess(.coordinator, ["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--insecure", "--bind", endpoint],
                                             logDirectory: fixture.logs, name: "coordinator")
        #expect(eventually(timeout: .seconds(20)) { fixture.status() != nil }, "coordinator never served: \(coordinator.stderr)")

        let context = try ZMQContext()
        defer { context.terminate() }
        var generator = SystemRandomNumberGenerator()
        var sockets: [ZMQSocket] = []
        for _ in 0..<4 {
            let socket = try ZMQSocket(context: context, kind: .dealer)
            try socket.setOption(ZMQOption.linger, 0)
            try socket.connect(endpoint)
            sockets.append(socket)
        }
        let key = String(repeating: "ab", count: 32), lease = String(repeating: "0", count: 16)
        let attacks: [[[UInt8]]] = [
            [Array("WSP02".utf8), [0x01], Array("w".utf8), Array("{}".utf8)],                      // wrong version
            [WireConstants.tag],                                                                     // truncated
            [WireConstants.tag, [0x01]],                                                             // READY without its frames
            [WireConstants.tag, [0xFF]],                                                             // reserved command
            [WireConstants.tag, [0x05], Array(lease.utf8), Array(key.utf8), [0, 0, 0, 1], Array("{\"x\":1e999}".utf8)], // unregistered RESULT, bad JSON
            [WireConstants.tag, [0x01], Array("evil".utf8), Array("{\"slots\":100000,\"threads\":1,\"host\":\"h\",\"engine_version\":\"0.2.0\"}".utf8)],
            Array(repeating: WireConstants.tag, count: 200),                                         // too many frames
            [WireConstants.tag, [0x10], [UInt8](repeating: 7, count: 5000)],                         // STATUS with a huge request id
        ]
        for round in 0..<50 {
            for (index, socket) in sockets.enumerated() {
                var frames = attacks[(round + index) % attacks.count]
                if round % 5 == 0 {
                    frames = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                        (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                    }
                }
                _ = try socket.send(frames, dontWait: true)
            }
        }
        // A frame over 16 MiB makes libzmq drop that connection before the coordinator sees it.
        _ = try sockets[0].send([WireConstants.tag, [0x05], [UInt8](repeating: 0, count: 17 << 20)], dontWait: true)

        let worker = try RunningProcess(.worker, ["--connect", endpoint, "--id", "honest"], logDirectory: fixture.logs, name: "worker")
        #expect(coordinator.waitForExit(timeout: .seconds(120)) == 0, "coordinator: \(coordinator.stderr)")
        #expect(worker.waitForExit(timeout: .seconds(20)) == 0, "worker: \(worker.stderr)")
        #expect(coordinator.stderr.contains("dropped a message"), "garbage should be logged as dropped: \(coordinator.stderr)")
        #expect(!coordinator.stderr.contains("evil joined"), "a READY with 100000 slots must not register")
        #expect(try fixture.recordingAudit().finishedPerKey.count == 2)
    }
}
