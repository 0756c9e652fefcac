import BenchmarkSupport
import Shared

/// Figures 1 and 2: no-op cells dispatched and durably recorded per second over CURVE, and the
/// coordinator's CPU per recorded cell.
///
/// A few fake workers on one thread keep their credit full (`REQUEST` up to `slots`) and answer
/// every `ASSIGN` with a valid `RESULT` at once, so the coordinator — its validation, journal
/// commits and sends — is the bottleneck, not the cells. The clock runs from the first `ASSIGN`
/// to the last `ACK accepted`, which excludes start-up and registration.
struct ThroughputBenchmark {
    struct Measurement: Codable {
        var cells: Int
        var workers: Int
        var slots: Int
        var accepted: Int
        var duplicates: Int
        var rejected: Int
        /// First `ASSIGN` to last `ACK`.
        var seconds: Double
        var cellsPerSecond: Double
        var coordinatorCPUSeconds: Double
        var coordinatorMicrosecondsPerCell: Double
        /// Coordinator CPU ÷ wall time: how many cores it kept busy.
        var coordinatorCores: Double
        /// This process (the fake workers) over the same window, for comparison.
        var workersCPUSeconds: Double
        var workersMicrosecondsPerCell: Double
        var assignBytes: Int
        var resultBytes: Int
        var specBytes: Int
        /// `coordinator run` started → its contact file written (journal created, ROUTER bound).
        var startupSeconds: Double
        var coordinatorExitStatus: Int32?
        /// Share of the machine other processes used between first ASSIGN and last ACK (0…1).
        var backgroundLoad: Double
    }

    let workspace: BenchmarkWorkspace
    let options: BenchmarkOptions

    /// 100 widths × enough seeds: lists of a few hundred numbers keep the spec, which every
    /// ASSIGN carries, near the size of a real one (20,000 cells: 100 × 200, a 1.5 KB spec).
    static func sweep(_ options: BenchmarkOptions) -> SyntheticSweep {
        SyntheticSweep.atLeast(options.throughputCells, widthCount: 100, name: "bench-throughput")
    }

