import ArgumentParser
import Engine
import Foundation
import Shared

/// `worker --connect tcp://HOST:PORT …`: serve a coordinator (docs/protocol.md) until it says
/// the sweep is done, running each assigned cell in a child process.
struct ConnectOptions: ParsableArguments {
    @Option(name: .customLong("connect"), help: ArgumentHelp("The coordinator's endpoint; serve it until the sweep is done.",
                                                             valueName: "tcp://HOST:PORT"))
    var endpoint: String?

    @Option(help: "Cells to run at once, each in its own process.")
    var slots = 1

    @Option(help: "CPU threads this worker offers (informational; each cell uses its spec's training.threads). Default: all cores.")
    var threads: Int?

    @Option(name: .customLong("id"), help: ArgumentHelp("Worker id the coordinator knows this worker by. Default: host:pid.", valueName: "ID"))
    var workerId: String?

    @Option(help: ArgumentHelp("The coordinator's public key file (server.pub); requires --key.", valueName: "FILE"))
    var serverKey: String?

    @Option(help: ArgumentHelp("This worker's secret key file (NAME.secret); requires --server-key.", valueName: "FILE"))
    var key: String?

    @Option(help: ArgumentHelp("Folder for the cells' spec and result files. Default: a fresh temporary folder, removed at exit.",
                               valueName: "DIR"))
    var workDir: String?

    @Option(help: ArgumentHelp("Exit when the process with this pid exits (set by `coordinator run --local-workers`).",
                               valueName: "PID"))
    var parentPid: Int32?

    /// True when the arguments ask for the connected worker (`--connect` anywhere, before any
    /// subcommand), so main can prepare the process before parsing.
    static func requested(in arguments: [String]) -> Bool {
        guard let first = arguments.first, !["train", "blas", "help"].contains(first) else { return false }
        return arguments.contains { $0 == "--connect" || $0.hasPrefix("--connect=") }
    }

    func validate() throws {
        guard let endpoint else {
            let stray = [slots != 1 ? "--slots" : nil, threads.map { _ in "--threads" }, workerId.map { _ in "--id" },
                         serverKey.map { _ in "--server-key" }, key.map { _ in "--key" }, workDir.map { _ in "--work-dir" }]
                .compactMap { $0 }
            if let first = stray.first { throw ValidationError("\(first) needs --connect tcp://HOST:PORT") }
            return
        }
        let parsed: Endpoint
        do { parsed = try Endpoint(parsing: endpoint) } catch { throw ValidationError("--connect: \(error)") }
        if parsed.port == "*" || parsed.host == "*" {
            throw ValidationError("--connect needs the coordinator's host and port, not a wildcard: \(endpoint)")
        }
        guard WireConstants.slotsRange.contains(slots) else {
            throw ValidationError("--slots must be in \(WireConstants.slotsRange), got \(slots)")
        }
        if let threads, !WireConstants.threadsRange.contains(threads) {
            throw ValidationError("--threads must be in \(WireConstants.threadsRange), got \(threads)")
        }
        if let workerId, !Self.isValidWorkerId(workerId) {
            throw ValidationError("--id '\(workerId)' must be 1–64 characters of A–Z a–z 0–9 . _ : @ -")
        }
        if (serverKey == nil) != (key == nil) {
            throw ValidationError("--server-key and --key go together: give both for CURVE, or neither on loopback")
        }
    }

    /// What the worker announces in `READY` (§2.4) and who it says it is.
    func configuration() -> WorkerSession.Configuration {
        let host = HostName.current()
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let capabilities = WorkerCapabilities(
            slots: slots, threads: threads ?? min(max(cores, 1), WireConstants.threadsRange.upperBound), host: host,
            engineVersion: WidthsweepVersion.engine, implementation: "widthsweep-worker \(WidthsweepVersion.engine)",
            blasCore: String(BLAS.coreName.prefix(WireConstants.maxBlasCoreBytes)))
        let id = workerId ?? Self.defaultWorkerId(host: host)
        return WorkerSession.Configuration(workerId: id, capabilities: capabilities)
    }

    /// `host:pid`, with characters the worker-id pattern forbids replaced, cut to 64 bytes.
    static func defaultWorkerId(host: String) -> String {
        let pid = ":\(getpid())"
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:@-")
        let cleaned = String(host.map { allowed.contains($0) ? $0 : "-" }.prefix(WireConstants.maxWorkerIdBytes - pid.count))
        return (cleaned.isEmpty ? "worker" : cleaned) + pid
    }

    static func isValidWorkerId(_ id: String) -> Bool {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:@-".utf8)
        return (1...WireConstants.maxWorkerIdBytes).contains(id.utf8.count) && id.utf8.allSatisfy(allowed.contains)
    }
}
