import Atlas
import Datasets
import Engine
import Foundation
import ProcessControl
import Shared

// The activation atlas of one trained MLP, phase by phase, against its budget (an atlas of a
// width-1024 MLP on 10,000 inputs in under 2 minutes on 2 cores; docs/architecture.md §10) and
// against the square sgemm rate measured in the same run.
//
//   swift run -c release AtlasBenchmark [--width 1024] [--examples 10000] [--threads 2] [--steps 256]
//                                       [--restarts 3] [--select-after N] [--layout-epochs N]
//                                       [--seeds 11,12,13] [--data DIR] [--output DIR]
//
// --seeds draws one atlas per seed of the same trained network: the phase table shows each
// phase's median over them (timings on a shared machine need several runs), and each seed's
// consistency and trustworthiness are listed, so their spread is the noise a change of settings
// must stay within. --select-after and --layout-epochs override the visualisation's and the
// layout's defaults to compare settings.
//
// --output DIR writes the two PNGs and `activations.f32` (the laid-out activations, rows × width
// little-endian float32, shape in `activations.txt`) for scripts/bench-atlas-layout, which times
// umap-learn on the very same points.

var options = (width: 1024, examples: 10_000, threads: 2, steps: 256, restarts: 3, selectAfter: Int?.none,
               layoutEpochs: Int?.none, seeds: [UInt64(11)], data: "/usr/share/datasets/fashion-mnist",
               output: String?.none)
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else { fail("\(flag) needs a value") }
    switch flag {
    case "--width": options.width = positive(flag, value)
    case "--examples": options.examples = positive(flag, value)
    case "--threads": options.threads = positive(flag, value)
    case "--steps": options.steps = positive(flag, value)
    case "--restarts": options.restarts = positive(flag, value)
    case "--select-after": options.selectAfter = positive(flag, value)
    case "--layout-epochs": options.layoutEpochs = positive(flag, value)
    case "--seeds":
        let seeds = value.split(separator: ",").compactMap { UInt64($0) }
        guard !seeds.isEmpty else { fail("--seeds needs a comma-separated list of seeds, got \(value)") }
        options.seeds = seeds
    case "--data": options.data = value
    case "--output": options.output = value
    default: fail("unknown option \(flag) (known: --width --examples --threads --steps --restarts --select-after --layout-epochs --seeds --data --output)")
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("AtlasBenchmark: \(message)\n".utf8))
    exit(2)
}

func positive(_ flag: String, _ value: String) -> Int {
    guard let n = Int(value), n > 0 else { fail("\(flag) needs a positive integer, got \(value)") }
    return n
}

