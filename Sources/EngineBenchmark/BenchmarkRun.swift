import BenchmarkSupport
import Engine
import Foundation

/// One benchmark run: sgemm peaks, sgemm on the MLP's shapes, then training steps per
/// (depth, width, threads), each compared with the peak measured in the same run.
struct BenchmarkRun {
    let options: BenchmarkOptions
    let machine: MachineDescription

    private var inputs: Int { TrainingBenchmark.inputShape.count }
    private var peakFlops: Double { 2 * pow(Double(options.peakSize), 3) }

    func run() -> BenchmarkReport {
        var report = BenchmarkReport(machine: machine, batchSize: options.batchSize, inputs: inputs,
                                     classes: options.classes, secondsPerConfig: options.secondsPerConfig,
                                     rounds: options.rounds)
        let runLoad = BackgroundLoad.snapshot()
        for threads in options.threads { measurePeak(threads: threads, into: &report.peaks) }

        var plans: [MLPGemmPlan] = []
        for depth in options.depths {
            for width in options.widths {
                plans.append(MLPGemmPlan(depth: depth, width: width, inputs: inputs, classes: options.classes,
                                         batch: options.batchSize))
            }
        }
        if options.shapes { report.shapes = measureShapes(plans) }

        let bench = TrainingBenchmark(options: options)
        var measured: [(plan: MLPGemmPlan, threads: Int, measurement: TrainingBenchmark.Measurement, background: Double)] = []
        for plan in plans {
            for threads in options.threads {
                let (m, background) = measureTraining(bench, plan: plan, threads: threads)
                measured.append((plan, threads, m, background))
                if options.breakdown {
                    let b = bench.breakdown(depth: plan.depth, width: plan.width, threads: threads, plan: plan)
                    report.breakdowns.append(.init(depth: plan.depth, width: plan.width, threads: threads, microsecondsPerStep: b))
                }
            }
        }

        // The peak once more at the end: the best of both is the reference, so a busy moment at
        // the start cannot flatter the fractions.
        for threads in options.threads { measurePeak(threads: threads, into: &report.peaks) }

        let batch = Double(options.batchSize)
        for (plan, threads, m, background) in measured {
            let flops = plan.flopsPerStep
            let gflops = flops / m.steps.best / 1e9
            report.training.append(BenchmarkReport.Training(
                depth: plan.depth, width: plan.width, threads: threads, steps: m.steps.operations,
                examplesPerSecond: batch / m.steps.best, medianExamplesPerSecond: batch / m.steps.median,
                gflopPerStep: flops / 1e9, gflops: gflops,
                fractionOfPeak: report.peak(threads: threads).map { gflops / $0 } ?? .nan,
                gemmOnlyExamplesPerSecond: batch / m.gemmOnly.best, gemmOnlyGflops: flops / m.gemmOnly.best / 1e9,
                gemmShareOfStep: m.gemmOnly.best / m.steps.best, finalLoss: m.finalLoss,
                backgroundLoad: background))
        }
        report.backgroundLoad = runLoad.fractionSince()
        return report
    }

    /// The square-sgemm peak for `threads`, re-measured while the machine is busy; keeps the best.
    private func measurePeak(threads: Int, into peaks: inout [BenchmarkReport.Peak]) {
        for _ in 0...options.retries {
            let load = BackgroundLoad.snapshot()
            let times = SgemmBenchmark.peak(size: options.peakSize, threads: threads)
            let background = load.fractionSince()
            let peak = BenchmarkReport.Peak(threads: threads, size: options.peakSize, gflops: peakFlops / times.best / 1e9,
                                            medianGflops: peakFlops / times.median / 1e9, backgroundLoad: background)
            printError("sgemm \(options.peakSize)³, \(threads) thread(s): \(format(peak.gflops, 1)) GFLOP/s, "
                       + "other processes \(format(100 * background, 0))% of the CPUs")
            if let i = peaks.firstIndex(where: { $0.threads == threads }) {
                if peak.gflops > peaks[i].gflops { peaks[i] = peak }
            } else {
                peaks.append(peak)
            }
            if background <= options.busyThreshold { break }
        }
    }

    /// Each distinct GEMM shape of the plans once, labelled with every place it occurs.
    private func measureShapes(_ plans: [MLPGemmPlan]) -> [BenchmarkReport.Shape] {
        var roles: [GemmShape: [String]] = [:]
        var ordered: [GemmShape] = []
        for plan in plans {
            for call in plan.calls {
                let role = "W=\(plan.width) \(call.role)"
                if roles[call.shape] == nil { ordered.append(call.shape) }
                if !(roles[call.shape]?.contains(role) ?? false) { roles[call.shape, default: []].append(role) }
            }
        }
        var shapes: [BenchmarkReport.Shape] = []
        for shape in ordered {
            for threads in options.threads {
                let seconds = SgemmBenchmark.shape(shape, threads: threads).best
                shapes.append(.init(shape: shape, label: shape.label, roles: roles[shape] ?? [], threads: threads,
                                    gflops: shape.flops / seconds / 1e9))
            }
        }
        printError("sgemm on \(ordered.count) MLP shapes done")
        return shapes
    }

    /// One configuration, re-measured while other processes took the CPUs; the fastest counts.
    private func measureTraining(_ bench: TrainingBenchmark, plan: MLPGemmPlan, threads: Int)
        -> (TrainingBenchmark.Measurement, background: Double)
    {
        let batch = Double(options.batchSize)
        var best: (TrainingBenchmark.Measurement, background: Double)?
        for attempt in 0...options.retries {
            let load = BackgroundLoad.snapshot()
            let m = bench.measure(depth: plan.depth, width: plan.width, threads: threads, plan: plan)
            let background = load.fractionSince()
            printError("depth \(plan.depth) width \(plan.width) threads \(threads): \(grouped(batch / m.steps.best)) examples/s, "
                       + "GEMMs alone \(grouped(batch / m.gemmOnly.best)) examples/s, loss \(format(m.finalLoss, 3)), "
                       + "other processes \(format(100 * background, 0))% of the CPUs")
            if !m.finalLoss.isFinite { printError("WARNING: loss diverged; timings still count the same work") }
            if let current = best, current.0.steps.best <= m.steps.best {
                // keep the faster earlier measurement
            } else {
                best = (m, background)
            }
            if background <= options.busyThreshold { break }
            if attempt < options.retries { printError("  busy machine: measuring again (\(attempt + 1)/\(options.retries))") }
        }
        // 0...retries always runs at least once.
        return best ?? (bench.measure(depth: plan.depth, width: plan.width, threads: threads, plan: plan), .nan)
    }
}
