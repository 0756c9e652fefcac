import Foundation
import Glibc
import Shared
import Testing
@testable import Datasets

/// The decoded-dataset cache files that let a worker's cell processes decode each dataset once.
@Suite struct DatasetFileCacheTests {
    /// Collects the cache's log lines (builders may run on several threads).
    final class LogLines: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        var lines: [String] { lock.withLock { stored } }
        func append(_ line: String) { lock.withLock { stored.append(line) } }
        /// Lines other than the one-per-build "cached …" report.
        var problems: [String] { lines.filter { !$0.contains(": cached ") } }
    }

    struct Fixture {
        let files: TemporaryDirectory
        let cacheDirectory: TemporaryDirectory
        let source: DatasetSource
        let log = LogLines()
        var cache: DatasetFileCache { DatasetFileCache(directory: cacheDirectory.path + "/cache") }

        init(gzip: Bool = true) throws {
            files = try TemporaryDirectory(named: "dataset-cache-sources")
            cacheDirectory = try TemporaryDirectory(named: "dataset-cache")
            source = DatasetSource(name: "fixture", format: .idx, path: try IDXFixture.writeDataset(in: files, gzip: gzip))
        }

        func load() throws -> Dataset { try cache.load(source, log: log.append) }

        func cacheFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: cacheDirectory.path + "/cache").sorted()
        }
    }

    /// Pixels, labels, shape and class names, with floats compared bit for bit.
    static func identical(_ a: Dataset, _ b: Dataset) -> Bool {
        func same(_ x: ImageSet, _ y: ImageSet) -> Bool {
            x.labels == y.labels && x.shape == y.shape && x.images.map(\.bitPattern) == y.images.map(\.bitPattern)
        }
        // The stored moments must be the bits the decoded floats give, or tasks built from a warm
        // load would be standardised differently.
        return a.name == b.name && a.shape == b.shape && a.classNames == b.classNames
            && same(a.train, b.train) && same(a.test, b.test)
            && a.trainPixelMoments.mean.bitPattern == b.trainPixelMoments.mean.bitPattern
            && a.trainPixelMoments.standardDeviation.bitPattern == b.trainPixelMoments.standardDeviation.bitPattern
            && a.trainPixelMoments == PixelMoments(b.train.images)
    }

    @Test func aWarmLoadMapsTheCacheAndEqualsTheColdLoadBitForBit() throws {
        let fixture = try Fixture()
        let cold = try fixture.load()
        #expect(!cold.train.images.isMapped)
        let warm = try fixture.load()
        #expect(warm.train.images.isMapped && warm.test.images.isMapped)
        #expect(Self.identical(cold, warm))
        #expect(Self.identical(try DatasetLoader.load(fixture.source), warm))
        #expect(fixture.log.problems.isEmpty, "\(fixture.log.lines)")
        #expect(try fixture.cacheFiles().count == 1)
    }

    @Test func differentBytesOfTheSameSizeWithTheOldModificationTimeInvalidateTheCache() throws {
        let fixture = try Fixture(gzip: false)
        _ = try fixture.load()
        let labels = fixture.source.path + "/train-labels-idx1-ubyte"
        var old = stat()
        #expect(stat(labels, &old) == 0)
        // Every label shifted by one: same size, other content; then the old mtime put back.
        let shifted = IDXFixture.labelsFile((0..<IDXFixture.trainCount).map { UInt8(($0 + 1) % 10) })
        try Data(shifted).write(to: URL(fileURLWithPath: labels))
        var times = [old.st_atim, old.st_mtim]
        #expect(utimensat(AT_FDCWD, labels, &times, 0) == 0)

        let reloaded = try fixture.load()
        #expect(!reloaded.train.images.isMapped)
        #expect(reloaded.train.labels == (0..<IDXFixture.trainCount).map { Int32(($0 + 1) % 10) })
        #expect(fixture.log.problems.count == 1)
        #expect(fixture.log.problems.first?.contains("stale dataset cache") == true, "\(fixture.log.lines)")
        let warm = try fixture.load()
        #expect(warm.train.images.isMapped && Self.identical(warm, reloaded))
    }

    @Test func touchingASourceFileInvalidatesTheCache() throws {
        let fixture = try Fixture()
        _ = try fixture.load()
        let images = fixture.source.path + "/t10k-images-idx3-ubyte.gz"
        var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, images, &times, 0) == 0)
        let reloaded = try fixture.load()
        #expect(!reloaded.train.images.isMapped)
        #expect(fixture.log.problems.count == 1)
        #expect(fixture.log.problems.first.map { $0.contains(images) && $0.contains("modification time") } == true,
                "\(fixture.log.lines)")
        #expect(try fixture.load().train.images.isMapped)
    }

    /// Damage done to a cache file, and words its log line must contain.
    static let damages: [(name: String, expected: String, damage: @Sendable (inout [UInt8]) -> Void)] = [
        ("truncated", "requires exactly", { $0.removeLast(100) }),
        ("cut to a few bytes", "truncated", { $0.removeLast($0.count - 10) }),
        ("bad magic", "bad magic", { $0[0] ^= 0xFF }),
        ("manifest byte flipped", "SHA-256", { $0[DatasetCacheLayout.prefixBytes + 3] ^= 0x01 }),
        ("bytes appended", "requires exactly", { $0 += [1, 2, 3, 4] }),
        ("empty", "truncated", { $0 = [] }),
    ]

    @Test(arguments: damages.indices)
    func aDamagedCacheFileIsReportedInOneLineAndRebuilt(index: Int) throws {
        let (name, expected, damage) = Self.damages[index]
        let fixture = try Fixture()
        let cold = try fixture.load()
        let path = fixture.cache.cachePath(for: fixture.source)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        damage(&bytes)
        try FileManager.default.removeItem(atPath: path)
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let reloaded = try fixture.load()
        #expect(!reloaded.train.images.isMapped, "\(name)")
        #expect(Self.identical(cold, reloaded), "\(name)")
        #expect(fixture.log.problems.count == 1, "\(name): \(fixture.log.lines)")
        #expect(fixture.log.problems.first.map { $0.hasPrefix(path) && $0.contains(expected) } == true,
                "\(name): \(fixture.log.lines)")
        let warm = try fixture.load()
        #expect(warm.train.images.isMapped && Self.identical(cold, warm), "\(name)")
    }

    @Test func aLabelOutsideTheClassesInTheCacheIsCaughtAndRebuilt() throws {
        let fixture = try Fixture()
        _ = try fixture.load()
        let path = fixture.cache.cachePath(for: fixture.source)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let manifestBytes = Int(bytes[12]) | Int(bytes[13]) << 8
        let layout = try #require(DatasetCacheLayout(manifestBytes: manifestBytes, trainCount: IDXFixture.trainCount,
                                                     testCount: IDXFixture.testCount, pixelsPerImage: 12))
        bytes[layout.testLabels + 4] = 200
        try FileManager.default.removeItem(atPath: path)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(!(try fixture.load()).train.images.isMapped)
        #expect(fixture.log.problems.first?.contains("record 1 has label 200") == true, "\(fixture.log.lines)")
    }

    @Test func twoDatasetsNeverShareACacheFile() throws {
        let first = try Fixture()
        let other = try TemporaryDirectory(named: "dataset-cache-other")
        try other.write(IDXFixture.imagesFile(count: 7), to: "train-images-idx3-ubyte")
        try other.write(IDXFixture.labelsFile(count: 7), to: "train-labels-idx1-ubyte")
        try other.write(IDXFixture.imagesFile(count: 2), to: "t10k-images-idx3-ubyte")
        try other.write(IDXFixture.labelsFile(count: 2), to: "t10k-labels-idx1-ubyte")
        let second = DatasetSource(name: "fixture", format: .idx, path: other.path)
        let renamed = DatasetSource(name: "fashion", format: .idx, path: first.source.path)
        let paths = [first.source, second, renamed].map(first.cache.cachePath)
        #expect(Set(paths).count == 3)

        for _ in 0..<2 {
            #expect(try first.load().train.count == IDXFixture.trainCount)
            #expect(try first.cache.load(second, log: first.log.append).train.count == 7)
            #expect(try first.cache.load(renamed, log: first.log.append).classNames == ClassNames.fashionMNIST)
        }
        #expect(first.log.problems.isEmpty, "\(first.log.lines)")
        #expect(try first.cacheFiles().count == 3)
    }

    @Test func concurrentBuildersEndWithOneValidFile() throws {
        let fixture = try Fixture()
        let reference = try DatasetLoader.load(fixture.source)
        let results = LockedResults()
        let (cache, source, log) = (fixture.cache, fixture.source, fixture.log)
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            results.append(Result { try cache.load(source, log: log.append) })
        }
        #expect(results.all.count == 6)
        for result in results.all {
            #expect(Self.identical(try result.get(), reference))
        }
        #expect(fixture.log.problems.isEmpty, "\(fixture.log.lines)")
        // Exactly the final file: every builder renamed or removed its temporary file.
        #expect(try fixture.cacheFiles() == [(fixture.cache.cachePath(for: fixture.source) as NSString).lastPathComponent])
        let warm = try fixture.load()
        #expect(warm.train.images.isMapped && Self.identical(warm, reference))
    }

    final class LockedResults: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [Result<Dataset, any Error>] = []
        var all: [Result<Dataset, any Error>] { lock.withLock { stored } }
        func append(_ result: Result<Dataset, any Error>) { lock.withLock { stored.append(result) } }
    }

    @Test func syntheticDatasetsAreGeneratedNotCached() throws {
        let fixture = try Fixture()
        let dataset = try fixture.cache.load(DatasetSource(name: "toy", format: .synthetic), log: fixture.log.append)
        #expect(!dataset.train.images.isMapped)
        #expect(!FileManager.default.fileExists(atPath: fixture.cacheDirectory.path + "/cache"))
    }

    @Test func anUnwritableCacheDirectoryIsLoggedAndTheDecodedDataUsed() throws {
        let fixture = try Fixture()
        let blocked = try fixture.cacheDirectory.write([1], to: "not-a-directory")
        let dataset = try DatasetFileCache(directory: blocked).load(fixture.source, log: fixture.log.append)
        #expect(dataset.train.count == IDXFixture.trainCount)
        #expect(fixture.log.lines.count == 1 && fixture.log.lines[0].contains("uncached"), "\(fixture.log.lines)")
    }

    /// The arrays' names decide what a NumPy file decodes to: another mapping of the same file is
    /// another cache file, never the first mapping's decoded data.
    @Test func anotherArraysMappingOfTheSameNpzIsNotServedFromTheFirstOnesCache() throws {
        let directory = try TemporaryDirectory(named: "dataset-cache")
        let cache = DatasetFileCache(directory: directory.path + "/cache")
        let log = LogLines()
        let plain = DatasetSource(name: "np", format: .npz, path: NumPyFixture.path("tiny.npz"))
        var swapped = plain
        swapped.arrays = NumPyArrayNames()
        (swapped.arrays!.xTrain, swapped.arrays!.yTrain, swapped.arrays!.xTest, swapped.arrays!.yTest) = ("x_test", "y_test", "x_train", "y_train")
        #expect(try cache.load(plain, log: log.append).train.count == 6)
        #expect(try cache.load(plain, log: log.append).train.count == 6, "from the cache")
        #expect(try cache.load(swapped, log: log.append).train.count == 3, "not the first mapping's cache")
        #expect(cache.cachePath(for: plain) != cache.cachePath(for: swapped))
        #expect(log.problems.isEmpty, "\(log.problems)")
    }
}
