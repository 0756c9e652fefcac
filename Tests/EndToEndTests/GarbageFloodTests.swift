import Foundation
import Glibc
import Shared
import Testing
import TestSupport

/// docs/protocol.md §6.1 under sustained load: while real workers run a sweep, four raw DEALER
/// peers flood the coordinator with garbage for the whole run. The sweep must still finish every
/// cell exactly once, the coordinator must keep answering `coordinator status`, and its log must
/// name the invalid input without one line per message (at most one per peer per second).
@Suite(.serialized)
struct GarbageFloodTests {
    @Test func aSweepFinishesWhileFourPeersFloodTheCoordinatorWithGarbage() throws {
        let fixture = try SweepFixture(spec: EndToEndSpecs.slowCells(name: "flood", widths: [16, 32], seeds: [0, 1, 2, 3]))
        let endpoint = "tcp://127.0.0.1:\(SweepFixture.freePort())"
        let started = ContinuousClock.now
        let coordinator = try RunningProcess(.coordinator, ["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--insecure", "--bind", endpoint],
                                             logDirectory: fixture.logs, name: "coordinator")
        #expect(eventually(timeout: .seconds(20)) { fixture.status() != nil }, "coordinator never served: \(coordinator.stderr)")

        let flood = GarbageFlood(endpoint: endpoint, peers: 4)
        flood.start()
        defer { flood.stop() }
        // Let the flood get going before any honest peer arrives, so every READY competes with it.
        #expect(eventually(timeout: .seconds(10)) { flood.sent >= 2_000 }, "the flood did not start: \(flood.sent) sent")

        let workers = try (1...2).map { index in
            try RunningProcess(.worker, ["--connect", endpoint, "--id", "honest-\(index)", "--slots", "1"],
                               logDirectory: fixture.logs, name: "worker-\(index)")
        }

        // `coordinator status` is a client on the same ROUTER as the flood: it must keep getting answers.
        var answered = 0, asked = 0
        var seenWorkers = Set<String>()
        var refusals: [String] = []
        while coordinator.isRunning && ContinuousClock.now - started < .seconds(50) {
            let run = try BuiltExecutable.coordinator.run(["status", fixture.sweepDirectory, "--json"])
            if run.status == 0, let status = try? JSONDecoder().decode(StatusReport.self, from: Data(run.stdout.utf8)) {
                asked += 1
                answered += 1
                seenWorkers.formUnion(status.workers.map(\.id))
            } else if !run.stderr.contains("no coordinator is running") {
                // A coordinator that finished the sweep and left while asked is not a missed answer.
                usleep(1_000_000)
                if coordinator.isRunning {
                    asked += 1
                    refusals.append(run.stderr)
                }
            }
            usleep(500_000)
        }
        let floodedFor = ContinuousClock.now - started
        flood.stop()

        let exit = coordinator.waitForExit(timeout: .seconds(5))
        let log = coordinator.stderr
        #expect(exit == 0, "the sweep did not finish under the flood within \(floodedFor): \(log.suffix(4000))")
        for (index, worker) in workers.enumerated() {
            #expect(worker.waitForExit(timeout: .seconds(20)) == 0, "worker \(index + 1): \(worker.stderr.suffix(2000))")
        }

        FileHandle.standardError.write(Data(("garbage flood: \(flood.sent) messages from 4 peers over \(floodedFor); "
            + "coordinator status answered \(answered)/\(asked); "
            + "\(log.split(separator: "\n").filter { $0.contains("dropped a message from") }.count) 'dropped' log lines\n").utf8))

        // Every cell exactly once.
        let audit = try fixture.recordingAudit()
        #expect(audit.finishedPerKey.count == 8, "finished cells: \(audit.finishedPerKey)")
        #expect(audit.finishedPerKey.values.allSatisfy { $0 == 1 }, "a cell was recorded twice: \(audit.finishedPerKey)")
        #expect(audit.leasedAfterFinish.isEmpty, "finished cells were leased again: \(audit.leasedAfterFinish)")

        // The flood really was one, and ran for the sweep.
        let sent = flood.sent
        #expect(sent >= 5_000 && Double(sent) >= 500 * Double(floodedFor.components.seconds),
                "only \(sent) garbage messages were sent in \(floodedFor)")
        #expect(flood.sendErrors == 0, "sending garbage failed: \(flood.firstError ?? "")")

