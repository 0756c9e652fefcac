import Foundation
import Glibc
import ProcessControl
import Shared

/// All of `worker --connect`'s I/O on one thread: polls the coordinator socket, the cells' pipes
/// and a signalfd together, turns what arrives into `WorkerSession` events, and carries out the
/// actions the session returns. The protocol decisions are all in the session.
final class WorkerLoop {
    struct Options {
        var endpoint: String
        var configuration: WorkerSession.Configuration
        var curve: CoordinatorSocket.Curve?
        /// The program cells run as (`worker train …`): this very executable.
        var executable = "/proc/self/exe"
        /// The longest one poll waits, so the session gets a tick at least this often.
        var tickInterval: Duration = .milliseconds(100)
    }

    private let options: Options
    private let workDirectory: WorkDirectory
    private var session: WorkerSession
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let signals: SignalDescriptor
    /// Ctrl-C and `kill`: both drain (docs/protocol.md §3.6).
    static let watchedSignals: [Int32] = [SIGINT, SIGTERM]
    private let context: ZMQContext
    private var socket: CoordinatorSocket?
    /// When to open the next socket after a `reconnect` action.
    private var reconnectAt: Duration?
    private var cells: [String: CellProcess] = [:]
    private var exitCode: Int32?

    init(options: Options, workDirectory: WorkDirectory) throws {
        self.options = options
        self.workDirectory = workDirectory
        start = clock.now
        // Before the context: libzmq's I/O threads inherit this thread's mask, so they too block
        // SIGINT/SIGTERM and leave them to the signalfd.
        do {
            signals = try SignalDescriptor(watching: WorkerLoop.watchedSignals)
        } catch {
            throw WorkerRuntimeError.system(operation: error.operation, errno: error.errno)
        }
        context = try ZMQContext()
        session = WorkerSession(configuration: options.configuration, jitterSeed: UInt64.random(in: .min ... .max))
    }

    /// Runs until the session exits; returns its exit code.
    func run() -> Int32 {
        defer { shutDown() }
        log("worker \(options.configuration.workerId) with \(options.configuration.slots) slot(s), connecting to \(options.endpoint)")
        openSocket()
        while true {
            if let exitCode { return exitCode }
            pollOnce()
        }
    }

    private var now: Duration { clock.now - start }

    // MARK: One turn

    private func pollOnce() {
        let running = Array(cells.values)
        let sockets = socket.map { [$0.socket, $0.monitor.socketToPoll] } ?? []
        let descriptors = [signals.fileDescriptor] + running.flatMap(\.fileDescriptors)
        var wait = options.tickInterval
        if let reconnectAt { wait = max(.zero, min(wait, reconnectAt - now)) }
        let ready: (sockets: [Bool], fileDescriptors: [Bool])
        do {
            ready = try ZMQPoll.waitReadable(sockets: sockets, fileDescriptors: descriptors,
                                             timeoutMilliseconds: Int(wait / .milliseconds(1)))
        } catch {
            handleExit(code: 1, message: "cannot wait for the coordinator or the cells: \(error)")
            return
        }
        if ready.fileDescriptors.first == true {
            for signal in signals.read() {
                log(signal == SIGINT ? "SIGINT received" : "SIGTERM received")
                handle(signal == SIGINT ? .interrupt(now: now) : .terminate(now: now))
            }
        }
        if ready.sockets.first == true { receiveMessages() }
        // Drained every turn, readable or not: an unread monitor would stall the socket.
        for line in socket?.drainEvents() ?? [] { log(line) }
        for cell in running where cells[cell.leaseId] === cell {
            superviseCell(cell)
        }
        if let reconnectAt, now >= reconnectAt, exitCode == nil {
            self.reconnectAt = nil
            openSocket()
        }
        handle(.tick(now: now))
    }