    /// One round: a fresh sweep directory and coordinator process.
    func run(round: Int) throws -> Measurement {
        let sweep = Self.sweep(options)
        let spec = try workspace.writeSpec(sweep)
        let directory = workspace.path + "/throughput-\(round)"
        let started = monotonicSeconds()
        let coordinator = try workspace.startCoordinator(spec: spec, sweepDirectory: directory,
                                                         openFilesSoftLimit: options.coordinatorOpenFiles)
        defer { coordinator.kill9() }
        let contact = try CoordinatorContact.wait(in: directory, for: coordinator, timeout: options.timeoutSeconds)
        let startup = monotonicSeconds() - started
        printError("  coordinator serving \(sweep.cellCount) cells on \(contact.endpoint) after \(format(startup, digits: 2)) s")

        var template = try ResultTemplate()
        let credentials = try workspace.workerCredentials()
        let context = try ZMQContext()
        var workers: [FakeWorker] = []
        defer {
            for worker in workers { worker.close() }
            context.terminate()
        }
        for index in 0..<options.workers {
            let worker = try FakeWorker(context: context, id: "bench-\(index)", slots: options.slots, endpoint: contact.endpoint,
                                        credentials: credentials, now: monotonicSeconds())
            try worker.sendReady(host: "benchmark", now: monotonicSeconds())
            workers.append(worker)
        }
        let sockets = workers.map(\.socket)

        var measurement = Measurement(
            cells: sweep.cellCount, workers: options.workers, slots: options.slots, accepted: 0, duplicates: 0, rejected: 0,
            seconds: 0, cellsPerSecond: 0, coordinatorCPUSeconds: 0, coordinatorMicrosecondsPerCell: 0, coordinatorCores: 0,
            workersCPUSeconds: 0, workersMicrosecondsPerCell: 0, assignBytes: 0, resultBytes: template.messageBytes,
            specBytes: sweep.yaml.utf8.count, startupSeconds: startup, coordinatorExitStatus: nil, backgroundLoad: .nan)
        var firstAssign: (time: Double, coordinatorCPU: Double, ownCPU: Double, load: BackgroundLoad)?
        var lastAck: (time: Double, coordinatorCPU: Double, ownCPU: Double)?
        var firstRejection: String?
        var answered = 0
        let deadline = monotonicSeconds() + options.timeoutSeconds
        var nextCheck = 0.0
        var nextProgress = monotonicSeconds() + 2

        while answered < sweep.cellCount {
            let readable = try ZMQPoll.waitReadable(sockets: sockets, fileDescriptors: [], timeoutMilliseconds: 100)
            let now = monotonicSeconds()
            for (index, worker) in workers.enumerated() where readable.sockets[index] {
                // A bounded drain per socket, so one busy connection cannot starve the others.
                var drained = 0
                while drained < 1024, let message = try worker.socket.receive(dontWait: true) {
                    drained += 1
                    let decoded: CoordinatorMessage
                    do { decoded = try WireCodec.decodeFromCoordinator(message.frames) } catch {
                        throw BenchmarkError.unexpected(what: "the coordinator sent an invalid message: \(error)", log: coordinator.logPath)
                    }
                    switch decoded {
                    case .welcome(let parameters):
                        worker.registered = true
                        worker.credit = 0
                        worker.heartbeatSeconds = Double(parameters.heartbeatMilliseconds) / 1000
                    case .assign(_, _, _, let cell):
                        if firstAssign == nil {
                            firstAssign = (now, try coordinator.cpuSeconds(), ProcessCPU.ownSeconds(),
                                           BackgroundLoad.snapshot(coordinatorPid: coordinator.pid))
                            measurement.assignBytes = message.totalBytes
                        }
                        worker.credit -= 1
                        let reply = template.result(leaseId: message.frames[2], cellKey: message.frames[3],
                                                    attempt: message.frames[4], coordinate: cell.cell)
                        try worker.send(reply, now: now)
                    case .ack(_, _, let status, let detail):
                        answered += 1
                        switch status {
                        case .accepted: measurement.accepted += 1
                        case .duplicate: measurement.duplicates += 1
                        case .rejected:
                            measurement.rejected += 1
                            firstRejection = firstRejection ?? detail
                        }
                        if answered == sweep.cellCount {
                            lastAck = (monotonicSeconds(), try coordinator.cpuSeconds(), ProcessCPU.ownSeconds())
                            measurement.backgroundLoad = firstAssign?.load.fractionSince() ?? .nan
                        }
                    case .heartbeat:
                        break
                    case .disconnect(let reason, let detail):
                        if reason == "not-registered" {
                            worker.registered = false
                            worker.credit = 0
                            try worker.sendReady(host: "benchmark", now: now)
                        } else if reason != "done" {
                            throw BenchmarkError.unexpected(what: "the coordinator disconnected \(worker.id): \(reason) \(detail)", log: coordinator.logPath)
                        }
                        worker.disconnectReason = reason
                    case .statusReply:
                        throw BenchmarkError.unexpected(what: "a worker received STATUS-REPLY", log: coordinator.logPath)
                    }
                }
                try worker.flush()
                try worker.requestUpToSlots(now: now)
            }
            for worker in workers { try worker.heartbeatIfDue(now: now) }
            if now >= nextCheck {
                nextCheck = now + 0.25
                if answered < sweep.cellCount { try coordinator.checkAlive() }
                if now > deadline {
                    throw BenchmarkError.timedOut(what: "\(sweep.cellCount) ACKs (got \(answered))", seconds: options.timeoutSeconds,
                                                  log: coordinator.logPath)
                }
            }
            if now >= nextProgress {
                nextProgress = now + 2
                printError("  \(answered)/\(sweep.cellCount) cells acknowledged")
            }
        }
        if let firstRejection {
            throw BenchmarkError.unexpected(what: "\(measurement.rejected) results were rejected, first: \(firstRejection)", log: coordinator.logPath)
        }
        measurement.coordinatorExitStatus = coordinator.waitForExit(timeout: options.timeoutSeconds)

        guard let first = firstAssign, let last = lastAck else { return measurement }
        let cells = Double(max(1, measurement.accepted))
        measurement.seconds = last.time - first.time
        measurement.cellsPerSecond = Double(measurement.accepted) / max(measurement.seconds, 1e-9)
        measurement.coordinatorCPUSeconds = last.coordinatorCPU - first.coordinatorCPU
        measurement.coordinatorMicrosecondsPerCell = measurement.coordinatorCPUSeconds / cells * 1e6
        measurement.coordinatorCores = measurement.coordinatorCPUSeconds / max(measurement.seconds, 1e-9)
        measurement.workersCPUSeconds = last.ownCPU - first.ownCPU
        measurement.workersMicrosecondsPerCell = measurement.workersCPUSeconds / cells * 1e6
        return measurement
    }
}