        // Still answering while flooded, and nobody but the honest workers registered.
        #expect(answered >= 3 && answered + 1 >= asked, "coordinator status answered \(answered) of \(asked) times under the flood: \(refusals.prefix(3))")
        #expect(seenWorkers.isSubset(of: ["honest-1", "honest-2"]), "a garbage peer registered as a worker: \(seenWorkers)")

        // Named, and rate-limited: at most about one line per peer per second, with the rest counted.
        let dropped = log.split(separator: "\n").filter { $0.contains("dropped a message from") }
        #expect(!dropped.isEmpty, "the coordinator's log never named the invalid input: \(log.suffix(4000))")
        #expect(dropped.contains { $0.contains("more from this peer") }, "suppressed garbage is not counted in the log")
        let seconds = Int(floodedFor.components.seconds) + 2
        let peerBound = GarbageFlood.peerBound(peers: 4)
        #expect(dropped.count <= peerBound * seconds,
                "\(dropped.count) 'dropped' lines for \(sent) garbage messages over \(seconds) s: not rate-limited")
        #expect(dropped.count * 20 < sent, "\(dropped.count) 'dropped' lines for \(sent) garbage messages")
        #expect(["wrong", "frame", "JSON", "command"].contains { word in dropped.contains { $0.contains(word) } },
                "the dropped lines do not say what was wrong: \(dropped.prefix(5))")
    }
}

/// Raw DEALER peers sending invalid WSP/1 from a background thread until stopped.
final class GarbageFlood: @unchecked Sendable {
    private let endpoint: String
    private let peers: Int
    private let lock = NSLock()
    private var stopping = false
    private var count = 0
    private var errors = 0
    private var error: String?
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    /// Routing ids the coordinator can see: each peer, plus one reconnect after the frame
    /// over 16 MiB that makes libzmq drop that peer's connection.
    static func peerBound(peers: Int) -> Int { peers + 1 }

    init(endpoint: String, peers: Int) {
        self.endpoint = endpoint
        self.peers = peers
    }

    var sent: Int { lock.withLock { count } }
    var sendErrors: Int { lock.withLock { errors } }
    var firstError: String? { lock.withLock { error } }

    func start() {
        let thread = Thread { [self] in
            defer { finished.signal() }
            do { try run() } catch {
                lock.withLock {
                    errors += 1
                    if self.error == nil { self.error = "\(error)" }
                }
            }
        }
        self.thread = thread
        thread.start()
    }

    func stop() {
        let wasRunning = lock.withLock { () -> Bool in
            defer { stopping = true }
            return thread != nil && !stopping
        }
        if wasRunning { finished.wait() }
    }

    private var shouldStop: Bool { lock.withLock { stopping } }

