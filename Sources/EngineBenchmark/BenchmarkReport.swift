import Foundation

/// Everything one run measured, printable as Markdown or JSON (the JSON is what
/// scripts/bench-pytorch reads to put the engine beside PyTorch and numpy).
struct BenchmarkReport: Codable {
    struct Peak: Codable {
        var threads: Int
        var size: Int
        /// Best and median of the timed calls, GFLOP/s.
        var gflops: Double
        var medianGflops: Double
        /// Share of the machine's CPU time other processes used while it was measured.
        var backgroundLoad: Double
    }

    struct Shape: Codable {
        var shape: GemmShape
        var label: String
        /// Where the shape occurs, e.g. "W=1024 ∂x 1024→1024".
        var roles: [String]
        var threads: Int
        var gflops: Double
    }

    struct Training: Codable {
        var depth: Int
        var width: Int
        var threads: Int
        var steps: Int
        /// Best round; the median round shows how noisy the VM was.
        var examplesPerSecond: Double
        var medianExamplesPerSecond: Double
        var gflopPerStep: Double
        var gflops: Double
        /// gflops ÷ the square sgemm peak measured in this run at the same thread count.
        var fractionOfPeak: Double
        /// The step's GEMMs replayed alone (no bias, ReLU, loss, optimizer, gather).
        var gemmOnlyExamplesPerSecond: Double
        var gemmOnlyGflops: Double
        /// Share of the step's time that its GEMMs would take: gemm-only time ÷ step time.
        var gemmShareOfStep: Double
        var finalLoss: Double
        /// Share of the machine's CPU time other processes used while this row was measured.
        var backgroundLoad: Double
    }

    struct Breakdown: Codable {
        var depth: Int
        var width: Int
        var threads: Int
        var microsecondsPerStep: TrainingBenchmark.Breakdown
    }

    var machine: MachineDescription
    var batchSize: Int
    var inputs: Int
    var classes: Int
    var secondsPerConfig: Double
    var rounds: Int
    /// Share of the machine's CPU time other processes used during the whole run.
    var backgroundLoad: Double = .nan
    var peaks: [Peak] = []
    var shapes: [Shape] = []
    var training: [Training] = []
    var breakdowns: [Breakdown] = []

    func peak(threads: Int) -> Double? { peaks.first { $0.threads == threads }?.gflops }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }

    func markdown() -> String {
        var out: [String] = []
        out.append("# EngineBenchmark")
        out.append("")
        out.append(machine.summary)
        out.append("")
        out.append("MLP on 784 inputs (28×28×1), \(classes) classes, batch \(batchSize), SGD momentum 0.9, standard parameterization; "
                   + "synthetic data; best of \(rounds) rounds over \(format(secondsPerConfig, 1)) s per configuration (median in brackets).")
        out.append("")
        out.append("Other processes used \(format(100 * backgroundLoad, 0))% of the machine's CPU time during the run "
                   + "(/proc/stat minus this process); rows marked ⚠ had more than 10% while measured.")
        out.append("")
        out.append("## sgemm peak (square, best of 7 calls, measured at the start and at the end)")
        out.append("")
        out.append("| threads | size | GFLOP/s | median |")
        out.append("|---:|---:|---:|---:|")
        for p in peaks {
            let warn = p.backgroundLoad > 0.1 ? " ⚠" : ""
            out.append("| \(p.threads)\(warn) | \(p.size)³ | \(format(p.gflops, 1)) | \(format(p.medianGflops, 1)) |")
        }
        out.append("")
        out.append("## Training steps")
        out.append("")
        out.append("GFLOP counts 2·m·n·k for each GEMM executed (forward, ∂W, and ∂x except the first layer). "
                   + "GEMM-only: the same GEMMs replayed alone; GEMM share = GEMM-only time ÷ step time.")
        out.append("")
        out.append("| depth | width | threads | examples/s | GFLOP/step | GFLOP/s | % of peak | GEMM-only ex/s | GEMM-only GFLOP/s | GEMM share |")
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for t in training {
            let warn = t.backgroundLoad > 0.1 ? " ⚠" : ""
            out.append("| \(t.depth) | \(t.width) | \(t.threads)\(warn) | \(grouped(t.examplesPerSecond)) (\(grouped(t.medianExamplesPerSecond))) "
                       + "| \(format(t.gflopPerStep, 3)) | \(format(t.gflops, 1)) | \(format(100 * t.fractionOfPeak, 0))% "
                       + "| \(grouped(t.gemmOnlyExamplesPerSecond)) | \(format(t.gemmOnlyGflops, 1)) | \(format(100 * t.gemmShareOfStep, 0))% |")
        }
        if !shapes.isEmpty {
            let threadCounts = Array(Set(shapes.map(\.threads))).sorted()
            out.append("")
            out.append("## sgemm on the MLP's own shapes (GFLOP/s; m×n×k, N/T = op(A), op(B))")
            out.append("")
            out.append("| shape | occurs as | " + threadCounts.map { "\($0) thr" }.joined(separator: " | ") + " | "
                       + threadCounts.map { "\($0) thr % peak" }.joined(separator: " | ") + " |")
            out.append("|---|---|" + String(repeating: "---:|", count: 2 * threadCounts.count))
            var seen = Set<GemmShape>()
            for s in shapes where !seen.contains(s.shape) {
                seen.insert(s.shape)
                let rates = threadCounts.map { t in shapes.first { $0.shape == s.shape && $0.threads == t }?.gflops ?? .nan }
                let fractions = zip(threadCounts, rates).map { t, r in peak(threads: t).map { r / $0 } ?? .nan }
                out.append("| \(s.label) | \(s.roles.joined(separator: "; ")) | "
                           + rates.map { format($0, 1) }.joined(separator: " | ") + " | "
                           + fractions.map { format(100 * $0, 0) + "%" }.joined(separator: " | ") + " |")
            }
        }
        if !breakdowns.isEmpty {
            out.append("")
            out.append("## Where a step's time goes (µs per step; dense includes its GEMMs, bias and bias gradient)")
            out.append("")
            out.append("| depth | width | threads | gather | dense fwd | ReLU fwd | loss | dense bwd | ReLU bwd | optimizer | total | GEMM fwd alone | GEMM bwd alone |")
            out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
            for r in breakdowns {
                let b = r.microsecondsPerStep
                let cells = [b.gather, b.denseForward, b.reluForward, b.loss, b.denseBackward, b.reluBackward,
                             b.optimizer, b.total, b.gemmForward, b.gemmBackward].map { format($0, $0 < 100 ? 1 : 0) }
                out.append("| \(r.depth) | \(r.width) | \(r.threads) | " + cells.joined(separator: " | ") + " |")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

/// Fixed decimals, "—" for NaN.
func format(_ x: Double, _ decimals: Int) -> String {
    guard x.isFinite else { return "—" }
    return String(format: "%.\(decimals)f", x)
}

/// Examples/s with three significant figures, e.g. 266k, 48.1k, 692.
func grouped(_ x: Double) -> String {
    guard x.isFinite else { return "—" }
    if x >= 100_000 { return String(format: "%.0fk", x / 1000) }
    if x >= 10_000 { return String(format: "%.1fk", x / 1000) }
    if x >= 1_000 { return String(format: "%.2fk", x / 1000) }
    return String(format: "%.0f", x)
}
