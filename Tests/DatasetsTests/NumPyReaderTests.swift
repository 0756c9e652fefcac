import Foundation
import Engine
import Shared
import Testing
@testable import Datasets

/// Datasets from NumPy files (docs/spec.md §3, `format: npz` and `npy`), read from files NumPy
/// itself wrote (Fixtures/numpy/make_fixtures.py): every value checked against the formula that
/// made it.
struct NumPyReaderTests {
    static func source(_ format: DatasetFormat, _ name: String, arrays: NumPyArrayNames? = nil) -> DatasetSource {
        DatasetSource(name: "np", format: format, path: NumPyFixture.path(name), arrays: arrays)
    }

    /// np.savez, np.savez_compressed and np.save of the same arrays give the same dataset.
    @Test(arguments: [(DatasetFormat.npz, "tiny.npz"), (.npz, "tiny-compressed.npz"), (.npy, "npy")])
    func uint8ImagesAreScaledLikeIDXAndLabelsAndNamesRead(format: DatasetFormat, name: String) throws {
        let dataset = try DatasetLoader.load(Self.source(format, name))
        #expect(dataset.shape == ImageShape(height: 4, width: 3, channels: 1))
        #expect(dataset.classNames == ["cat", "dog", "émeu"], "UTF-32 names, one not ASCII")
        #expect(dataset.train.count == 6 && dataset.test.count == 3)
        let train: [Float] = (0..<72).map { (i: Int) -> Float in Float(i * 7 % 256) / 255 }
        #expect(Array(dataset.train.images) == train, "value / 255, as the IDX reader scales")
        let test: [Float] = (0..<36).map { (i: Int) -> Float in Float(i * 11 % 256) / 255 }
        #expect(Array(dataset.test.images) == test)
        #expect(dataset.train.labels == [0, 1, 2, 0, 1, 2], "int64 labels")
        #expect(dataset.test.labels == [2, 1, 0], "uint8 labels")
    }

    @Test func float32ColourImagesAreUsedAsTheyAreAndClassesAreNumbered() throws {
        let dataset = try DatasetLoader.load(Self.source(.npz, "float-rgb.npz"))
        #expect(dataset.shape == ImageShape(height: 2, width: 2, channels: 3))
        let values: [Float] = (0..<48).map { (i: Int) -> Float in Float(i) / 8 - 1 }
        #expect(Array(dataset.train.images) == values)
        #expect(dataset.classNames == ["class 0", "class 1"])
        #expect(dataset.test.labels == [1, 0])
    }

    @Test func theArraysMappingChoosesWhichArrayIsWhich() throws {
        var swapped = NumPyArrayNames()
        (swapped.xTrain, swapped.yTrain, swapped.xTest, swapped.yTest) = ("x_test", "y_test", "x_train", "y_train")
        let dataset = try DatasetLoader.load(Self.source(.npz, "tiny.npz", arrays: swapped))
        #expect(dataset.train.count == 3 && dataset.test.count == 6)
    }

