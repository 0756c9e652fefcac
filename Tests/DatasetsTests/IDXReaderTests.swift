import Testing
@testable import Datasets
import Engine

@Suite struct IDXReaderTests {
    @Test func rawIDXFilesDecodeToScaledNHWCPixelsAndLabels() throws {
        let directory = try TemporaryDirectory()
        let dataset = try load(.idx, IDXFixture.writeDataset(in: directory))

        #expect(dataset.shape == ImageShape(height: IDXFixture.rows, width: IDXFixture.columns, channels: 1))
        #expect(dataset.train.count == IDXFixture.trainCount)
        #expect(dataset.test.count == IDXFixture.testCount)
        #expect(dataset.train.labels == (0..<IDXFixture.trainCount).map { Int32($0 % 10) })
        let image = 7, row = 2, column = 1
        let index = image * dataset.shape.count + row * IDXFixture.columns + column
        #expect(dataset.train.images[index] == Float(IDXFixture.pixel(image, row, column)) / 255)
        #expect(dataset.test.images[dataset.test.images.count - 1]
            == Float(IDXFixture.pixel(IDXFixture.testCount - 1, IDXFixture.rows - 1, IDXFixture.columns - 1)) / 255)
        #expect(dataset.train.images.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func gzippedIDXFilesDecodeToTheSamePixelsAsRawOnes() throws {
        let rawDirectory = try TemporaryDirectory(), gzipDirectory = try TemporaryDirectory()
        let raw = try load(.idx, IDXFixture.writeDataset(in: rawDirectory))
        let gzipped = try load(.idx, IDXFixture.writeDataset(in: gzipDirectory, gzip: true))
        #expect(gzipped.train.images == raw.train.images)
        #expect(gzipped.test.labels == raw.test.labels)
    }

    @Test func gzipIsRecognisedByItsMagicNotByTheFileName() throws {
        let directory = try TemporaryDirectory()
        let path = try IDXFixture.writeDataset(in: directory)
        try directory.write(GzipFile.compress(IDXFixture.imagesFile(count: IDXFixture.trainCount)),
                            to: "train-images-idx3-ubyte")
        let dataset = try load(.idx, path)
        #expect(dataset.train.count == IDXFixture.trainCount)
    }

    @Test func classNamesFollowTheDirectoryName() throws {
        let directory = try TemporaryDirectory()
        let fashion = try load(.idx, IDXFixture.writeDataset(in: directory, under: "fashion-mnist"))
        #expect(fashion.classNames.first == "T-shirt/top" && fashion.classNames.last == "Ankle boot")
        let digits = try load(.idx, IDXFixture.writeDataset(in: directory, under: "mnist"))
        #expect(digits.classNames == (0..<10).map(String.init))
        let other = try load(.idx, IDXFixture.writeDataset(in: directory, under: "letters"))
        #expect(other.classNames[3] == "class 3")
        #expect(other.classCount == 10)
    }

    @Test func anImagesFileWithTheLabelsMagicIsABadMagicError() throws {
        let directory = try TemporaryDirectory()
        let path = try IDXFixture.writeDataset(in: directory)
        let file = try directory.write(IDXFixture.imagesFile(count: IDXFixture.trainCount, magic: 0x0801),
                                       to: "train-images-idx3-ubyte")
        let error = datasetError { try load(.idx, path) }
        #expect(error == .badMagic(file: file, expected: 0x0803, found: 0x0801))
        #expect(error?.description.contains(file) == true)
    }

    @Test func floatIDXDataIsABadMagicError() throws {
        let directory = try TemporaryDirectory()
        let path = try IDXFixture.writeDataset(in: directory)
        let file = try directory.write(IDXFixture.imagesFile(count: IDXFixture.trainCount, magic: 0x0D03),
                                       to: "train-images-idx3-ubyte")
        #expect(datasetError { try load(.idx, path) } == .badMagic(file: file, expected: 0x0803, found: 0x0D03))
    }

    @Test func aTruncatedImagesFileIsATruncatedError() throws {
        let directory = try TemporaryDirectory()
        let path = try IDXFixture.writeDataset(in: directory)
        let full = IDXFixture.imagesFile(count: IDXFixture.trainCount)
        let file = try directory.write(Array(full.dropLast(5)), to: "train-images-idx3-ubyte")
        #expect(datasetError { try load(.idx, path) }
            == .truncated(file: file, expectedBytes: full.count, actualBytes: full.count - 5))
    }

    @Test func aFileCutInsideItsHeaderIsATruncatedError() throws {
        let directory = try TemporaryDirectory()
        let path = try IDXFixture.writeDataset(in: directory)
        let file = try directory.write([0, 0, 8, 1, 0, 0], to: "t10k-labels-idx1-ubyte")
        #expect(datasetError { try load(.idx, path) } == .truncated(file: file, expectedBytes: 8, actualBytes: 6))
    }

    @Test func bytesAfterTheDataAreATrailingBytesError() throws {
        let directory = try TemporaryDirectory()
        let path = try IDXFixture.writeDataset(in: directory)
        let full = IDXFixture.labelsFile(count: IDXFixture.trainCount)
        let file = try directory.write(full + [0, 0], to: "train-labels-idx1-ubyte")
        #expect(datasetError { try load(.idx, path) }
            == .trailingBytes(file: file, expectedBytes: full.count, actualBytes: full.count + 2))
    }

    @Test func imagesAndLabelsOfDifferentCountsAreACountMismatch() throws {
        let directory = try TemporaryDirectory()
        let path = try IDXFixture.writeDataset(in: directory)
        let labels = try directory.write(IDXFixture.labelsFile(count: IDXFixture.testCount - 1), to: "t10k-labels-idx1-ubyte")
        #expect(datasetError { try load(.idx, path) }
            == .countMismatch(imagesFile: directory.path + "/t10k-images-idx3-ubyte", images: IDXFixture.testCount,
                              labelsFile: labels, labels: IDXFixture.testCount - 1))
    }

    @Test func aLabelOfTenIsOutOfRange() throws {
        let directory = try TemporaryDirectory()
        let path = try IDXFixture.writeDataset(in: directory)
        var labels = (0..<IDXFixture.trainCount).map(IDXFixture.label)
        labels[6] = 10
        let file = try directory.write(IDXFixture.labelsFile(labels), to: "train-labels-idx1-ubyte")
        #expect(datasetError { try load(.idx, path) }
            == .labelOutOfRange(file: file, record: 6, label: 10, classCount: 10))
    }

    @Test func testImagesOfAnotherSizeAreAShapeMismatch() throws {
        let directory = try TemporaryDirectory()
        let path = try IDXFixture.writeDataset(in: directory)
        let file = try directory.write(IDXFixture.imagesFile(count: IDXFixture.testCount, rows: 3, columns: 4),
                                       to: "t10k-images-idx3-ubyte")
        #expect(datasetError { try load(.idx, path) }
            == .shapeMismatch(file: file, expected: ImageShape(height: 4, width: 3, channels: 1),
                              found: ImageShape(height: 3, width: 4, channels: 1)))
    }

    @Test func aZeroImageCountIsAnEmptyError() throws {
        let directory = try TemporaryDirectory()
        let path = try IDXFixture.writeDataset(in: directory)
        let file = try directory.write(IDXFixture.imagesFile(count: 0), to: "t10k-images-idx3-ubyte")
        #expect(datasetError { try load(.idx, path) } == .empty(file: file))
    }

    @Test func aZeroRowCountIsABadDimensionsError() throws {
        let directory = try TemporaryDirectory()
        let path = try IDXFixture.writeDataset(in: directory)
        let file = try directory.write(IDXFixture.imagesFile(count: 3, rows: 0), to: "train-images-idx3-ubyte")
        #expect(datasetError { try load(.idx, path) } == .badDimensions(file: file, dimensions: [3, 0, 3]))
    }

    @Test func aMissingLabelsFileIsAFileNotFoundErrorNamingTheExpectedFile() throws {
        let directory = try TemporaryDirectory()
        let path = try IDXFixture.writeDataset(in: directory)
        try directory.remove("t10k-labels-idx1-ubyte")
        let error = datasetError { try load(.idx, path) }
        guard case .fileNotFound(let file) = error else {
            Issue.record("expected fileNotFound, got \(String(describing: error))")
            return
        }
        #expect(file.contains(directory.path + "/t10k-labels-idx1-ubyte"))
        #expect(file.contains("t10k-labels-idx1-ubyte.gz"))
    }

    @Test func aMissingDirectoryIsAFileNotFoundError() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.path + "/nowhere"
        #expect(datasetError { try load(.idx, missing) } == .fileNotFound(file: missing))
    }

    @Test func aGzipFileWithADamagedBodyIsACorruptGzipError() throws {
        let directory = try TemporaryDirectory()
        let path = try IDXFixture.writeDataset(in: directory, gzip: true)
        var compressed = GzipFile.compress(IDXFixture.imagesFile(count: IDXFixture.trainCount))
        for i in 12..<(compressed.count - 8) { compressed[i] ^= 0x5A }
        let file = try directory.write(compressed, to: "train-images-idx3-ubyte.gz")
        let error = datasetError { try load(.idx, path) }
        guard case .corruptGzip(let named, _) = error else {
            Issue.record("expected corruptGzip, got \(String(describing: error))")
            return
        }
        #expect(named == file)
    }

    @Test func aCutOffGzipFileIsACorruptGzipError() throws {
        let directory = try TemporaryDirectory()
        let path = try IDXFixture.writeDataset(in: directory, gzip: true)
        let compressed = GzipFile.compress(IDXFixture.labelsFile(count: IDXFixture.trainCount))
        let file = try directory.write(Array(compressed.prefix(compressed.count / 2)), to: "train-labels-idx1-ubyte.gz")
        let error = datasetError { try load(.idx, path) }
        guard case .corruptGzip(let named, _) = error else {
            Issue.record("expected corruptGzip, got \(String(describing: error))")
            return
        }
        #expect(named == file)
    }
}
