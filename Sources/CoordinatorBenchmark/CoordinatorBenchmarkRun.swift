import BenchmarkSupport
import Foundation
import Shared

/// Runs the selected measurements in order — throughput, raw ZeroMQ, idle workers, resume —
/// each against a fresh `coordinator run` in its own sweep directory of one scratch directory.
struct CoordinatorBenchmarkRun {
    let options: BenchmarkOptions

    func run() throws -> CoordinatorBenchmarkReport {
        let machine = MachineDescription.read(workDirectory: options.workDirectory)
        printError("CoordinatorBenchmark: \(machine.summary)")
        var report = CoordinatorBenchmarkReport(machine: machine, benchmarkOpenFilesLimit: ResourceLimits.openFiles().soft)
        // The raw reference needs no coordinator; everything else runs the real one.
        var workspace: BenchmarkWorkspace?
        if !options.parts.isSubset(of: [.raw]) {
            let coordinator = options.resolvedCoordinatorPath()
            guard FileManager.default.isExecutableFile(atPath: coordinator) else {
                throw BenchmarkError.coordinatorMissing(path: coordinator)
            }
            workspace = try BenchmarkWorkspace.create(parent: options.workDirectory, coordinator: coordinator)
        }
        defer {
            if let workspace {
                if options.keep { printError("CoordinatorBenchmark: kept \(workspace.path)") } else { workspace.remove() }
            }
        }

        // Throughput and its raw reference alternate, so each pair saw the same machine.
        let echoes = options.parts.contains(.raw) ? try rawEchoes() : []
        for round in 1...options.rounds {
            if let workspace, options.parts.contains(.throughput) {
                printError("throughput \(round)/\(options.rounds): \(ThroughputBenchmark.sweep(options).cellCount) no-op cells, \(options.workers) workers × \(options.slots) slots, CURVE")
                let measurement = try ThroughputBenchmark(workspace: workspace, options: options).run(round: round)
                printError("  \(grouped(measurement.cellsPerSecond)) cells/s, coordinator \(format(measurement.coordinatorMicrosecondsPerCell, digits: 1)) µs CPU per cell, background load \(percent(measurement.backgroundLoad))")
                report.throughput.append(measurement)
            }
            for echo in echoes {
                printError("raw ZeroMQ \(round)/\(options.rounds): \(echo.shape), \(echo.dealers) DEALERs × \(echo.window) in flight, CURVE, \(format(echo.seconds, digits: 0)) s")
                let measurement = try echo.run()
                printError("  \(grouped(measurement.roundTripsPerSecond)) round trips/s, background load \(percent(measurement.backgroundLoad))")
                report.raw.append(measurement)
            }
        }
        if let workspace, options.parts.contains(.idle) {
            printError("idle: \(options.idleWorkers) workers heartbeating every second")
            report.idle = try IdleWorkersBenchmark(workspace: workspace, options: options).run()
        }
        if let workspace, options.parts.contains(.resume) {
            printError("resume: \(options.resumeCells)-cell journal, \(options.resumeRuns) resumes")
            report.resume = try ResumeBenchmark(workspace: workspace, options: options).run()
        }
        return report
    }

    /// The two reference shapes: `small` (HEARTBEAT-sized both ways) and `protocol-shaped`
    /// (a RESULT in, an ACK and an ASSIGN out, with the sizes the throughput sweep produces).
    private func rawEchoes() throws -> [RawCurveEcho] {
        let sweep = ThroughputBenchmark.sweep(options)
        let spec = try SweepSpec.parse(yaml: sweep.yaml, file: "bench-throughput.yaml")
        guard let cell = spec.cells.first else { throw BenchmarkError.unexpected(what: "the throughput spec has no cells", log: "-") }
        let material = spec.cellKeyMaterial(cell, engineVersion: WidthsweepVersion.engine)
        let key = SHA256.hexDigest(of: material)
        let leaseId = "0123456789abcdef"
        var template = try ResultTemplate()
        let result = template.result(leaseId: Array(leaseId.utf8), cellKey: Array(key.utf8), attempt: [0, 0, 0, 1], coordinate: cell)
        let ack = WireCodec.encode(CoordinatorMessage.ack(cellKey: key, attempt: 1, status: .accepted, detail: ""))
        let assignment = CellAssignment(cell: cell, keyMaterial: material, specYAML: sweep.yaml, leaseMilliseconds: 120_000)
        let assign = WireCodec.encode(CoordinatorMessage.assign(leaseId: leaseId, cellKey: key, attempt: 1, cell: assignment))
        let heartbeat = WireCodec.encode(WorkerMessage.heartbeat)
        return [
            RawCurveEcho(shape: "small", dealers: options.workers, window: options.slots, request: heartbeat,
                         replies: [heartbeat], seconds: options.rawSeconds),
            RawCurveEcho(shape: "protocol-shaped", dealers: options.workers, window: options.slots, request: result,
                         replies: [ack, assign], seconds: options.rawSeconds),
        ]
    }
}
