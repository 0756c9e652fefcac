import Engine
import Shared

/// The description at the head of a dataset cache file: which dataset, decoded from which
/// files by which decoder, and how many images of which shape follow.
///
/// JSON, because it is small (a few KB at most, CIFAR-100's class names being the largest part)
/// and read once per load; the bulk data after it is raw. Section offsets are not stored: they
/// follow from the counts (`DatasetCacheLayout`), so the manifest cannot contradict them.
struct DatasetCacheManifest: Codable, Equatable {
    /// One source file as it was when the cache was built.
    struct Source: Codable, Equatable {
        var identity: SourceFileIdentity
        /// SHA-256 of the file's bytes as stored (compressed, if it is gzipped), in hex.
        var sha256: String
        /// The file had changed less than `DatasetFileCache.racyWindow` before the cache was
        /// built. Timestamps tick coarsely (a few ms), so a same-size rewrite in the same tick
        /// would keep its identity; such a file's content hash is checked on every load instead
        /// (Git's "racily clean" problem). Never true for installed datasets.
        var verifyContent: Bool
    }

    var decoderVersion: Int
    var format: String
    var name: String
    var sourcePath: String
    /// Which arrays of a NumPy file are which (`.npz`, `.npy`); nil for other formats, and in
    /// files from before NumPy datasets, which decode with it absent.
    var arrays: NumPyArrayNames?
    var sources: [Source]
    /// "little": the byte order of the raw labels and floats. Every platform this builds for is
    /// little-endian; the field makes a file from elsewhere fail loudly instead of decoding garbage.
    var byteOrder: String
    var height: Int
    var width: Int
    var channels: Int
    var classNames: [String]
    var trainCount: Int
    var testCount: Int
    /// The training pixels' moments, computed when the file was built from the decoded floats it
    /// holds, so a cell that maps the file does not pass over 47 M floats to standardise a task.
    var trainPixelMoments: PixelMoments

    var shape: ImageShape { ImageShape(height: height, width: width, channels: channels) }
}

/// Where each section of a dataset cache file starts, computed from the manifest's length and
/// counts. Sections start on 64-byte boundaries so the floats are aligned for vector loads.
///
/// File: `magic (8) | layout version (u32) | manifest length (u32) | SHA-256 of manifest (32) |
/// manifest | pad | train labels (i32) | pad | test labels (i32) | pad | train pixels (f32) |
/// pad | test pixels (f32)`.
struct DatasetCacheLayout: Equatable {
    static let magic: [UInt8] = Array("WSDCACHE".utf8)
    /// Raise when the layout above or the manifest's fields change. 2: the manifest carries the
    /// training pixels' moments.
    static let version: UInt32 = 2
    static let prefixBytes = 8 + 4 + 4 + 32
    static let alignment = 64

    let trainLabels: Int
    let testLabels: Int
    let trainPixels: Int
    let testPixels: Int
    let totalBytes: Int

    /// Nil when the counts overflow: only a damaged manifest asks for that much.
    init?(manifestBytes: Int, trainCount: Int, testCount: Int, pixelsPerImage: Int) {
        func aligned(_ offset: Int) -> Int? {
            let (sum, overflow) = offset.addingReportingOverflow(Self.alignment - 1)
            return overflow ? nil : sum / Self.alignment * Self.alignment
        }
        func bytes(_ count: Int, _ size: Int) -> Int? {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            return overflow || count < 0 ? nil : product
        }
        func after(_ offset: Int, _ length: Int?) -> Int? {
            guard let length else { return nil }
            let (sum, overflow) = offset.addingReportingOverflow(length)
            return overflow ? nil : sum
        }
        guard let trainLabels = aligned(Self.prefixBytes + manifestBytes),
              let testLabels = after(trainLabels, bytes(trainCount, 4)).flatMap(aligned),
              let trainPixels = after(testLabels, bytes(testCount, 4)).flatMap(aligned),
              let trainFloats = bytes(trainCount, pixelsPerImage),
              let testPixels = after(trainPixels, bytes(trainFloats, 4)).flatMap(aligned),
              let testFloats = bytes(testCount, pixelsPerImage),
              let totalBytes = after(testPixels, bytes(testFloats, 4))
        else { return nil }
        self.trainLabels = trainLabels
        self.testLabels = testLabels
        self.trainPixels = trainPixels
        self.testPixels = testPixels
        self.totalBytes = totalBytes
    }
}
