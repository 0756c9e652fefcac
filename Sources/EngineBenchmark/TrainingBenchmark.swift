import BenchmarkSupport
import Engine

/// Times full SGD training steps of the engine's MLP on pre-generated synthetic data shaped like
/// Fashion-MNIST classes 0–4 (784 inputs in [0, 1), 5 classes).
///
/// A step is exactly the body of `Trainer.train`'s inner loop: gather the batch through a
/// shuffled index, `Network.lossAndGradient`, `Optimizer.step`. Evaluation, shuffling and
/// epoch bookkeeping are left out so every timed second is training-step work.
final class TrainingBenchmark {
    let options: BenchmarkOptions
    let data: LabeledSet
    private var order: [Int]
    static let inputShape = ImageShape(height: 28, width: 28, channels: 1)

    init(options: BenchmarkOptions) {
        self.options = options
        var rng = RandomStream(seed: 2024)
        let n = options.trainingExamples, features = TrainingBenchmark.inputShape.count
        var pixels = [Float](repeating: 0, count: n * features)
        for i in pixels.indices { pixels[i] = rng.nextUniform() }
        let labels = (0..<n).map { _ in Int32(rng.nextInt(below: options.classes)) }
        data = LabeledSet(features: pixels, labels: labels, featureCount: features, classes: options.classes)
        order = Array(0..<n)
        order.withUnsafeMutableBufferPointer { rng.shuffle($0) }
    }

    struct Measurement {
        var steps: RoundTimes
        var finalLoss: Double
        var gemmOnly: RoundTimes
    }

    private func makeNetwork(depth: Int, width: Int) -> (Network, Optimizer, OptimizerConfig) {
        let model = ModelConfig(architecture: .mlp(depth: depth), inputShape: TrainingBenchmark.inputShape,
                                classes: options.classes, width: width, parameterization: .standard, baseWidth: 64)
        let network = Network(config: model, batchCapacity: options.batchSize, optimizer: .sgd, seed: 1)
        let optimizerConfig = OptimizerConfig(kind: .sgd(momentum: 0.9), learningRate: 0.01)
        return (network, Optimizer(config: optimizerConfig, parameters: network.parameters), optimizerConfig)
    }

    /// Best-of-rounds time of one training step, and of the same step's GEMMs alone.
    func measure(depth: Int, width: Int, threads: Int, plan: MLPGemmPlan) -> Measurement {
        BLAS.threads = threads
        let (network, optimizer, optimizerConfig) = makeNetwork(depth: depth, width: width)
        let batch = options.batchSize
        let input = Matrix(rows: batch, cols: data.featureCount)
        let labels = UnsafeMutablePointer<Int32>.allocate(capacity: batch)
        defer { labels.deallocate() }
        let stepsPerEpoch = data.count / batch
        var step = 0, lastLoss = 0.0
        let roundSeconds = options.secondsPerConfig / Double(options.rounds)
        let replay = GemmReplay(plan: plan)
        let (times, gemm): (RoundTimes, RoundTimes) = order.withUnsafeBufferPointer { view in
            let trainingStep = {
                let first = (step % stepsPerEpoch) * batch
                self.data.gather(view, first..<(first + batch), into: input, labels: labels)
                lastLoss = network.lossAndGradient(input, labels: labels).loss
                optimizer.step(learningRate: optimizerConfig.learningRate(step: step, totalSteps: stepsPerEpoch))
                step += 1
            }
            // Warm-up: page in every buffer, let OpenBLAS start its threads.
            _ = RoundTimes.measure(rounds: 1, secondsPerRound: min(0.3, roundSeconds), minimumPerRound: 2, trainingStep)
            replay.run()
            // Step rounds and GEMM-only rounds alternate, so a busy moment on the shared VM hits
            // both and the GEMM share stays meaningful.
            var steps = RoundTimes(), gemm = RoundTimes()
            for _ in 0..<options.rounds {
                let s = RoundTimes.measure(rounds: 1, secondsPerRound: roundSeconds,
                                           minimumPerRound: options.minimumStepsPerRound, trainingStep)
                let g = RoundTimes.measure(rounds: 1, secondsPerRound: roundSeconds / 2,
                                           minimumPerRound: options.minimumStepsPerRound) { replay.run() }
                steps.secondsPerOperation += s.secondsPerOperation
                steps.operations += s.operations
                gemm.secondsPerOperation += g.secondsPerOperation
                gemm.operations += g.operations
            }
            return (steps, gemm)
        }
        return Measurement(steps: times, finalLoss: lastLoss, gemmOnly: gemm)
    }

    /// Microseconds per step in each phase, layer by layer through the public layer API.
    struct Breakdown: Codable {
        var gather = 0.0
        var denseForward = 0.0
        var reluForward = 0.0
        var loss = 0.0
        var denseBackward = 0.0
        var reluBackward = 0.0
        var optimizer = 0.0
        var total = 0.0
        /// The same step's GEMMs replayed alone (forward, backward).
        var gemmForward = 0.0
        var gemmBackward = 0.0
    }

    func breakdown(depth: Int, width: Int, threads: Int, plan: MLPGemmPlan) -> Breakdown {
        BLAS.threads = threads
        let (network, optimizer, optimizerConfig) = makeNetwork(depth: depth, width: width)
        let batch = options.batchSize
        let input = Matrix(rows: batch, cols: data.featureCount)
        let labels = UnsafeMutablePointer<Int32>.allocate(capacity: batch)
        defer { labels.deallocate() }
        let stepsPerEpoch = data.count / batch
        var b = Breakdown()
        var steps = 0
        let budget = options.secondsPerConfig
        order.withUnsafeBufferPointer { view in
            let run = { (record: Bool) in
                var t = monotonicSeconds()
                let start = t
                func lap(_ field: WritableKeyPath<Breakdown, Double>) {
                    let now = monotonicSeconds()
                    if record { b[keyPath: field] += now - t }
                    t = now
                }
                let first = (steps % stepsPerEpoch) * batch
                self.data.gather(view, first..<(first + batch), into: input, labels: labels)
                lap(\.gather)
                var x = input
                for layer in network.layers {
                    x = layer.forward(x)
                    lap(layer is Dense ? \.denseForward : \.reluForward)
                }
                _ = network.loss.evaluate(logits: x, labels: labels)
                lap(\.loss)
                var g = network.loss.logitGradient
                for layer in network.layers.reversed() {
                    g = layer.backward(g)
                    lap(layer is Dense ? \.denseBackward : \.reluBackward)
                }
                optimizer.step(learningRate: optimizerConfig.learningRate(step: steps, totalSteps: stepsPerEpoch))
                lap(\.optimizer)
                if record { b.total += t - start }
                steps += 1
            }
            for _ in 0..<2 { run(false) }
            steps = 0
            let start = monotonicSeconds()
            repeat { run(true) } while monotonicSeconds() - start < budget || steps < options.minimumStepsPerRound
        }
        let replay = GemmReplay(plan: plan)
        replay.run()
        let start = monotonicSeconds()
        var replays = 0
        repeat { replay.runTimed(); replays += 1 } while monotonicSeconds() - start < budget / 2 || replays < 2
        let perStep = 1e6 / Double(steps)
        for field in [\Breakdown.gather, \.denseForward, \.reluForward, \.loss, \.denseBackward, \.reluBackward, \.optimizer, \.total] {
            b[keyPath: field] *= perStep
        }
        b.gemmForward = replay.forwardSeconds * 1e6 / Double(replays)
        b.gemmBackward = replay.backwardSeconds * 1e6 / Double(replays)
        return b
    }
}
