import Foundation
import ProcessControl
import Shared

/// The coordinator's socket loop: the only place that does I/O for the dispatcher.
///
/// One thread: poll the ROUTER and the signal descriptor, read a batch of messages, validate
/// each (docs/protocol.md §6) and feed it to the dispatcher, tick, then execute the batch's
/// actions — journal entries in one transaction, and only after its commit, the sends (§5.1,
/// §5.4). Batching is what lets thousands of cells per second be recorded durably: one fsync
/// covers a whole batch, and nothing is acknowledged before it.
final class CoordinatorServer {
    struct Options {
        var bind = "tcp://127.0.0.1:*"
        var localWorkers = 0
        /// Messages read before the batch is committed and its replies sent.
        var batchLimit = 4096
        /// How often the dispatcher's clock advances without traffic (leases, liveness, heartbeats).
        var tickInterval: Duration = .milliseconds(100)
        /// The report in `<dir>/report/` is rebuilt at most this often while cells finish, so a
        /// half-done sweep already has one (a rebuild of a few hundred cells takes well under 1 s).
        var reportInterval: Duration = .seconds(30)
    }

    enum Outcome: Equatable { case done, drained, cancelled }

    /// Ctrl-C and `kill` drain, a second one cancels; SIGHUP reloads the allow-list (docs/protocol.md §7).
    static let watchedSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private let directory: SweepDirectory
    private let journal: Journal
    private var security: ServerSecurity
    private let options: Options
    private var dispatcher: Dispatcher
    /// Carries out each batch's actions: journal commit first, then the sends.
    private var batches: BatchExecution
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastTick: Duration = .zero
    private var invalidLog = InvalidInputLog()
    private var interrupts = 0
    private let localWorkers = LocalWorkers()
    /// Cells finished or failed since the report was last rebuilt, and when that was.
    private var reportStale = false
    private var lastReport: Duration?
    /// The rebuild runs on its own thread with its own journal connection (WAL lets it read
    /// while this thread commits): a 100,000-cell report takes seconds, longer than the
    /// liveness window during which this loop must keep answering its workers.
    private let reportBuilder = BackgroundReport()
    /// Refused handshakes already logged, and when the last such line was written.
    private var loggedDenials = 0
    private var lastDenialLog: Duration = .zero

    init(directory: SweepDirectory, journal: Journal, specYAML: String, dispatcher: Dispatcher,
         security: ServerSecurity, options: Options) {
        self.directory = directory
        self.journal = journal
        self.dispatcher = dispatcher
        self.security = security
        self.options = options
        self.batches = BatchExecution(
            assignments: AssignmentEncoder(specYAML: specYAML, leaseMilliseconds: Int(dispatcher.settings.leaseDuration.milliseconds)),
            artifacts: ArtifactStore(directory: directory.path))   // it adds artifacts/<cell key>/
        self.started = clock.now
    }

    private var now: Duration { clock.now - started }

    /// Why the dispatcher stopped leasing on its own (broken inputs, docs/protocol.md §5.2), if it did.
    var stopReason: String? { dispatcher.stopReason }

