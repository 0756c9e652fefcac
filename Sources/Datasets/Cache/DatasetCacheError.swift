import Glibc

/// Why a decoded-dataset cache file was not used, or could not be written.
///
/// None of these fails a cell: `DatasetFileCache` logs the description (one line naming the
/// file and the problem) and decodes the dataset files instead, so a damaged or outdated cache
/// costs time, never a wrong result.
public enum DatasetCacheError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The cache file exists but could not be opened or mapped.
    case unreadable(file: String, errno: Int32)
    /// Shorter than its fixed header or than the manifest length it announces.
    case truncated(file: String, expectedBytes: Int, actualBytes: Int)
    /// Does not start with the cache magic: not a cache file, or its first bytes were overwritten.
    case badMagic(file: String)
    /// Written by another version of the cache layout.
    case otherLayout(file: String, found: UInt32, expected: UInt32)
    /// The manifest's SHA-256 does not match the one stored beside it: the header is damaged.
    case manifestHashMismatch(file: String)
    /// The manifest is not the JSON this version writes, or describes an impossible dataset.
    case malformedManifest(file: String, detail: String)
    /// Decoded by another version of the readers (`DatasetLoader.decoderVersion`).
    case otherDecoder(file: String, found: Int, expected: Int)
    /// Describes another dataset (format, name, path or file list) than the one asked for.
    case otherDataset(file: String, detail: String)
    /// A source file's size, times or inode differ from when the cache was built.
    case sourceChanged(file: String, source: String, detail: String)
    /// The file is not exactly as long as its manifest's counts require (cut short, or appended to).
    case wrongSize(file: String, expectedBytes: Int, actualBytes: Int)
    /// A stored label lies outside the dataset's classes: the label section is damaged.
    case labelOutOfRange(file: String, record: Int, label: Int32, classCount: Int)
    /// Writing a new cache file failed at `operation` (open, write, fsync, rename).
    case writeFailed(file: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case let .unreadable(file, code):
            return "\(file): cannot open the dataset cache (\(String(cString: strerror(code))))"
        case let .truncated(file, expected, actual):
            return "\(file): dataset cache truncated, \(actual) bytes where at least \(expected) are needed"
        case let .badMagic(file):
            return "\(file): not a dataset cache file (bad magic)"
        case let .otherLayout(file, found, expected):
            return "\(file): dataset cache layout \(found), this worker reads layout \(expected)"
        case let .manifestHashMismatch(file):
            return "\(file): dataset cache manifest does not match its SHA-256 (damaged header)"
        case let .malformedManifest(file, detail):
            return "\(file): dataset cache manifest unusable (\(detail))"
        case let .otherDecoder(file, found, expected):
            return "\(file): dataset cache made by decoder version \(found), this worker's is \(expected)"
        case let .otherDataset(file, detail):
            return "\(file): dataset cache holds another dataset (\(detail))"
        case let .sourceChanged(file, source, detail):
            return "\(file): stale dataset cache, \(source) changed since it was built (\(detail))"
        case let .wrongSize(file, expected, actual):
            return "\(file): dataset cache is \(actual) bytes, its manifest requires exactly \(expected)"
        case let .labelOutOfRange(file, record, label, classCount):
            return "\(file): dataset cache record \(record) has label \(label), outside 0..<\(classCount) (damaged)"
        case let .writeFailed(file, operation, code):
            return "\(file): cannot write the dataset cache, \(operation) failed (\(String(cString: strerror(code))))"
        }
    }
}
