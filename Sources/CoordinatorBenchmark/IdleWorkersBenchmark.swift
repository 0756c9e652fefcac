import BenchmarkSupport
import Foundation
import Shared

/// Figure 3: the coordinator's CPU while a thousand registered workers heartbeat every second
/// and nothing else happens.
///
/// The workers send `READY` (slots 1) and then only `HEARTBEAT`s (§4.1); they never `REQUEST`, so
/// no cell is dispatched although the sweep has cells queued. Their heartbeats are spread evenly
/// over the second, as independent workers' would be.
struct IdleWorkersBenchmark {
    struct Measurement: Codable {
        var workers: Int
        /// libzmq contexts the fake workers were spread over (each allows 1,023 sockets by default).
        var contexts: Int
        /// All `READY`s sent → every `WELCOME` received (CURVE handshakes, ZAP, registration).
        var registrationSeconds: Double
        var seconds: Double
        var coordinatorCPUSeconds: Double
        /// Coordinator CPU ÷ wall time × 100: percent of one core.
        var coordinatorPercentOfCore: Double
        /// This process (the thousand fake workers) over the same window.
        var workersPercentOfCore: Double
        var heartbeatsSent: Int
        var heartbeatsReceived: Int
        /// Workers `STATUS` showed alive at the end: all of them unless some were declared dead.
        var aliveAtEnd: Int
        var coordinatorOpenDescriptors: Int?
        /// The coordinator's soft `RLIMIT_NOFILE` while serving, and what it was started with.
        var coordinatorOpenFilesLimit: UInt64?
        var coordinatorStartedWithOpenFilesLimit: UInt64?
        var coordinatorExitStatus: Int32?
        /// Share of the machine other processes used during the measured window (0…1).
        var backgroundLoad: Double
    }

    let workspace: BenchmarkWorkspace
    let options: BenchmarkOptions
    /// Sockets per context: under libzmq's default `ZMQ_MAX_SOCKETS` of 1,023, which the
    /// transport has no setting for.
    static let socketsPerContext = 500

