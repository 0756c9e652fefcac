import BenchmarkSupport
import Foundation
import Shared

/// Figure 4: how long `coordinator run` takes to serve again on a directory whose journal holds
/// a large sweep, measured from starting the process to the first answered `STATUS`.
///
/// The first start creates the journal (it records the spec and every cell); each resume then
/// opens that journal, re-queues, and serves. Between runs the coordinator is stopped with
/// `coordinator cancel DIR` (drain; with no worker it stops at once).
struct ResumeBenchmark {
    struct Start: Codable {
        /// Process started → contact file written (journal open, ROUTER bound).
        var contactSeconds: Double
        /// Process started → `STATUS-REPLY` received (includes the client's CURVE handshake).
        var statusSeconds: Double
        /// Share of the machine other processes used from start to STATUS-REPLY (0…1).
        var backgroundLoad: Double
    }

    struct Measurement: Codable {
        var cells: Int
        /// The start that created the journal.
        var firstStart: Start
        var resumes: [Start]
        var bestResumeSeconds: Double
        var medianResumeSeconds: Double
        var journalBytes: Int
    }

    let workspace: BenchmarkWorkspace
    let options: BenchmarkOptions

    func run() throws -> Measurement {
        let sweep = SyntheticSweep.atLeast(options.resumeCells, widthCount: 100, name: "bench-resume")
        let spec = try workspace.writeSpec(sweep)
        let directory = workspace.path + "/resume"
        let first = try timedStart(spec: spec, directory: directory, expectedCells: sweep.cellCount)
        printError("  first start (journal of \(sweep.cellCount) cells created): STATUS answered after \(format(first.statusSeconds, digits: 3)) s")
        var resumes: [Start] = []
        for run in 1...max(1, options.resumeRuns) {
            let resume = try timedStart(spec: spec, directory: directory, expectedCells: sweep.cellCount)
            printError("  resume \(run): STATUS answered after \(format(resume.statusSeconds, digits: 3)) s")
            resumes.append(resume)
        }
        let times = resumes.map(\.statusSeconds).sorted()
        let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        return Measurement(cells: sweep.cellCount, firstStart: first, resumes: resumes, bestResumeSeconds: times[0],
                           medianResumeSeconds: median, journalBytes: Self.bytes(under: directory))
    }

    /// Starts the coordinator, times contact file and first `STATUS-REPLY`, checks that the reply
    /// counts every cell, then cancels it and waits for it to exit.
    private func timedStart(spec: String, directory: String, expectedCells: Int) throws -> Start {
        let load = BackgroundLoad.snapshot()
        let started = monotonicSeconds()
        let coordinator = try workspace.startCoordinator(spec: spec, sweepDirectory: directory,
                                                         openFilesSoftLimit: options.coordinatorOpenFiles)
        defer { coordinator.kill9() }
        let contact = try CoordinatorContact.wait(in: directory, for: coordinator, timeout: options.timeoutSeconds)
        let contactAt = monotonicSeconds()
        let status = try StatusProbe.ask(endpoint: contact.endpoint, credentials: try workspace.clientCredentials(),
                                         timeout: options.timeoutSeconds, coordinator: coordinator)
        let statusAt = monotonicSeconds()
        // The snapshot was taken before the coordinator existed: all its CPU so far is ours.
        let backgroundLoad = load.fractionSince(excluding: (try? coordinator.cpuSeconds()) ?? 0)
        guard status.cells.total == expectedCells else {
            throw BenchmarkError.unexpected(what: "STATUS counts \(status.cells.total) cells, the spec has \(expectedCells)", log: coordinator.logPath)
        }
        try CoordinatorProcess.runCommand(executable: workspace.coordinator, arguments: ["cancel", directory])
        guard coordinator.waitForExit(timeout: options.timeoutSeconds) != nil else {
            throw BenchmarkError.timedOut(what: "the coordinator to exit after cancel", seconds: options.timeoutSeconds, log: coordinator.logPath)
        }
        return Start(contactSeconds: contactAt - started, statusSeconds: statusAt - started, backgroundLoad: backgroundLoad)
    }

    /// Total size of the files directly in `directory` (journal, WAL, spec).
    private static func bytes(under directory: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.reduce(0) { total, name in
            let attributes = try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)
            return total + ((attributes?[.size] as? Int) ?? 0)
        }
    }
}