    func run() throws -> Outcome {
        // Signals are blocked before any thread exists (ZeroMQ's I/O threads, the ZAP handler),
        // so every thread inherits the mask and only the signalfd ever sees them.
        let signals: SignalDescriptor
        do {
            signals = try SignalDescriptor(watching: Self.watchedSignals)
        } catch {
            throw CoordinatorError.systemCall("\(error)")
        }
        let context = try ZMQContext()
        defer { context.terminate() }

        var zap: ZAPAuthenticator?
        var localKeyArguments: [String] = []
        if let keys = security.serverKeys {
            let local = try LocalKeys.make(in: directory, serverPublicKey: keys.publicKey)
            security.authorized += local.peers
            localKeyArguments = local.workerArguments
            // §7.3: the handler is bound before the ROUTER accepts anyone.
            let handler = ZAPAuthenticator(context: context, domain: ServerSecurity.zapDomain, allowList: security.authorized)
            try handler.start()
            zap = handler
        }
        defer { zap?.stop() }

        let router = try ZMQSocket(context: context, kind: .router)
        defer { router.close() }
        try router.setOption(ZMQOption.routerMandatory, 1)
        try router.setOption(ZMQOption.maxMessageSize, int64: Int64(WireConstants.maxFrameBytes))
        try router.setOption(ZMQOption.sendHighWaterMark, 1000)
        try router.setOption(ZMQOption.receiveHighWaterMark, 1000)
        try router.setOption(ZMQOption.linger, 2000)
        if let keys = security.serverKeys {
            try router.makeCurveServer(secretKey: keys.secretKey, zapDomain: ServerSecurity.zapDomain)
        }
        try router.bind(options.bind)
        let contact = CoordinatorContact.serving(bound: router.lastEndpoint ?? options.bind, serverKey: security.serverKeys?.publicKey.z85,
                                                 pid: getpid(), host: HostName.current())
        try contact.write(to: directory.contactFile)
        let endpoint = contact.endpoint
        defer { try? FileManager.default.removeItem(atPath: directory.contactFile) }
        log("serving \(dispatcher.settings.sweepName) on \(endpoint) (\(security.summary))")
        if !security.isCurve { log(ServerSecurity.insecureWarning(bind: endpoint)) }

        if options.localWorkers > 0 {
            try localWorkers.start(count: options.localWorkers, endpoint: endpoint, keyArguments: localKeyArguments,
                                   logDirectory: directory.logs)
            log("started \(options.localWorkers) local worker\(options.localWorkers == 1 ? "" : "s") (logs in \(directory.logs))")
        }
        defer { localWorkers.stop(grace: .seconds(10)) }

        while !dispatcher.isStopped {
            let readable = try ZMQPoll.waitReadable(sockets: [router], fileDescriptors: [signals.fileDescriptor],
                                                    timeoutMilliseconds: Int(options.tickInterval.milliseconds))
            var actions: [DispatchAction] = []
            if readable.fileDescriptors[0] {
                for signal in signals.read() { actions += handle(signal: signal, zap: zap) }
            }
            if readable.sockets[0] { actions += try receiveBatch(router) }
            if now - lastTick >= options.tickInterval {
                lastTick = now
                actions += dispatcher.tick(now: now)
                if let zap { reportDenials(zap) }
            }
            try execute(actions, router: router)
            refreshReportIfDue()
            for child in localWorkers.reap() {
                log("local worker \(child.name) exited (\(Self.describe(status: child.exited ?? 0)))")
            }
            showProgress()
        }
        showProgress(force: true)
        Console.shared.finishProgress()
        reportBuilder.waitUntilIdle()
        switch dispatcher.runState {
        case .done: return .done
        case .drained: return .drained
        default: return .cancelled
        }
    }

    // MARK: Input

    private func receiveBatch(_ router: ZMQSocket) throws -> [DispatchAction] {
        var actions: [DispatchAction] = []
        for _ in 0..<options.batchLimit {
            guard let message = try router.receive(dontWait: true, maxFrames: WireConstants.maxFrames + 1,
                                                   maxTotalBytes: WireConstants.maxMessageBytes + 256) else { break }
            guard let peer = message.frames.first, !message.frames.isEmpty else { continue }
            if message.overflowed {
                invalidLog.note(peer: peer, problem: "\(message.frameCount) frames, \(message.totalBytes) bytes: over the limits of §2.6", now: now)
                continue
            }
            do {
                let decoded = try WireCodec.decodeAtCoordinator(Array(message.frames.dropFirst()))
                actions += dispatcher.receive(decoded, from: peer, userId: message.userId, now: now)
            } catch .resultRejected(let key, let attempt, let reason) {
                // §6.2: answered, not dropped, so the worker learns to drop the result.
                actions += dispatcher.receiveRejectedResult(cellKey: key, attempt: attempt, reason: reason, from: peer,
                                                            userId: message.userId, now: now)
            } catch {
                invalidLog.note(peer: peer, problem: "\(error)", now: now)
            }
        }
        for line in invalidLog.flush(now: now) { log(line) }
        return actions
    }

