import Engine
import Glibc

/// Everything that can go wrong turning files into a dataset and a dataset into a task.
///
/// Dataset files come from outside the program, so bad bytes are expected input, never a trap.
/// Each `description` is one line that names the file (or dataset) and says what is wrong and
/// what to do, because that line is what reaches the person running the sweep.
public enum DatasetError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A file or directory the dataset needs does not exist.
    case fileNotFound(file: String)
    /// A file exists but could not be read (permissions, an I/O error, or a directory in its place).
    case unreadable(file: String, errno: Int32)
    /// A file starts with the gzip magic but does not inflate cleanly (damaged or cut-off download).
    case corruptGzip(file: String, detail: String)
    /// An IDX file's magic number is not the expected one (a different file, or not unsigned bytes with the expected number of dimensions).
    case badMagic(file: String, expected: UInt32, found: UInt32)
    /// An IDX header has a zero dimension, or dimensions whose product overflows.
    case badDimensions(file: String, dimensions: [Int])
    /// A file holds fewer bytes than its header or record layout promises.
    case truncated(file: String, expectedBytes: Int, actualBytes: Int)
    /// A file holds more bytes than its header promises.
    case trailingBytes(file: String, expectedBytes: Int, actualBytes: Int)
    /// A file of fixed-size records (CIFAR) is not a whole number of records long.
    case partialRecord(file: String, bytes: Int, recordBytes: Int)
    /// A file holds no examples at all.
    case empty(file: String)
    /// An images file and its labels file disagree on how many examples there are.
    case countMismatch(imagesFile: String, images: Int, labelsFile: String, labels: Int)
    /// A test file's images are not the same size as the training images.
    case shapeMismatch(file: String, expected: ImageShape, found: ImageShape)
    /// A label lies outside the dataset's classes; `record` counts from 0 within the file.
    case labelOutOfRange(file: String, record: Int, label: Int, classCount: Int)
    /// A line of a text dataset is not in the expected format; `line` counts from 1.
    case malformedLine(file: String, line: Int, detail: String)
    /// A zip archive (an `.npz`) that is damaged or uses what the reader does not read.
    case corruptArchive(file: String, detail: String)
    /// A NumPy array whose header, type, shape or values are not what a dataset array must be.
    case badArray(file: String, array: String, detail: String)
    /// An `.npz` without an array the spec names (`present`: the ones it has).
    case missingArray(file: String, array: String, present: [String])
    /// Synthetic-dataset parameters that cannot produce a dataset.
    case invalidSyntheticParameters(detail: String)
    /// A task names a class the dataset does not have.
    case classOutOfRange(dataset: String, classID: Int, classCount: Int)
    /// A task lists a class twice, in one list or across groups.
    case duplicateClass(dataset: String, classID: Int)
    /// A task's label group contains no classes.
    case emptyGroup(dataset: String, group: String)
    /// A task selects no classes at all.
    case emptyTask(dataset: String)
    /// A task option is outside its allowed range (validation fraction, train limit).
    case invalidTaskOption(dataset: String, option: String, detail: String)
    /// A task's train, validation or test split would hold no examples.
    case emptySplit(dataset: String, split: String, detail: String)

    public var description: String {
        switch self {
        case let .fileNotFound(file):
            return "\(file): not found; check the dataset path (and that the dataset package is installed)"
        case let .unreadable(file, code):
            return "\(file): cannot be read (\(String(cString: strerror(code)))); check permissions and that it is a regular file"
        case let .corruptGzip(file, detail):
            return "\(file): corrupt gzip data (\(detail)); download or unpack the file again"
        case let .badMagic(file, expected, found):
            return "\(file): magic number \(hex(found)), expected \(hex(expected)) "
                + "(\(Self.idxKind(expected))); is this the right file?"
        case let .badDimensions(file, dimensions):
            return "\(file): impossible IDX dimensions \(dimensions); the header is damaged, fetch the file again"
        case let .truncated(file, expected, actual):
            return "\(file): truncated, \(actual) bytes where the header promises \(expected); fetch the file again"
        case let .trailingBytes(file, expected, actual):
            return "\(file): \(actual - expected) unexpected bytes after the \(expected) the header promises; "
                + "the file is damaged or not what its header says"
        case let .partialRecord(file, bytes, recordBytes):
            return "\(file): \(bytes) bytes is not a whole number of \(recordBytes)-byte records; "
                + "the file is truncated or of another CIFAR variant"
        case let .empty(file):
            return "\(file): holds no examples; fetch the file again"
        case let .countMismatch(imagesFile, images, labelsFile, labels):
            return "\(imagesFile): \(images) images but \(labelsFile) has \(labels) labels; "
                + "the two files come from different sets"
        case let .shapeMismatch(file, expected, found):
            return "\(file): images are \(found) but the training images are \(expected); "
                + "train and test files come from different datasets"
        case let .labelOutOfRange(file, record, label, classCount):
            return "\(file): record \(record) has label \(label), outside 0..<\(classCount); "
                + "the file is damaged or of another dataset"
        case let .malformedLine(file, line, detail):
            return "\(file):\(line): \(detail)"
        case let .corruptArchive(file, detail):
            return "\(file): not a readable .npz archive: \(detail)"
        case let .badArray(file, array, detail):
            return "\(file): array \(array): \(detail)"
        case let .missingArray(file, array, present):
            return "\(file): has no array \(array) (it holds \(present.isEmpty ? "none" : present.joined(separator: ", "))); "
                + "name the right one under the dataset's arrays:"
        case let .invalidSyntheticParameters(detail):
            return "synthetic dataset: \(detail); fix the synthetic parameters"
        case let .classOutOfRange(dataset, classID, classCount):
            return "\(dataset): task names class \(classID), but the dataset has classes 0..<\(classCount); fix the task"
        case let .duplicateClass(dataset, classID):
            return "\(dataset): task lists class \(classID) more than once; each class may appear once"
        case let .emptyGroup(dataset, group):
            return "\(dataset): task group \"\(group)\" has no classes; give it at least one"
        case let .emptyTask(dataset):
            return "\(dataset): task selects no classes; list at least one"
        case let .invalidTaskOption(dataset, option, detail):
            return "\(dataset): \(option) \(detail)"
        case let .emptySplit(dataset, split, detail):
            return "\(dataset): the task's \(split) split would be empty (\(detail))"
        }
    }

    private static func idxKind(_ magic: UInt32) -> String {
        switch magic {
        case IDXReader.imagesMagic: return "unsigned-byte images with 3 dimensions"
        case IDXReader.labelsMagic: return "unsigned-byte labels with 1 dimension"
        default: return "IDX"
        }
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
