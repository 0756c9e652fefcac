import Foundation
import Testing
@testable import Datasets
import Engine

/// Checks against the real Fashion-MNIST of Debian's `dataset-fashion-mnist` package. Expected
/// values were read from the files independently (`zcat | od`, and Python's gzip module for the
/// pixel statistics).
@Suite(.enabled(if: FileManager.default.fileExists(atPath: DatasetSource.fashionMNIST.path),
                "Fashion-MNIST not installed at /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist)"))
struct FashionMNISTTests {
    /// Loaded once for the suite: decoding 70,000 images in a debug build takes a while.
    static let loaded = Result { try DatasetLoader.load(.fashionMNIST) }

    @Test func theRealFilesLoadWithTheirPublishedSizesAndBalancedClasses() throws {
        let dataset = try Self.loaded.get()
        #expect(dataset.shape == ImageShape(height: 28, width: 28, channels: 1))
        #expect(dataset.train.count == 60_000 && dataset.test.count == 10_000)
        #expect(dataset.classNames == ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                       "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"])
        #expect(dataset.train.countPerClass(10) == Array(repeating: 6000, count: 10))
        #expect(dataset.test.countPerClass(10) == Array(repeating: 1000, count: 10))
        #expect(dataset.train.labels.prefix(10) == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5])
        #expect(dataset.test.labels.prefix(10) == [9, 2, 1, 1, 6, 1, 4, 6, 5, 7])
        // The first training image's bytes sum to 76,247.
        let firstSum = dataset.train.images.prefix(784).reduce(0.0) { $0 + Double($1) }
        #expect(abs(firstSum - 76_247.0 / 255) < 1e-3)
    }

    @Test func standardizationUsesTheTrainPixelStatisticsForTheCoarseGroupsTask() throws {
        let dataset = try Self.loaded.get()
        let task = try TaskBuilder.build(
            dataset,
            labels: .groups([ClassGroup(name: "tops", classes: [0, 2, 3, 4, 6]),
                             ClassGroup(name: "footwear", classes: [5, 7, 9]),
                             ClassGroup(name: "other", classes: [1, 8])]),
            validationFraction: 0.1, trainLimit: nil, splitSeed: 0)
        #expect(abs(task.pixelMean - 0.286_040_6) < 1e-5)
        #expect(abs(task.pixelStandardDeviation - 0.353_024_2) < 1e-5)
        #expect(task.validation.count == 6000 && task.train.count == 54_000 && task.test.count == 10_000)
        #expect(task.test.set.labels.filter { $0 == 1 }.count == 3000)
    }
}
