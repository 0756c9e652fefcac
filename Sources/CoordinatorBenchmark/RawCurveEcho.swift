import BenchmarkSupport
import Foundation
import Shared

/// The reference the coordinator is compared with: plain ZeroMQ round trips over CURVE on
/// loopback, DEALERs → one ROUTER, measured in the same run with the same number of
/// connections and messages in flight as the fake workers use.
///
/// The ROUTER runs on a second thread of this process and answers every request at once, with
/// no validation and no journal: whatever the coordinator achieves below this rate is the
/// cost of WSP/1 and of recording durably.
struct RawCurveEcho {
    struct Measurement: Codable {
        /// `small` (2-frame messages) or `protocol-shaped` (RESULT in; ACK and ASSIGN out).
        var shape: String
        var dealers: Int
        var window: Int
        var requestBytes: Int
        var replyBytes: Int
        var roundTrips: Int
        var seconds: Double
        var roundTripsPerSecond: Double
        /// This process's CPU (both sides and libzmq's I/O threads) per round trip.
        var cpuMicrosecondsPerRoundTrip: Double
        /// Share of the machine other processes used during the timed window (0…1).
        var backgroundLoad: Double
    }

    var shape: String
    var dealers: Int
    var window: Int
    var request: [[UInt8]]
    /// Messages the ROUTER sends back for each request; a round trip ends with the last of them.
    var replies: [[[UInt8]]]
    var seconds: Double

    func run() throws -> Measurement {
        let context = try ZMQContext()
        defer { context.terminate() }
        let server = try CurveKeyPair.generate()
        let client = try CurveKeyPair.generate()
        let control = EchoControl()
        let replies = self.replies
        let serverSecret = server.secretKey.z85
        let thread = Thread {
            control.finish(error: Self.serve(context: context, secretKeyZ85: serverSecret, replies: replies, control: control))
        }
        thread.start()
        defer { control.stop() }
        guard let endpoint = control.waitForEndpoint() else {
            throw control.error ?? BenchmarkError.unexpected(what: "the echo ROUTER did not start", log: "-")
        }

        var sockets: [ZMQSocket] = []
        defer { for socket in sockets { socket.close() } }
        for _ in 0..<dealers {
            let socket = try ZMQSocket(context: context, kind: .dealer)
            try socket.setOption(ZMQOption.linger, 0)
            try socket.makeCurveClient(serverPublicKey: server.publicKey, keyPair: client)
            try socket.connect(endpoint)
            sockets.append(socket)
        }
        var received = [Int](repeating: 0, count: dealers)
        for socket in sockets {
            for _ in 0..<window { try socket.send(request, dontWait: false) }
        }
        // Half a second of warm-up (handshakes, first allocations), then the timed window.
        let warmUpEnd = monotonicSeconds() + 0.5
        var start: (time: Double, cpu: Double, roundTrips: Int, load: BackgroundLoad)?
        var roundTrips = 0
        var now = monotonicSeconds()
        while start.map({ now - $0.time < seconds }) ?? true {
            let readable = try ZMQPoll.waitReadable(sockets: sockets, fileDescriptors: [], timeoutMilliseconds: 100)
            for (index, socket) in sockets.enumerated() where readable.sockets[index] {
                var drained = 0
                while drained < 1024, try socket.receive(dontWait: true) != nil {
                    drained += 1
                    received[index] += 1
                    if received[index] % replies.count == 0 {
                        roundTrips += 1
                        try socket.send(request, dontWait: false)
                    }
                }
            }
            now = monotonicSeconds()
            if start == nil && now >= warmUpEnd { start = (now, ProcessCPU.ownSeconds(), roundTrips, BackgroundLoad.snapshot()) }
            if let error = control.error { throw error }
        }
        let load = start?.load.fractionSince() ?? .nan
        let cpu = ProcessCPU.ownSeconds() - (start?.cpu ?? 0)
        let elapsed = now - (start?.time ?? now)
        let measured = roundTrips - (start?.roundTrips ?? 0)
        return Measurement(
            shape: shape, dealers: dealers, window: window, requestBytes: request.reduce(0) { $0 + $1.count },
            replyBytes: replies.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }, roundTrips: measured, seconds: elapsed,
            roundTripsPerSecond: Double(measured) / max(elapsed, 1e-9),
            cpuMicrosecondsPerRoundTrip: cpu / Double(max(1, measured)) * 1e6, backgroundLoad: load)
    }

    /// The ROUTER side: bind, then answer every message with `replies` until told to stop. Runs
    /// on its own thread, which creates and closes its socket (sockets are not thread-safe).
    private static func serve(context: ZMQContext, secretKeyZ85: String, replies: [[[UInt8]]], control: EchoControl) -> Error? {
        do {
            let router = try ZMQSocket(context: context, kind: .router)
            defer { router.close() }
            try router.setOption(ZMQOption.linger, 0)
            // No ZAP handler: authentication happens once per connection and does not affect the rate.
            try router.makeCurveServer(secretKey: try CurveKey(z85: secretKeyZ85), zapDomain: "benchmark")
            try router.bind("tcp://127.0.0.1:*")
            control.publish(endpoint: router.lastEndpoint ?? "")
            while !control.isStopped {
                let readable = try ZMQPoll.waitReadable(sockets: [router], fileDescriptors: [], timeoutMilliseconds: 50)
                guard readable.sockets[0] else { continue }
                var drained = 0
                while drained < 4096, let message = try router.receive(dontWait: true) {
                    drained += 1
                    guard let peer = message.frames.first else { continue }
                    for reply in replies { try router.send([peer] + reply, dontWait: false) }
                }
            }
            return nil
        } catch {
            control.publish(endpoint: nil, error: error)
            return error
        }
    }
}