    func run() throws -> Measurement {
        // Cells exist and stay queued: the workers never ask for them.
        let sweep = SyntheticSweep.atLeast(1_000, widthCount: 20, name: "bench-idle")
        let spec = try workspace.writeSpec(sweep)
        let directory = workspace.path + "/idle"
        let coordinator = try workspace.startCoordinator(spec: spec, sweepDirectory: directory,
                                                         openFilesSoftLimit: options.coordinatorOpenFiles)
        defer { coordinator.kill9() }
        let contact = try CoordinatorContact.wait(in: directory, for: coordinator, timeout: options.timeoutSeconds)

        let credentials = try workspace.workerCredentials()
        let contextCount = (options.idleWorkers + Self.socketsPerContext - 1) / Self.socketsPerContext
        let contexts = try (0..<contextCount).map { _ in try ZMQContext() }
        var workers: [FakeWorker] = []
        defer {
            for worker in workers { worker.close() }
            for context in contexts { context.terminate() }
        }
        let readyAt = monotonicSeconds()
        for index in 0..<options.idleWorkers {
            let worker = try FakeWorker(context: contexts[index / Self.socketsPerContext], id: "idle-\(index)", slots: 1,
                                        endpoint: contact.endpoint, credentials: credentials, now: readyAt)
            try worker.sendReady(host: "benchmark", now: monotonicSeconds())
            workers.append(worker)
        }
        printError("  \(workers.count) workers sent READY over \(contextCount) contexts")

        var heartbeatsReceived = 0
        var heartbeatsSent = 0
        /// Receives everything waiting on every socket; true when every worker is registered.
        func serviceAll(now: Double, sendHeartbeats: Bool) throws -> Bool {
            var allRegistered = true
            for worker in workers {
                while let message = try worker.socket.receive(dontWait: true) {
                    switch try? WireCodec.decodeFromCoordinator(message.frames) {
                    case .welcome(let parameters):
                        worker.registered = true
                        worker.heartbeatSeconds = Double(parameters.heartbeatMilliseconds) / 1000
                        // Spread the heartbeats over the interval instead of a thousand at once.
                        worker.lastSent = now - Double.random(in: 0..<worker.heartbeatSeconds)
                    case .heartbeat:
                        heartbeatsReceived += 1
                    case .disconnect(let reason, let detail):
                        throw BenchmarkError.unexpected(what: "the coordinator disconnected \(worker.id): \(reason) \(detail)", log: coordinator.logPath)
                    case .some(let other):
                        throw BenchmarkError.unexpected(what: "an idle worker received \(other.command)", log: coordinator.logPath)
                    case .none:
                        throw BenchmarkError.unexpected(what: "the coordinator sent an invalid message", log: coordinator.logPath)
                    }
                }
                allRegistered = allRegistered && worker.registered
                if sendHeartbeats && worker.registered && now - worker.lastSent >= worker.heartbeatSeconds {
                    try worker.send(WireCodec.encode(WorkerMessage.heartbeat), now: now)
                    heartbeatsSent += 1
                }
                try worker.flush()
            }
            return allRegistered
        }

        // A 20 ms sweep over all sockets with non-blocking receives costs this process far less
        // than zmq_poll over a thousand sockets, which would wake up for every heartbeat.
        let deadline = readyAt + options.timeoutSeconds
        while try !serviceAll(now: monotonicSeconds(), sendHeartbeats: true) {
            try coordinator.checkAlive()
            if monotonicSeconds() > deadline {
                let registered = workers.filter(\.registered).count
                throw BenchmarkError.timedOut(what: "WELCOME for \(workers.count) workers (\(registered) registered)",
                                              seconds: options.timeoutSeconds, log: coordinator.logPath)
            }
            usleep(20_000)
        }
        let registration = monotonicSeconds() - readyAt
        printError("  all \(workers.count) registered after \(format(registration, digits: 2)) s; measuring \(format(options.idleSeconds, digits: 0)) s")

        // One interval to settle (the registration burst's journal writes and logs), then measure.
        let settleUntil = monotonicSeconds() + 1
        while monotonicSeconds() < settleUntil {
            _ = try serviceAll(now: monotonicSeconds(), sendHeartbeats: true)
            usleep(20_000)
        }
        heartbeatsSent = 0
        heartbeatsReceived = 0
        let load = BackgroundLoad.snapshot(coordinatorPid: coordinator.pid)
        let start = (time: monotonicSeconds(), coordinatorCPU: try coordinator.cpuSeconds(), ownCPU: ProcessCPU.ownSeconds())
        while monotonicSeconds() - start.time < options.idleSeconds {
            _ = try serviceAll(now: monotonicSeconds(), sendHeartbeats: true)
            try coordinator.checkAlive()
            usleep(20_000)
        }
        let end = (time: monotonicSeconds(), coordinatorCPU: try coordinator.cpuSeconds(), ownCPU: ProcessCPU.ownSeconds())
        let backgroundLoad = load.fractionSince()
        let descriptors = ProcessCPU.openDescriptors(pid: coordinator.pid)
        let limit = ProcessCPU.openFilesSoftLimit(pid: coordinator.pid)

        let status = try StatusProbe.ask(endpoint: contact.endpoint, credentials: try workspace.clientCredentials(),
                                         timeout: 5, coordinator: coordinator)
        let alive = status.workers.filter { $0.state == .alive }.count

        coordinator.interrupt()
        let exitStatus = coordinator.waitForExit(timeout: options.timeoutSeconds)
        let seconds = end.time - start.time
        let cpu = end.coordinatorCPU - start.coordinatorCPU
        return Measurement(
            workers: workers.count, contexts: contextCount, registrationSeconds: registration, seconds: seconds,
            coordinatorCPUSeconds: cpu, coordinatorPercentOfCore: cpu / seconds * 100,
            workersPercentOfCore: (end.ownCPU - start.ownCPU) / seconds * 100,
            heartbeatsSent: heartbeatsSent, heartbeatsReceived: heartbeatsReceived, aliveAtEnd: alive,
            coordinatorOpenDescriptors: descriptors, coordinatorOpenFilesLimit: limit,
            coordinatorStartedWithOpenFilesLimit: options.coordinatorOpenFiles, coordinatorExitStatus: exitStatus,
            backgroundLoad: backgroundLoad)
    }
}
