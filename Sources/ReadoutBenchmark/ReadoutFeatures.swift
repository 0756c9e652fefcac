import Datasets
import Engine
import Foundation

/// The frozen penultimate features a default-sweep readout is fitted on: a width-`width` MLP
/// trained on the coarse → fine source task to the default target, seen on `perClass` training
/// images of each fine class.
struct ReadoutFeatures {
    var features: [Float]
    var labels: [Int32]
    var featureCount: Int
    var classes: Int
    var trainSeconds: Double
    var epochsSeen: Double

    var count: Int { labels.count }

    static func make(dataset: Dataset, width: Int, perClass: Int, log: (String) -> Void) throws -> ReadoutFeatures {
        let groups = [ClassGroup(name: "tops", classes: [0, 2, 3, 4, 6]), ClassGroup(name: "footwear", classes: [5, 7, 9]),
                      ClassGroup(name: "other", classes: [1, 8])]
        let source = try TaskBuilder.build(dataset, labels: .groups(groups), validationFraction: 0.1, trainLimit: nil, splitSeed: 1)
        let config = ModelConfig(architecture: .mlp(depth: 1), inputShape: source.shape, classes: source.classCount,
                                 width: width, parameterization: .mup, baseWidth: 64)
        let training = TrainingConfig(optimizer: OptimizerConfig(kind: .sgd(momentum: 0.9), learningRate: 0.05),
                                      batchSize: 128, maxEpochs: 10, targetAccuracy: 0.985)
        let network = Network(config: config, batchCapacity: 256, optimizer: .sgd, seed: 7)
        let outcome = try Trainer(network: network, config: training, orderSeed: 3)
            .train(source.train.set, validation: source.validation.set)
        let epochsSeen = Double(outcome.examplesSeen) / Double(source.train.count)
        log(String(format: "width %d: trained %.2f epochs in %.2f s to validation accuracy %.4f", width,
                   epochsSeen, outcome.seconds, outcome.validationAccuracy))

        // The fine target: every class, `perClass` training images of each, drawn with a fixed seed.
        let target = try TaskBuilder.build(dataset, labels: .all(dataset.classCount), validationFraction: 0.1,
                                           trainLimit: nil, splitSeed: 1)
        var byClass = [[Int]](repeating: [], count: target.classCount)
        for (row, label) in target.train.set.labels.enumerated() { byClass[Int(label)].append(row) }
        var rng = RandomStream(seed: 11)
        var rows: [Int] = []
        for var members in byClass {
            members.withUnsafeMutableBufferPointer { rng.shuffle($0) }
            rows += members.prefix(perClass)
        }
        rows.sort()
        let seen = Evaluator(network: network).featureSet(target.train.set.subset(rows))
        return ReadoutFeatures(features: seen.features, labels: seen.labels, featureCount: seen.featureCount,
                               classes: target.classCount, trainSeconds: outcome.seconds, epochsSeen: epochsSeen)
    }

    /// features.f32, labels.i32 and meta.json in `directory`, for scripts/bench/readout_fits.py.
    func export(to directory: String, strengths: [Double]) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try features.withUnsafeBufferPointer { try Data(buffer: $0).write(to: URL(fileURLWithPath: directory + "/features.f32")) }
        try labels.withUnsafeBufferPointer { try Data(buffer: $0).write(to: URL(fileURLWithPath: directory + "/labels.i32")) }
        let meta: [String: Any] = ["rows": count, "featureCount": featureCount, "classes": classes, "strengths": strengths]
        try JSONSerialization.data(withJSONObject: meta, options: [.sortedKeys])
            .write(to: URL(fileURLWithPath: directory + "/meta.json"))
    }
}
