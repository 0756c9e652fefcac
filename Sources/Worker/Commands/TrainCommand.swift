import ArgumentParser
import Datasets
import Engine
import Foundation
import Shared

/// `worker train`: one cell of a sweep spec, without a coordinator.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train and evaluate one cell of a sweep spec; print its result as JSON on stdout.",
        discussion: "Per-epoch progress goes to stderr. The result is deterministic for a given spec and cell.")

    @Argument(help: "The sweep spec (YAML).")
    var spec: String

    @Option(help: "Hidden width (MLP units or CNN channel multiplier).")
    var width: Int

    @Option(help: "Replicate seed.")
    var seed: Int = 0

    @Option(help: "Source task name under `tasks` in the spec.")
    var task: String

    @Option(help: ArgumentHelp(
        "Model variant of a spec that lists model axes (`coordinator plan` shows the names, e.g. mup or standard).",
        discussion: "Required when the spec lists model.family, model.depth, model.parameterization or training.optimizer; refused otherwise."))
    var variant: String?

    @Option(help: "Also write the JSON result to this file.")
    var output: String?

    @Option(help: "Write the cell's files (activation atlas PNGs, for cells the spec's atlas section selects) into this directory.")
    var artifacts: String?

    @Option(help: ArgumentHelp(
        "Keep decoded datasets in this directory and map them in later runs (default: $XDG_CACHE_HOME/widthsweep/datasets or ~/.cache/widthsweep/datasets).",
        discussion: "Rebuilt automatically when a dataset file changes; delete the directory to clear it."))
    var dataCache: String?

    @Flag(help: "Decode the dataset files every time; neither read nor write the dataset cache.")
    var noDataCache = false

    @Flag(help: "No per-epoch progress on stderr.")
    var quiet = false

    // Hidden flags: how `worker --connect` runs each cell in a child process.

    @Flag(help: .hidden)
    var progressJSON = false

    @Option(help: .hidden)
    var expectKey: String?

    @Option(help: .hidden)
    var supervisorPid: Int32?

    /// The exit status of a cell whose spec gives another key than `--expect-key`; the
    /// supervising worker turns it into `FAILED key-mismatch: …` (docs/protocol.md §2.4 ASSIGN).
    /// (10 and 11 mean nothing else in either executable: docs/architecture.md §9 lists them all.)
    static let keyMismatchStatus: Int32 = 10
    /// The exit status of a cell whose inputs are unusable — the spec, a dataset's files, a class
    /// id or image shape the data lacks — so every attempt on every worker would fail the same
    /// way; the supervising worker turns it into `FAILED input-error: …` (docs/protocol.md §2.4
    /// FAILED), and a coordinator that hears it from two workers in a row stops leasing.
    static let inputErrorStatus: Int32 = 11

    /// The errors that mean the cell's inputs are unusable, as opposed to a failure of the
    /// computation (a NaN loss, a crash): the same on any worker, so retrying cannot help.
    static func isInputError(_ error: any Error) -> Bool {
        error is SpecError || error is DatasetError || error is CellError || error is ValidationError
    }

    func validate() throws {
        guard width > 0 else { throw ValidationError("--width must be positive, got \(width)") }
        guard seed >= 0 else { throw ValidationError("--seed must be non-negative, got \(seed)") }
        if progressJSON && output == nil {
            throw ValidationError("--progress-json needs --output: stdout then carries progress, not the result")
        }
    }

    func run() throws {
        if let supervisorPid { try SupervisorWatch.killWhenParentDies(supervisor: supervisorPid) }
        do {
            try train()
        } catch let error where progressJSON && Self.isInputError(error) {
            // Only as a supervised child: a person running `worker train` gets the usual message.
            log("input-error: \(error)")
            throw ExitCode(Self.inputErrorStatus)
        }
    }

    private func train() throws {
        let sweep = try Self.resolve(try SweepSpec.load(path: spec), variant: variant)
        let cell = CellCoordinate(width: width, seed: seed, task: task, variant: variant ?? "")
        if let expectKey {
            let key = sweep.cellKey(cell, engineVersion: WidthsweepVersion.engine)
            guard key == expectKey else {
                log("key-mismatch: the spec gives \(cell) the key \(key) with engine \(WidthsweepVersion.engine), expected \(expectKey)")
                throw ExitCode(Self.keyMismatchStatus)
            }
        }
        if !sweep.widths.contains(width) || !sweep.seeds.contains(seed) {
            log("note: \(cell) is outside the spec's grid; it trains anyway with the spec's settings")
        }
        log("training \(cell) (\(sweep.model.parameterizationName), OpenBLAS \(BLAS.coreName) × \(sweep.training.threads) threads)")
        let runner = CellRunner(spec: sweep, dataCache: noDataCache ? nil : DatasetFileCache(directory: dataCacheDirectory),
                                log: { log($0) })
        let (result, files) = try runner.produce(cell) { report in
            if progressJSON {
                ProgressLines.write(report)
            } else if !quiet && !report.line.isEmpty {
                log("\(cell) \(report.line)")
            }
        }
        try writeArtifacts(files)
        let json = try ResultJSON.encode(result)
        if !progressJSON { print(json) }
        if let output { try (json + "\n").write(toFile: output, atomically: true, encoding: .utf8) }
        log(String(format: "%@ test accuracy %.2f%% after %.2f epochs, %d steps (target %@)", cell.description,
                   100 * result.source.testAccuracy, result.source.epochsSeen, result.source.steps,
                   result.source.targetAccuracy.map { result.source.targetMet ? "met" : "missed, \(String(format: "%.2f%%", 100 * $0))" } ?? "none"))
    }
}

extension TrainCommand {
    /// The spec `variant` names: the cell trains with that variant's single values.
    static func resolve(_ spec: SweepSpec, variant: String?) throws -> SweepSpec {
        let names = spec.variants.map(\.name).joined(separator: ", ")
        guard let variant else {
            guard spec.variants.isEmpty else {
                throw ValidationError("the spec lists model axes; pass --variant, one of: \(names)")
            }
            return spec
        }
        guard !spec.variants.isEmpty else {
            throw ValidationError("--variant \(variant): the spec lists no model axis, so it has no variants")
        }
        guard let resolved = spec.resolved(variant: variant) else {
            throw ValidationError("--variant \(variant): the spec has no such variant (variants: \(names))")
        }
        return resolved
    }

    /// `--data-cache`, or the user's cache directory: decoded datasets are per user, not per
    /// sweep, and a cache directory is the place the user expects to be able to clear.
    private var dataCacheDirectory: String {
        if let dataCache { return dataCache }
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/widthsweep/datasets" }
        return NSHomeDirectory() + "/.cache/widthsweep/datasets"
    }

    /// Writes each file before the result, so a supervising worker that finds the result finds
    /// its files too.
    private func writeArtifacts(_ files: [ResultDelivery.Artifact]) throws {
        guard !files.isEmpty else { return }
        guard let artifacts else {
            log("note: \(files.map(\.name).joined(separator: ", ")) not written (pass --artifacts DIR to keep them)")
            return
        }
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        for file in files {
            let path = artifacts + "/" + file.name
            try Data(file.data).write(to: URL(fileURLWithPath: path), options: .atomic)
            if !progressJSON { log("wrote \(path)") }
        }
    }
}

extension ModelSpec {
    /// "μP (base width 64)" or "standard parameterization", for log lines.
    var parameterizationName: String {
        switch parameterization {
        case .standard: return "standard parameterization"
        case .mup(let base): return "μP, base width \(base)"
        }
    }
}
