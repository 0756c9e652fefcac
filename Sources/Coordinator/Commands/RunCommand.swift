import ArgumentParser
import Foundation
import Shared

/// `coordinator run`: starts or resumes a sweep and serves its cells to workers until every
/// cell is finished or failed.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Start or resume a sweep: dispatch its cells to workers over ZeroMQ and record results.",
        discussion: """
            Re-running on the same directory resumes: finished cells are never recomputed, cells that were \
            in flight are queued again, and a spec that only adds widths, seeds or tasks adds those cells. \
            Ctrl-C drains (running cells finish, nothing new starts); a second Ctrl-C releases them at once.
            """)

    @Argument(help: "The sweep spec (YAML).")
    var spec: String

    @Option(help: "Sweep directory (journal, artifacts, report). Default: sweeps/<spec name>.")
    var dir: String?

    @Option(help: "ZeroMQ endpoint to bind. Without keys, loopback gets a key pair made for this run (only this user's local workers and clients can join) and anything else is refused unless --insecure.")
    var bind = "tcp://127.0.0.1:*"

    @Option(help: "Worker processes to start on this host (one slot and one BLAS thread each).")
    var localWorkers = 0

    @Option(help: "Key directory (server.secret, authorized); CURVE is on when it holds server.secret.")
    var keys = KeysCommand.defaultDirectory

    @Flag(help: "Serve without keys: any process that can connect (on loopback, any user of this host) may register, take work, submit results and cancel.")
    var insecure = false

    @Flag(help: "Do not check the datasets on this host before starting (for data that exists only on the workers' hosts).")
    var datasetsOnWorkers = false

    @Flag(help: "If the spec changes what existing cells mean, set the old journal aside and start over.")
    var startOver = false

    @Option(help: "Failed attempts after which a cell is marked failed.")
    var maxAttempts = 3

    @Option(help: "Consecutive failed cells after which a worker gets no more work.")
    var quarantineAfter = 4

    @Option(help: "Heartbeat interval in milliseconds (both directions).")
    var heartbeatMs = 1000

    @Option(help: "Missed heartbeats after which a worker is dead.")
    var liveness = 5

    @Option(help: "Lease duration in seconds; workers renew it with progress messages.")
    var leaseSeconds = 120

    func validate() throws {
        guard localWorkers >= 0 else { throw ValidationError("--local-workers must be ≥ 0") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be ≥ 1") }
        guard quarantineAfter >= 1 else { throw ValidationError("--quarantine-after must be ≥ 1") }
        guard WireConstants.heartbeatMillisecondsRange.contains(heartbeatMs) else {
            throw ValidationError("--heartbeat-ms must be within \(WireConstants.heartbeatMillisecondsRange)")
        }
        guard WireConstants.livenessRange.contains(liveness) else { throw ValidationError("--liveness must be within \(WireConstants.livenessRange)") }
        guard WireConstants.leaseMillisecondsRange.contains(leaseSeconds * 1000) else {
            throw ValidationError("--lease-seconds must be within 1...86400")
        }
    }

    func run() throws {
        let (yaml, sweep) = try SweepOpening.readSpec(path: spec)
        try SpecDataPreflight.check(sweep, yaml: yaml, file: spec, skip: datasetsOnWorkers, log: { log($0) })
        let directory = SweepDirectory(dir ?? SweepDirectory.defaultPath(forSweep: sweep.name))
        let security = try ServerSecurity.load(keysDirectory: keys, bind: bind, insecure: insecure)
        let opened = try SweepOpening(directory: directory, engineVersion: WidthsweepVersion.engine)
            .open(yaml: yaml, spec: sweep, startOver: startOver, now: Date().timeIntervalSince1970)
        for note in opened.notes { log(note) }

        let settings = DispatcherSettings(
            sweepName: opened.spec.name, heartbeatInterval: .milliseconds(heartbeatMs), liveness: liveness,
            leaseDuration: .seconds(leaseSeconds), maxAttempts: maxAttempts, quarantineAfter: quarantineAfter)
        let dispatcher = Dispatcher(settings: settings, cells: opened.cells, leaseSalt: UInt64.random(in: .min ... .max))
        let counts = dispatcher.counts
        log("\(counts.total) cells: \(counts.finished) finished, \(counts.failed) failed, \(counts.queued) to run")

        var outcome = CoordinatorServer.Outcome.done
        var stopReason: String?
        if !dispatcher.isStopped {
            let server = CoordinatorServer(
                directory: directory, journal: opened.journal, specYAML: opened.specYAML, dispatcher: dispatcher,
                security: security, options: .init(bind: bind, localWorkers: localWorkers))
            outcome = try server.run()
            stopReason = server.stopReason
        }
        let table = try PlainReport(journal: opened.journal).render()
        print(table, terminator: "")
        do {
            let writer = ReportWriter(sweepDirectory: directory.path)
            let report = try writer.refresh(from: opened.journal)
            print("")
            print(ReportCommand.summary(report, at: writer.reportDirectory), terminator: "")
        } catch {
            log("the report could not be written (the results are safe in the journal; `coordinator report \(directory.path)` retries): \(error)")
        }
        let failed = try opened.journal.failedCells().count
        opened.journal.close()
        opened.lock.release()
        switch outcome {
        case .done where failed == 0:
            log("sweep \(opened.spec.name) done: results in \(directory.path)")
        case .done:
            log("sweep \(opened.spec.name) done with \(failed) failed cell\(failed == 1 ? "" : "s"); see `coordinator report \(directory.path)`")
            throw ExitCode(1)
        case .drained, .cancelled:
            // Repeated after the table, where a stop for broken inputs would otherwise scroll away.
            if let stopReason { log("stopped because \(stopReason)") }
            log("stopped before the end; `coordinator run \(spec)\(dir.map { " --dir \($0)" } ?? "")` resumes")
            throw ExitCode(3)
        }
    }
}
