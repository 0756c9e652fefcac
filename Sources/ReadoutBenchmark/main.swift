import Datasets
import Engine
import Foundation
import ProcessControl

// The readout fits of a default-sweep cell, timed on the engine and exported so that
// scripts/bench/readout_fits.py can time scikit-learn and PyTorch on the very same features
// (scripts/bench-readout runs both and prints the ratios; docs/benchmarks.md records them).
//
//   swift run -c release ReadoutBenchmark [--widths 64,256,1024,4096] [--per-class 1000]
//                                         [--threads 1] [--rounds 3] [--data DIR] [--output DIR]
//
// Per width: an MLP of the default sweep (μP, base width 64, depth 1, SGD 0.05 with momentum 0.9,
// batch 128) trained on the coarse → fine task's source (3 groups) until its validation accuracy
// reaches 98.5%, as a cell does; then the penultimate features of `--per-class` training images
// of each of the 10 fine classes. On them: single readout fits at fixed L2 strengths from a cold
// start (the unit the anchors repeat), and the cell's whole 5-fold cross-validated selection.
// stdout gets one JSON object per width; --output DIR/w<width>/ gets features.f32 (rows × width,
// little-endian float32) and labels.i32 with meta.json.

let options = ReadoutBenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst()))
let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
let restart = CoreTypeSelection.restartPlan(cpuFlags: CoreTypeSelection.flags(fromCPUInfo: cpuinfo),
                                            environment: ProcessInfo.processInfo.environment)
if let note = restart.note { log("ReadoutBenchmark: \(note)") }
if !restart.environment.isEmpty { log("ReadoutBenchmark: " + restart.failureNote(ProcessRestart.reexecute(setting: restart.environment))) }
BLAS.threads = options.threads
log("ReadoutBenchmark: OpenBLAS \(BLAS.coreName), \(options.threads) thread(s)")

let dataset: Dataset
do {
    dataset = try DatasetLoader.load(DatasetSource(name: "fashion", format: .idx, path: options.data))
} catch {
    fail("cannot load Fashion-MNIST from \(options.data): \(error)")
}

for width in options.widths {
    let features = try ReadoutFeatures.make(dataset: dataset, width: width, perClass: options.perClass, log: log)
    let run = ReadoutTiming.run(features, strengths: options.strengths, rounds: options.rounds, log: log)
    if let directory = options.output {
        try features.export(to: directory + "/w\(width)", strengths: options.strengths)
    }
    print(run.json(width: width, features: features))
}

func log(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ReadoutBenchmark: \(message)\n".utf8))
    exit(2)
}
