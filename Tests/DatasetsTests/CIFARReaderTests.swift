import Testing
@testable import Datasets
import Engine

@Suite struct CIFARReaderTests {
    /// Five training batches of 2 records (records 0…9) and a test batch of 3 (records 100…102).
    private func writeCIFAR10(in directory: TemporaryDirectory, folder: String = "") throws -> String {
        let prefix = folder.isEmpty ? "" : folder + "/"
        for batch in 1...5 {
            try directory.write(CIFARFixture.cifar10File(first: (batch - 1) * 2, count: 2),
                                to: prefix + "data_batch_\(batch).bin")
        }
        try directory.write(CIFARFixture.cifar10File(first: 100, count: 3), to: prefix + "test_batch.bin")
        return directory.path
    }

    /// The float the reader should produce for (record, row, column, channel).
    private func expected(_ record: Int, _ row: Int, _ column: Int, _ channel: Int) -> Float {
        Float(CIFARFixture.pixel(record, row, column, channel)) / 255
    }

    /// NHWC index of (image, row, column, channel) in a 32×32×3 set.
    private func index(_ image: Int, _ row: Int, _ column: Int, _ channel: Int) -> Int {
        image * 3072 + (row * 32 + column) * 3 + channel
    }

    @Test func cifar10RecordsDecodeFromPlanarToNHWCWithTheirLabels() throws {
        let directory = try TemporaryDirectory()
        let dataset = try load(.cifar10, writeCIFAR10(in: directory))

        #expect(dataset.shape == ImageShape(height: 32, width: 32, channels: 3))
        #expect(dataset.classNames.count == 10 && dataset.classNames[0] == "airplane" && dataset.classNames[9] == "truck")
        #expect(dataset.train.count == 10 && dataset.test.count == 3)
        #expect(dataset.train.labels == (0..<10).map { Int32($0) })
        #expect(dataset.test.labels == [0, 1, 2])
        for (image, record) in [(0, 0), (3, 3), (9, 9)] {
            for (row, column) in [(0, 0), (0, 31), (17, 5), (31, 31)] {
                for channel in 0..<3 {
                    #expect(dataset.train.images[index(image, row, column, channel)]
                        == expected(record, row, column, channel))
                }
            }
        }
        #expect(dataset.test.images[index(2, 31, 30, 1)] == expected(102, 31, 30, 1))
    }

    @Test func cifar10FilesAreFoundInTheArchiveSubfolder() throws {
        let directory = try TemporaryDirectory()
        let path = try writeCIFAR10(in: directory, folder: "cifar-10-batches-bin")
        #expect(try load(.cifar10, path).train.count == 10)
    }

    @Test func cifar100UsesTheFineLabelAndDecodesToNHWC() throws {
        let directory = try TemporaryDirectory()
        try directory.write(CIFARFixture.cifar100File(first: 0, count: 4), to: "cifar-100-binary/train.bin")
        try directory.write(CIFARFixture.cifar100File(first: 50, count: 2), to: "cifar-100-binary/test.bin")
        let dataset = try load(.cifar100, directory.path)

        #expect(dataset.classCount == 100 && dataset.classNames[0] == "apple" && dataset.classNames[99] == "worm")
        #expect(dataset.train.labels == [0, 7, 14, 21])
        #expect(dataset.test.labels == [Int32((50 * 7) % 100), Int32((51 * 7) % 100)])
        #expect(dataset.train.images[index(3, 10, 20, 2)] == expected(3, 10, 20, 2))
        #expect(dataset.test.images[index(1, 0, 1, 0)] == expected(51, 0, 1, 0))
    }

    @Test func aFileThatIsNotWholeRecordsIsAPartialRecordError() throws {
        let directory = try TemporaryDirectory()
        let path = try writeCIFAR10(in: directory)
        let file = try directory.write(CIFARFixture.cifar10File(first: 4, count: 2).dropLast(100), to: "data_batch_3.bin")
        #expect(datasetError { try load(.cifar10, path) }
            == .partialRecord(file: file, bytes: 2 * 3073 - 100, recordBytes: 3073))
    }

    @Test func aCIFAR10LabelOfTenIsOutOfRange() throws {
        let directory = try TemporaryDirectory()
        let path = try writeCIFAR10(in: directory)
        let file = try directory.write(CIFARFixture.record(100, labels: [0]) + CIFARFixture.record(101, labels: [10]),
                                       to: "test_batch.bin")
        #expect(datasetError { try load(.cifar10, path) }
            == .labelOutOfRange(file: file, record: 1, label: 10, classCount: 10))
    }

    @Test func aCIFAR100CoarseLabelOfTwentyIsOutOfRange() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write(CIFARFixture.record(0, labels: [20, 3]), to: "train.bin")
        try directory.write(CIFARFixture.cifar100File(first: 0, count: 1), to: "test.bin")
        #expect(datasetError { try load(.cifar100, directory.path) }
            == .labelOutOfRange(file: file, record: 0, label: 20, classCount: 20))
    }

    @Test func aMissingTrainingBatchIsAFileNotFoundError() throws {
        let directory = try TemporaryDirectory()
        let path = try writeCIFAR10(in: directory)
        try directory.remove("data_batch_4.bin")
        #expect(datasetError { try load(.cifar10, path) } == .fileNotFound(file: path + "/data_batch_4.bin"))
    }

    @Test func anEmptyTestFileIsAnEmptyError() throws {
        let directory = try TemporaryDirectory()
        let path = try writeCIFAR10(in: directory)
        let file = try directory.write([], to: "test_batch.bin")
        #expect(datasetError { try load(.cifar10, path) } == .empty(file: file))
    }
}