    @Test func aMissingArrayIsNamedWithTheOnesTheFileHas() throws {
        var names = NumPyArrayNames()
        names.xTrain = "images"
        let error = datasetError { try DatasetLoader.load(Self.source(.npz, "tiny.npz", arrays: names)) }
        #expect(error?.description == NumPyFixture.path("tiny.npz")
            + ": has no array images (it holds x_train, y_train, x_test, y_test, class_names); name the right one under the dataset's arrays:")
        let directory = datasetError { try DatasetLoader.load(Self.source(.npy, "npy", arrays: names)) }
        #expect(directory?.description.hasPrefix(NumPyFixture.path("npy") + "/images.npy: not found") == true)
    }

    @Test func theCacheSeesTheFilesItReads() throws {
        #expect(try DatasetLoader.sourceFiles(Self.source(.npz, "tiny.npz")) == [NumPyFixture.path("tiny.npz")])
        let files = try DatasetLoader.sourceFiles(Self.source(.npy, "npy"))
        #expect(files.map { ($0 as NSString).lastPathComponent }
            == ["x_train.npy", "y_train.npy", "x_test.npy", "y_test.npy", "class_names.npy"])
    }

    // MARK: What a dataset array must be, on arrays built byte by byte

    static func archive(xTrain: [UInt8]? = nil, yTrain: [UInt8]? = nil, classNames: [UInt8]? = nil) throws -> TemporaryDirectory {
        let images = NumPyFixture.npy("|u1", [2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7])
        let labels = NumPyFixture.npy("<i8", [2], NumPyFixture.littleEndian([Int64(0), 1]))
        var members = [("x_train.npy", xTrain ?? images), ("y_train.npy", yTrain ?? labels),
                       ("x_test.npy", images), ("y_test.npy", labels)]
        if let classNames { members.append(("class_names.npy", classNames)) }
        let directory = try TemporaryDirectory()
        try directory.write(try NumPyFixture.zip(members, deflate: true), to: "d.npz")
        return directory
    }

    static func loadError(_ directory: TemporaryDirectory) -> String {
        datasetError { try DatasetLoader.load(DatasetSource(name: "d", format: .npz, path: directory.path + "/d.npz")) }?
            .description ?? ""
    }

    @Test func negativeOrHugeLabelsAndCountMismatchesAreRefused() throws {
        let negative = try Self.archive(yTrain: NumPyFixture.npy("<i8", [2], NumPyFixture.littleEndian([Int64(0), -1])))
        #expect(Self.loadError(negative).hasSuffix("d.npz: array y_train: label at element 1 is negative; labels are class numbers 0, 1, 2, …"))
        let huge = try Self.archive(yTrain: NumPyFixture.npy("<u4", [2], NumPyFixture.littleEndian([UInt32(0), 70_000])))
        #expect(Self.loadError(huge).contains("[y_train]: record 1 has label 70000, outside 0..<65536"))
        let three = try Self.archive(yTrain: NumPyFixture.npy("<i8", [3], NumPyFixture.littleEndian([Int64(0), 1, 0])))
        #expect(Self.loadError(three).contains("2 images but"))
        let named = try Self.archive(classNames: NumPyFixture.npy("<U1", [1], NumPyFixture.littleEndian([UInt32(65)])))
        #expect(Self.loadError(named).contains("[y_train]: record 1 has label 1, outside 0..<1"), "one name, label 1")
        let floats = try Self.archive(yTrain: NumPyFixture.npy("<f4", [2], NumPyFixture.float32([0, 1])))
        #expect(Self.loadError(floats).hasSuffix("array y_train: labels of dtype <f4; save integer labels"))
    }

    @Test func imagesOfTheWrongRankTypeOrValuesAreRefused() throws {
        let flat = try Self.archive(xTrain: NumPyFixture.npy("|u1", [2, 4], [UInt8](repeating: 0, count: 8)))
        #expect(Self.loadError(flat).hasSuffix("array x_train: images must be N×H×W or N×H×W×C; shape is (2, 4)"))
        let wide = try Self.archive(xTrain: NumPyFixture.npy("<u2", [2, 2, 2], [UInt8](repeating: 0, count: 16)))
        #expect(Self.loadError(wide).hasSuffix("array x_train: images of dtype <u2; save uint8 pixels (0–255) or float32 values"))
        let nan = try Self.archive(xTrain: NumPyFixture.npy("<f4", [2, 2, 2], NumPyFixture.float32([0, 1, .nan, 0, 0, 0, 0, 0])))
        #expect(Self.loadError(nan).hasSuffix("array x_train: value nan at element 2; images must be finite"))
        let otherShape = try Self.archive(xTrain: NumPyFixture.npy("|u1", [2, 1, 4], [UInt8](repeating: 0, count: 8)))
        #expect(Self.loadError(otherShape).contains("[x_test]: images are"))
    }

    @Test func damagedArchivesAreCorruptArchiveErrors() throws {
        let good = try NumPyFixture.bytes("tiny-compressed.npz")
        let directory = try TemporaryDirectory()
        func error(_ bytes: [UInt8]) throws -> String {
            let path = try directory.write(bytes, to: "x.npz")
            return datasetError { try DatasetLoader.load(DatasetSource(name: "d", format: .npz, path: path)) }?.description ?? ""
        }
        #expect(try error(Array(good.prefix(good.count / 2))).contains("not a readable .npz archive: no zip end-of-central-directory record"))
        #expect(try error([UInt8](repeating: 7, count: 300)).contains("not a zip archive"))
        var flipped = good
        flipped[200] ^= 0x40   // inside x_train's deflated data
        let damaged = try error(flipped)
        #expect(damaged.contains("not a readable .npz archive: member x_train.npy"), "\(damaged)")
        // A stored member whose bytes changed inflates fine; only its CRC can tell.
        // x_train.npy's pixels start at byte 189 (30 + its name + a 20-byte ZIP64 field + a 128-byte header).
        var stored = try NumPyFixture.bytes("tiny.npz")
        stored[200] ^= 0x01
        #expect(try error(stored).hasSuffix("not a readable .npz archive: member x_train.npy fails its CRC-32 check"))
    }
}
