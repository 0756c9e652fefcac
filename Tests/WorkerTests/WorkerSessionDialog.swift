import Foundation
import Glibc
import Testing
import TestSupport
@testable import Shared

/// A built `worker --connect` process and a ROUTER in the test that plays the coordinator's side
/// of docs/protocol.md §3. Every wait is a bounded poll, so a broken worker fails a test instead
/// of hanging it.
final class WorkerSessionDialog {
    let context: ZMQContext
    let router: ZMQSocket
    let endpoint: String
    let process = Process()
    private let stderr = Pipe()
    /// What the worker has logged so far (read by `waitForLog` and `finish`).
    private(set) var log = ""
    /// The last message's routing id and User-Id (the worker's key name under CURVE).
    private(set) var peer: [UInt8] = []
    private(set) var userId: String?

    /// `prepare` sees the context and the unbound ROUTER (start ZAP, make it a CURVE server);
    /// `arguments` come after `--connect ENDPOINT`.
    init(arguments: (String) -> [String] = { _ in ["--id", "test:1"] },
         prepare: (ZMQContext, ZMQSocket) throws -> Void = { _, _ in }) throws {
        context = try ZMQContext()
        router = try ZMQSocket(context: context, kind: .router)
        try prepare(context, router)
        try router.bind("tcp://127.0.0.1:*")
        endpoint = try #require(router.lastEndpoint)
        process.executableURL = BuiltExecutable.worker.url
        process.arguments = ["--connect", endpoint] + arguments(endpoint)
        process.currentDirectoryURL = BuiltExecutable.packageRoot
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        router.close()
        context.terminate()
    }

    /// The next worker message; throws after 30 s without one.
    func next() throws -> WorkerMessage {
        for _ in 0..<300 {
            let ready = try ZMQPoll.waitReadable(sockets: [router], fileDescriptors: [], timeoutMilliseconds: 100)
            guard ready.sockets[0], let message = try router.receive() else { continue }
            peer = message.frames[0]
            userId = message.userId
            return try WireCodec.decodeFromWorker(Array(message.frames.dropFirst()))
        }
        throw DialogFailure("no message from the worker within 30 s; it logged: \(log)")
    }

    /// The next message that is not a HEARTBEAT or PROGRESS, collecting the PROGRESS reports.
    func nextSkippingProgress(_ progress: inout [ProgressReport]) throws -> WorkerMessage {
        while true {
            switch try next() {
            case .heartbeat: continue
            case let .progress(_, _, _, report): progress.append(report)
            case let message: return message
            }
        }
    }

    func send(_ message: CoordinatorMessage) throws {
        try sendRaw(WireCodec.encode(message))
    }

    func sendRaw(_ frames: [[UInt8]]) throws {
        guard try router.send([peer] + frames) else { throw DialogFailure("the ROUTER could not queue a message") }
    }

    /// Reads the worker's stderr until a line contains `text`; throws after 30 s without it.
    func waitForLog(containing text: String) throws {
        let fd = stderr.fileHandleForReading.fileDescriptor
        for _ in 0..<300 where !log.contains(text) {
            var item = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&item, 1, 100) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            log += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        guard log.contains(text) else { throw DialogFailure("the worker never logged '\(text)'; it logged: \(log)") }
    }

    /// Waits for the worker to exit; returns its status and everything it logged.
    func finish() -> (status: Int32, log: String) {
        log += String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, log)
    }
}

struct DialogFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