    /// Handshakes the ZAP handler refused since the last report, logged at most once a second with
    /// the latest reason (docs/protocol.md §7.5): an operator sees a worker with the wrong key, and a
    /// test can wait for the refusal instead of sleeping.
    private func reportDenials(_ zap: ZAPAuthenticator) {
        let denied = zap.deniedCount
        guard denied > loggedDenials, now - lastDenialLog >= .seconds(1) || loggedDenials == 0 else { return }
        let fresh = denied - loggedDenials
        log("refused \(fresh) CURVE handshake\(fresh == 1 ? "" : "s") (\(denied) this run); last: \(zap.lastDenial ?? "no reason recorded")")
        loggedDenials = denied
        lastDenialLog = now
    }

    private func handle(signal: Int32, zap: ZAPAuthenticator?) -> [DispatchAction] {
        switch signal {
        case SIGHUP:
            guard let file = security.authorizedFile, let zap else { return [.log("SIGHUP: no keys in use, nothing to reload")] }
            do {
                let peers = try KeyFiles.readAuthorized(path: file)
                let local = security.authorized.filter { $0.name == "local" }
                zap.replaceAllowList(peers + local)
                return [.log("reloaded \(file): \(peers.count) keys allowed")]
            } catch {
                return [.log("SIGHUP: kept the old allow-list: \(error)")]
            }
        default:
            interrupts += 1
            if interrupts == 1 {
                return [.log("draining: running cells finish, nothing new starts (Ctrl-C again to release them now)")]
                    + dispatcher.cancel(.drain, now: now)
            }
            return [.log("cancelling now: running cells are released and stay queued in the journal")]
                + dispatcher.cancel(.now, now: now)
        }
    }

    // MARK: Output

    /// Journal first, sends after the commit; follow-up events from failed sends run as a new batch
    /// (`BatchExecution`).
    private func execute(_ actions: [DispatchAction], router: ZMQSocket) throws {
        guard !actions.isEmpty else { return }
        let summary = try batches.execute(actions, dispatcher: &dispatcher, journal: journal,
                                          transport: RouterTransport(router: router), now: now,
                                          log: { log($0) }, dropped: { invalidLog.note(peer: $0, problem: $1, now: now) })
        if summary.changedReport { reportStale = true }
    }

    /// Starts a rebuild of `<dir>/report/` when cells have finished, none is running, and the
    /// last one is `reportInterval` old — or ten times its own duration, so a large sweep's
    /// report never takes more than a tenth of a core.
    private func refreshReportIfDue() {
        let spacing = max(options.reportInterval, reportBuilder.lastDuration * 10)
        guard reportStale, !reportBuilder.isRunning, lastReport.map({ now - $0 >= spacing }) ?? true else { return }
        reportStale = false
        lastReport = now
        reportBuilder.start(sweepDirectory: directory.path)
    }

    private func showProgress(force: Bool = false) {
        let c = dispatcher.counts
        let rate = dispatcher.throughput(now: now)
        let remaining = c.queued + c.running
        var line = "cells \(c.finished)/\(c.total) done · \(c.running) running · \(c.queued) queued · \(c.failed) failed"
            + " · workers \(dispatcher.aliveWorkers)"
        if rate > 0 {
            line += String(format: " · %.2f cells/min · ETA %@", rate * 60, Self.format(seconds: Double(remaining) / rate))
        }
        Console.shared.progress(line, force: force)
    }

    // MARK: Formatting

    static func format(seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m" : s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }

    static func describe(status: Int32) -> String {
        let signal = status & 0x7f
        return signal == 0 ? "exit \((status >> 8) & 0xff)" : "killed by signal \(signal)"
    }
}