    private func run() throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        var sockets: [ZMQSocket] = []
        defer { sockets.forEach { $0.close() } }
        for _ in 0..<peers {
            let socket = try ZMQSocket(context: context, kind: .dealer)
            try socket.setOption(ZMQOption.linger, 0)
            try socket.setOption(ZMQOption.sendHighWaterMark, 1_000)
            try socket.connect(endpoint)
            sockets.append(socket)
        }
        var generator = SystemRandomNumberGenerator()
        var round = 0
        while !shouldStop {
            for (index, socket) in sockets.enumerated() {
                let frames = Self.garbage(round: round, peer: index, using: &generator)
                // A full queue (the coordinator is behind) drops the message, as a real flood would.
                if try socket.send(frames, dontWait: true) {
                    lock.withLock { count += 1 }
                }
            }
            round += 1
            // Once, a frame over ZMQ_MAXMSGSIZE (16 MiB): libzmq drops that connection before the
            // coordinator sees it, and the peer reconnects under a new routing id.
            if round == 50 {
                _ = try sockets[0].send([WireConstants.tag, [0x05], [UInt8](repeating: 0, count: 17 << 20)], dontWait: true)
            }
            // Bursts of four rounds with a millisecond between them: a flood, without starving the
            // honest workers of CPU on a two-core machine.
            if round % 4 == 0 { usleep(1_000) }
        }
    }

    private static let key = String(repeating: "ab", count: 32)
    private static let lease = String(repeating: "0", count: 16)

    /// Valid messages to truncate, re-tag or corrupt. None is a `CANCEL` or a `READY` a byte flip
    /// could leave valid: a garbage peer must never stop the sweep or register and hold a lease.
    private static let templates: [[[UInt8]]] = {
        [
            WireCodec.encode(WorkerMessage.progress(leaseId: lease, cellKey: key, attempt: 1,
                                                    report: ProgressReport(phase: .train, epoch: 1, line: "x"))),
            WireCodec.encode(WorkerMessage.failed(leaseId: lease, cellKey: key, attempt: 1, error: "e")),
            WireCodec.encode(CoordinatorMessage.ack(cellKey: key, attempt: 1, status: .accepted, detail: "")),
            WireCodec.encode(CoordinatorMessage.welcome(SessionParameters(sweep: "flood", engineVersion: WidthsweepVersion.engine))),
            // READY whose capabilities are out of range (slots 0), so truncations and re-tags of it stay invalid.
            [WireConstants.tag, [0x01], Array("flood".utf8), Array(#"{"slots":0,"threads":1,"host":"flood","engine_version":"x"}"#.utf8)],
        ]
    }()

    static func garbage(round: Int, peer: Int, using generator: inout SystemRandomNumberGenerator) -> [[UInt8]] {
        func randomBytes(_ range: ClosedRange<Int>) -> [UInt8] {
            (0..<Int.random(in: range, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        let template = templates[Int.random(in: 0..<templates.count, using: &generator)]
        switch (round + peer) % 8 {
        case 0: // random frames
            return (0..<Int.random(in: 1...6, using: &generator)).map { _ in randomBytes(0...64) }
        case 1: // a valid message cut short: fewer frames
            return Array(template.prefix(Int.random(in: 1..<template.count, using: &generator)))
        case 2: // a valid message with its last frame cut short
            var frames = template
            frames[frames.count - 1] = Array(frames[frames.count - 1].prefix(frames[frames.count - 1].count / 2))
            return frames
        case 3: // wrong protocol versions
            var frames = template
            frames[0] = [Array("WSP02".utf8), Array("WSP00".utf8), Array("wsp01".utf8), Array("WSP1".utf8)][round % 4]
            return frames
        case 4: // now and then a frame over its limit: 2 MiB where §2.6 allows 64 KiB; otherwise one random frame
            guard round % 32 < 2 else { return [randomBytes(0...4_096)] }
            return [WireConstants.tag, [0x01], Array("flood".utf8), [UInt8](repeating: UInt8(ascii: "x"), count: 2 << 20)]
        case 5: // reserved command bytes and wrong-direction commands
            return [WireConstants.tag, [[0x00, 0x0B, 0x0F, 0x13, 0xFF, 0x03, 0x06, 0x0A][round % 8]]] + template.dropFirst(2)
        case 6: // a valid envelope with byte flips in a JSON or typed frame
            var frames = template
            let index = Int.random(in: 2..<frames.count, using: &generator)
            if !frames[index].isEmpty {
                for _ in 0..<3 { frames[index][Int.random(in: 0..<frames[index].count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator) }
            }
            return frames
        default: // too many frames
            return Array(repeating: WireConstants.tag, count: 40 + round % 200)
        }
    }
}
