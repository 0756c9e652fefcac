import BenchmarkSupport
import Foundation

/// What to measure, parsed from the command line (this target depends on `Shared` only, so the
/// handful of flags are parsed by hand, as the engine benchmark does).
struct BenchmarkOptions {
    enum Part: String, CaseIterable {
        case throughput, raw, idle, resume
    }

    var parts = Set(Part.allCases)
    /// The `coordinator` executable; default: next to this benchmark's own executable.
    var coordinatorPath: String?
    /// Where the scratch directory (keys, journals, logs) goes. Journals are fsynced, so this
    /// should be a real disk, not tmpfs.
    var workDirectory = NSTemporaryDirectory()
    /// Figure 1: cells in the throughput sweep (20 widths × enough seeds).
    var throughputCells = 20_000
    var workers = 8
    var slots = 64
    /// Figure 3.
    var idleWorkers = 1_000
    var idleSeconds = 10.0
    /// Figure 4: cells in the resumed journal (100 widths × enough seeds), and how many resumes.
    var resumeCells = 100_000
    var resumeRuns = 3
    /// Timed seconds per raw ZeroMQ shape.
    var rawSeconds = 3.0
    /// Throughput and raw ZeroMQ are measured this many times, interleaved; the best round counts
    /// (the VM is shared, and the least disturbed round is the estimate of what the code can do).
    var rounds = 3
    /// Soft `RLIMIT_NOFILE` the coordinator is started with (Debian's default); nil: inherit.
    var coordinatorOpenFiles: UInt64? = 1_024
    /// How long any one wait may take before the run fails.
    var timeoutSeconds = 300.0
    var keep = false
    var json = false
    var outputPath: String?

    static let usage = """
        usage: CoordinatorBenchmark [--only throughput,raw,idle,resume] [--coordinator PATH] [--work-dir DIR]
                                    [--cells N] [--workers N] [--slots N] [--idle-workers N] [--idle-seconds S]
                                    [--resume-cells N] [--resume-runs N] [--raw-seconds S] [--rounds N] [--coordinator-nofile N]
                                    [--timeout S] [--keep] [--json] [--output PATH]

          --only            which measurements to run (default: all four)
          --coordinator     the coordinator executable (default: next to this one)
          --work-dir        parent of the scratch directory; use a real disk, journals are fsynced (default $TMPDIR or /tmp)
          --cells           cells in the throughput sweep (default 20000)
          --workers         fake workers for throughput, one DEALER each (default 8)
          --slots           slots per fake worker (default 64)
          --idle-workers    heartbeating workers (default 1000)
          --idle-seconds    seconds the idle coordinator's CPU is measured (default 10)
          --resume-cells    cells in the resumed journal (default 100000)
          --resume-runs     resumes timed after the first start (default 3)
          --raw-seconds     timed seconds per raw ZeroMQ shape (default 3)
          --rounds          rounds of throughput and raw ZeroMQ, interleaved; the best counts (default 3)
          --coordinator-nofile  soft open-files limit the coordinator starts with; 0 inherits (default 1024)
          --timeout         seconds any single wait may take (default 300)
          --keep            keep the scratch directory (journals, logs) and print where it is
          --json            machine-readable output
          --output          write the report to PATH instead of stdout
        """

    /// Parses `arguments` (without the program name); on a bad flag prints usage and exits 2.
    static func parse(_ arguments: [String]) -> BenchmarkOptions {
        var options = BenchmarkOptions()
        var flags = FlagReader(program: "CoordinatorBenchmark", usage: usage, arguments: arguments)
        while let flag = flags.nextFlag() {
            switch flag {
            case "--only":
                let text = flags.value(flag)
                let parts = text.split(separator: ",").map { Part(rawValue: String($0)) }
                guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else {
                    flags.fail("--only wants a list of \(Part.allCases.map(\.rawValue).joined(separator: ",")), got '\(text)'")
                }
                options.parts = Set(parts.compactMap { $0 })
            case "--coordinator": options.coordinatorPath = flags.value(flag)
            case "--work-dir": options.workDirectory = flags.value(flag)
            case "--cells": options.throughputCells = flags.count(flag)
            case "--workers": options.workers = flags.count(flag)
            case "--slots":
                options.slots = flags.count(flag)
                guard options.slots <= 256 else { flags.fail("--slots must be ≤ 256 (docs/protocol.md §2.4)") }
            case "--idle-workers": options.idleWorkers = flags.count(flag)
            case "--idle-seconds": options.idleSeconds = flags.seconds(flag)
            case "--resume-cells": options.resumeCells = flags.count(flag)
            case "--resume-runs": options.resumeRuns = flags.count(flag)
            case "--raw-seconds": options.rawSeconds = flags.seconds(flag)
            case "--rounds": options.rounds = flags.count(flag)
            case "--coordinator-nofile":
                let n = flags.count(flag, minimum: 0)
                options.coordinatorOpenFiles = n == 0 ? nil : UInt64(n)
            case "--timeout": options.timeoutSeconds = flags.seconds(flag)
            case "--keep": options.keep = true
            case "--json": options.json = true
            case "--output": options.outputPath = flags.value(flag)
            default: flags.unknown(flag)
            }
        }
        return options
    }

    /// `--coordinator`, or `coordinator` in the folder of this executable (`/proc/self/exe`), where
    /// `swift build` puts every product of the package.
    func resolvedCoordinatorPath() -> String {
        if let coordinatorPath { return coordinatorPath }
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (own as NSString).deletingLastPathComponent + "/coordinator"
    }
}
