import Datasets
import Foundation
import Testing
import TestSupport
@testable import Shared
@testable import Worker

/// A cell whose dataset comes from the worker's decoded-dataset cache gives the same result, byte
/// for byte, as one that decoded the dataset files itself (issue 14).
@Suite struct CellDataCacheTests {
    /// Big-endian IDX header words.
    static func word(_ value: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }

    /// A gzipped IDX dataset of 8×8 images made from the synthetic generator's (quantised to
    /// bytes), 4 classes, in a fresh directory.
    static func writeIDXDataset() throws -> String {
        let directory = NSTemporaryDirectory() + "cell-data-cache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let toy = try DatasetLoader.load(DatasetSource(
            name: "toy", format: .synthetic, synthetic: SyntheticDataSpec(trainPerClass: 60, testPerClass: 20, noise: 0.5)))
        for (prefix, set) in [("train", toy.train), ("t10k", toy.test)] {
            let images = word(0x803) + word(set.count) + word(8) + word(8) + set.images.map { UInt8(($0 * 255).rounded()) }
            let labels = word(0x801) + word(set.count) + set.labels.map { UInt8($0) }
            try Data(GzipFile.compress(images)).write(to: URL(fileURLWithPath: "\(directory)/\(prefix)-images-idx3-ubyte.gz"))
            try Data(GzipFile.compress(labels)).write(to: URL(fileURLWithPath: "\(directory)/\(prefix)-labels-idx1-ubyte.gz"))
        }
        return directory
    }

    static func spec(datasetPath: String) throws -> SweepSpec {
        try SweepSpec.parse(yaml: """
            name: cache-determinism
            datasets:
              pictures: {format: idx, path: \(datasetPath)}
            model: {family: mlp, parameterization: standard}
            widths: [8]
            seeds: [0]
            tasks:
              split:
                source: {dataset: pictures, classes: [0, 1]}
                targets:
                  other: {dataset: pictures, classes: [2, 3]}
            training: {batch_size: 32, max_epochs: 2}
            transfer: {budgets: [5, all]}
            """, file: "cache-determinism.yaml")
    }

    @Test func aCellGivesIdenticalBytesFromTheCacheColdWarmAndWithoutIt() throws {
        let datasetPath = try Self.writeIDXDataset()
        let cacheDirectory = NSTemporaryDirectory() + "cell-data-cache-files-\(UUID().uuidString)"
        defer {
            try? FileManager.default.removeItem(atPath: datasetPath)
            try? FileManager.default.removeItem(atPath: cacheDirectory)
        }
        let spec = try Self.spec(datasetPath: datasetPath)
        let cell = CellCoordinate(width: 8, seed: 0, task: "split")
        let cache = DatasetFileCache(directory: cacheDirectory)
        var lines: [String] = []

        let cold = try CellRunner(spec: spec, dataCache: cache, log: { lines.append($0) }).run(cell)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cacheDirectory).count == 1)
        let warm = try CellRunner(spec: spec, dataCache: cache, log: { lines.append($0) }).run(cell)
        let uncached = try CellRunner(spec: spec).run(cell)

        let determinism = CellDeterminismTests()
        #expect(try determinism.bytes(cold) == determinism.bytes(warm))
        #expect(try determinism.bytes(cold) == determinism.bytes(uncached))
        // One line: the cold run's "cached" report; the warm run found the cache valid.
        #expect(lines.count == 1 && lines[0].contains(": cached pictures"), "\(lines)")
    }
}