    /// Reads what is waiting (at most a bounded batch, so cells and ticks are not starved) and
    /// validates each message before the session sees it (§6.1).
    private func receiveMessages() {
        for _ in 0..<1000 {
            guard let current = socket, exitCode == nil else { return }
            let received: ReceivedMessage?
            do {
                received = try current.receive()
            } catch {
                log("receiving from the coordinator failed: \(error)")
                return
            }
            guard let message = received else { return }
            if message.overflowed {
                handle(.invalidMessage(reason: "\(message.frameCount) frames, \(message.totalBytes) bytes: beyond WSP/1's limits", now: now))
                continue
            }
            do {
                handle(.received(try WireCodec.decodeFromCoordinator(message.frames), now: now))
            } catch {
                handle(.invalidMessage(reason: error.description, now: now))
            }
        }
    }

    private func superviseCell(_ cell: CellProcess) {
        for report in cell.readAvailable() {
            handle(.cellProgress(leaseId: cell.leaseId, report: report, now: now))
        }
        guard let (outcome, progress) = cell.reap() else { return }
        cells[cell.leaseId] = nil
        for report in progress {
            handle(.cellProgress(leaseId: cell.leaseId, report: report, now: now))
        }
        switch outcome {
        case let .finished(delivery):
            handle(.cellFinished(leaseId: cell.leaseId, delivery: delivery, now: now))
        case let .failed(error):
            handle(.cellFailed(leaseId: cell.leaseId, error: error, now: now))
        }
    }

    // MARK: Actions

    private func handle(_ event: WorkerSession.Event) {
        guard exitCode == nil else { return }
        for action in session.handle(event) {
            perform(action)
        }
    }

    private func perform(_ action: WorkerSession.Action) {
        switch action {
        case let .send(message):
            send(message)
        case let .startCell(leaseId, cellKey, attempt, cell):
            startCell(leaseId: leaseId, cellKey: cellKey, attempt: attempt, cell: cell)
        case .killCells:
            killCells()
        case let .reconnect(after):
            if let hint = socket?.silenceHint() { log(hint) }
            socket?.close()
            socket = nil
            reconnectAt = now + after
        case let .exit(code, message):
            handleExit(code: code, message: message)
        case let .log(line):
            log(line)
        }
    }

    private func send(_ message: WorkerMessage) {
        guard let socket else {
            log("not connected: \(message.command) not sent")
            return
        }
        do {
            if try !socket.send(message) {
                // Only RESULTs matter enough to retry, and the session resends those by itself.
                log("send queue to the coordinator is full: \(message.command) dropped")
            }
        } catch {
            log("sending \(message.command) failed: \(error)")
        }
    }

    private func startCell(leaseId: String, cellKey: String, attempt: UInt32, cell: CellAssignment) {
        do {
            cells[leaseId] = try CellProcess.start(executable: options.executable, workDirectory: workDirectory.path,
                                                   leaseId: leaseId, cellKey: cellKey, attempt: attempt, assignment: cell) {
                log($0)
            }
        } catch {
            handle(.cellFailed(leaseId: leaseId, error: "could not start the cell process: \(error)", now: now))
        }
    }

    private func killCells() {
        for cell in cells.values { cell.killAndWait() }
        cells = [:]
    }

    private func openSocket() {
        do {
            socket = try CoordinatorSocket(context: context, endpoint: options.endpoint, curve: options.curve)
        } catch {
            handleExit(code: 1, message: "cannot connect to \(options.endpoint): \(error)")
            return
        }
        handle(.connected(now: now))
    }

    private func handleExit(code: Int32, message: String) {
        guard exitCode == nil else { return }
        killCells()
        socket?.close(flushing: true)
        socket = nil
        log(message)
        exitCode = code
    }

    private func shutDown() {
        killCells()
        socket?.close()
        socket = nil
        // Waits at most the exit linger for a final DISCONNECT to leave.
        context.terminate()
        workDirectory.cleanUp()
    }
}
