import ArgumentParser
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

    @Option(help: "Also write the JSON result to this file.")
    var output: String?

    @Flag(help: "No per-epoch progress on stderr.")
    var quiet = false

    func validate() throws {
        guard width > 0 else { throw ValidationError("--width must be positive, got \(width)") }
        guard seed >= 0 else { throw ValidationError("--seed must be non-negative, got \(seed)") }
    }

    func run() throws {
        let sweep = try SweepSpec.load(path: spec)
        let cell = CellCoordinate(width: width, seed: seed, task: task)
        if !sweep.widths.contains(width) || !sweep.seeds.contains(seed) {
            log("note: \(cell) is outside the spec's grid; it trains anyway with the spec's settings")
        }
        log("training \(cell) (\(sweep.model.parameterizationName), OpenBLAS \(BLAS.coreName) × \(sweep.training.threads) threads)")
        let result = try CellRunner(spec: sweep).run(cell) { line in
            if !quiet { log("\(cell) \(line)") }
        }
        let json = try ResultJSON.encode(result)
        print(json)
        if let output { try (json + "\n").write(toFile: output, atomically: true, encoding: .utf8) }
        log(String(format: "%@ test accuracy %.2f%% after %d epochs (target %@)", cell.description,
                   100 * result.source.testAccuracy, result.source.epochs,
                   result.source.targetAccuracy.map { result.source.targetMet ? "met" : "missed, \(String(format: "%.2f%%", 100 * $0))" } ?? "none"))
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