func log(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

// Debian's OpenBLAS picks legacy kernels on some AVX-512 parts; measure the ones the worker uses.
let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
let restart = CoreTypeSelection.restartPlan(cpuFlags: CoreTypeSelection.flags(fromCPUInfo: cpuinfo),
                                            environment: ProcessInfo.processInfo.environment)
if let note = restart.note { log("AtlasBenchmark: \(note)") }
if !restart.environment.isEmpty { log("AtlasBenchmark: " + restart.failureNote(ProcessRestart.reexecute(setting: restart.environment))) }
BLAS.threads = options.threads
let clock = ContinuousClock()

// The split task of the default sweep (classes 0–4), one epoch of the default training.
let dataset: Dataset
do {
    dataset = try DatasetLoader.load(DatasetSource(name: "fashion", format: .idx, path: options.data))
} catch {
    fail("cannot load Fashion-MNIST from \(options.data): \(error)")
}
let data = try TaskBuilder.build(dataset, labels: .classes([0, 1, 2, 3, 4]), validationFraction: 0.1,
                                 trainLimit: nil, splitSeed: 1)
let config = ModelConfig(architecture: .mlp(depth: 1), inputShape: data.shape, classes: data.classCount,
                         width: options.width, parameterization: .mup, baseWidth: 64)
let training = TrainingConfig(optimizer: OptimizerConfig(kind: .sgd(momentum: 0.9), learningRate: 0.05),
                              batchSize: 128, maxEpochs: 1, targetAccuracy: nil)
let network = Network(config: config, batchCapacity: 256, optimizer: .sgd, seed: 7)
let outcome = try Trainer(network: network, config: training, orderSeed: 3).train(data.train.set, validation: data.validation.set)
log(String(format: "trained width %d for 1 epoch: validation accuracy %.3f", options.width, outcome.validationAccuracy))

// Inputs: the test split (5,000 images of classes 0–4) topped up with training images.
let test = data.test.set, train = data.train.set
let fromTest = min(options.examples, test.count)
let fromTrain = min(options.examples - fromTest, train.count)
let inputs = Matrix(rows: fromTest + fromTrain, cols: test.featureCount,
                    values: Array(test.features.prefix(fromTest * test.featureCount))
                        + Array(train.features.prefix(fromTrain * train.featureCount)))

// The sgemm rate the machine reaches at this thread count, for scale.
let side = 2048
let a = Matrix(rows: side, cols: side), b = Matrix(rows: side, cols: side), c = Matrix(rows: side, cols: side)
for i in 0..<(side * side) { a.base[i] = Float(i % 7) * 0.1; b.base[i] = Float(i % 5) * 0.1 }
BLAS.gemm(m: side, n: side, k: side, a: a.base, lda: side, b: b.base, ldb: side, c: c.base, ldc: side)
let gemmStart = clock.now
let gemmRounds = 5
for _ in 0..<gemmRounds {
    BLAS.gemm(m: side, n: side, k: side, a: a.base, lda: side, b: b.base, ldb: side, c: c.base, ldc: side)
}
let peak = 2 * Double(side * side * side) * Double(gemmRounds) / (clock.now - gemmStart).seconds / 1e9

// The spec's defaults for what the options leave open.
let defaults = AtlasSection(seeds: [0])
var builder = AtlasBuilder(grid: defaults.grid, minPoints: defaults.minPoints, neurons: defaults.neurons,
                           steps: options.steps, restarts: options.restarts)
if let step = options.selectAfter { builder.visualisation.selectionStep = step }
if let epochs = options.layoutEpochs { builder.layout.epochs = epochs }
var atlases: [(atlas: ActivationAtlas, total: Double)] = []
for seed in options.seeds {
    let start = clock.now
    let atlas = try builder.build(network: network, inputs: inputs, shape: data.shape, pixelMean: data.pixelMean,
                                  pixelStandardDeviation: data.pixelStandardDeviation, seed: seed, progress: log)
    atlases.append((atlas, (clock.now - start).seconds))
}
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted(), n = sorted.count
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
}
let total = median(atlases.map(\.total))

print("# Activation atlas benchmark")
print("")
print("width \(options.width), \(inputs.rows) inputs, \(options.threads) OpenBLAS thread(s) (\(BLAS.coreName)), "
      + "\(options.steps) steps × \(options.restarts) restarts (best kept after step "
      + "\(builder.visualisation.selectionStep)), \(builder.layout.epochs) layout epochs; "
      + "square sgemm \(side): \(String(format: "%.0f", peak)) GFLOP/s")
print("")
print("| phase | seconds\(atlases.count > 1 ? " (median of \(atlases.count))" : "") | share |")
print("|---|---:|---:|")
for (index, phase) in atlases[0].atlas.phases.enumerated() {
    let seconds = median(atlases.map { $0.atlas.phases[index].seconds })
    print(String(format: "| %@ | %.2f | %.0f%% |", phase.name, seconds, 100 * seconds / total))
}
print(String(format: "| **total** | **%.2f** | %.2f × the 120 s budget |", total, total / 120))
print("")
for (seed, run) in zip(options.seeds, atlases) {
    let atlas = run.atlas
    print(String(format: "seed %llu: %d direction tiles (consistency %.2f), %d neuron tiles (consistency %.2f), "
                 + "trustworthiness %.3f; %.2f s", seed, atlas.directions.tiles.count, atlas.directions.consistency,
                 atlas.neurons.tiles.count, atlas.neurons.consistency, atlas.trustworthiness, run.total))
}
let atlas = atlases[0].atlas
print("PNG sizes (seed \(options.seeds[0])): directions \(atlas.directions.png.count) B, neurons \(atlas.neurons.png.count) B")
if let directory = options.output {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for (name, png) in [("atlas-directions.png", atlas.directions.png), ("atlas-neurons.png", atlas.neurons.png)] {
        try Data(png).write(to: URL(fileURLWithPath: directory + "/" + name))
        log("wrote \(directory)/\(name)")
    }
    let activations = AtlasBuilder.features(network, inputs)
    try Data(buffer: UnsafeBufferPointer(start: activations.base, count: activations.count))
        .write(to: URL(fileURLWithPath: directory + "/activations.f32"))
    try "\(activations.rows) \(activations.cols)\n".write(toFile: directory + "/activations.txt", atomically: true, encoding: .utf8)
}
