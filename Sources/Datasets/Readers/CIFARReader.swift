import Engine

/// Reads the binary versions of CIFAR-10 and CIFAR-100 (Krizhevsky 2009).
///
/// Files are sequences of fixed-size records: label byte(s), then a 32×32 image as three planes
/// (all red, all green, all blue, each row-major). We convert each record to NHWC, the engine's
/// layout. CIFAR-100 records carry a coarse and a fine label; we keep the fine one (100 classes),
/// since coarse groupings are better expressed as tasks over fine classes.
enum CIFARReader {
    /// The two published binary layouts.
    enum Variant {
        case cifar10, cifar100

        /// Label bytes before the pixels of each record.
        var labelBytes: Int { self == .cifar10 ? 1 : 2 }
        var recordBytes: Int { labelBytes + CIFARReader.imageBytes }
        var classNames: [String] { self == .cifar10 ? ClassNames.cifar10 : ClassNames.cifar100 }
        var trainFiles: [String] {
            self == .cifar10 ? (1...5).map { "data_batch_\($0).bin" } : ["train.bin"]
        }
        var testFile: String { self == .cifar10 ? "test_batch.bin" : "test.bin" }
        /// The folder the official archive unpacks to, tried when `path` holds no data files.
        var archiveFolder: String { self == .cifar10 ? "cifar-10-batches-bin" : "cifar-100-binary" }
    }

    static let shape = ImageShape(height: 32, width: 32, channels: 3)
    static let imageBytes = 32 * 32 * 3

    /// Loads the train and test files of `variant` from `path` or its archive subfolder.
    static func load(path: String, name: String, variant: Variant) throws -> Dataset {
        let directory = try dataDirectory(path: path, variant: variant)
        let train = try readFiles(variant.trainFiles.map { FileBytes.join(directory, $0) }, variant: variant)
        let test = try readFiles([FileBytes.join(directory, variant.testFile)], variant: variant)
        return Dataset(name: name, shape: shape, classNames: variant.classNames, train: train, test: test)
    }

    /// The files `load` reads, train then test, so a cache can tell when any of them changes.
    static func files(path: String, variant: Variant) throws -> [String] {
        let directory = try dataDirectory(path: path, variant: variant)
        return (variant.trainFiles + [variant.testFile]).map { FileBytes.join(directory, $0) }
    }

    /// `path`, or its archive subfolder when `path` holds no data files.
    private static func dataDirectory(path: String, variant: Variant) throws -> String {
        guard FileBytes.isDirectory(path) else { throw DatasetError.fileNotFound(file: path) }
        let nested = FileBytes.join(path, variant.archiveFolder)
        return !FileBytes.isFile(FileBytes.join(path, variant.testFile)) && FileBytes.isDirectory(nested)
            ? nested : path
    }

    /// Decodes the records of `paths`, in order, into one set. All files are read and checked
    /// before the float buffer is allocated, so the pixels are written once, in place.
    static func readFiles(_ paths: [String], variant: Variant) throws -> ImageSet {
        var files: [[UInt8]] = []
        for path in paths {
            let bytes = try FileBytes.contents(of: path)
            try check(bytes, file: path, variant: variant)
            files.append(bytes)
        }
        let recordCount = files.reduce(0) { $0 + $1.count / variant.recordBytes }
        var labels: [Int32] = []
        labels.reserveCapacity(recordCount)
        let scaling = PixelScaling(maxValue: 255)
        let images = [Float](unsafeUninitializedCapacity: recordCount * imageBytes) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            var written = 0
            for file in files {
                file.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        labels.append(Int32(raw[offset + variant.labelBytes - 1]))
                        let planes = UnsafeRawBufferPointer(
                            rebasing: raw[(offset + variant.labelBytes)..<(offset + variant.recordBytes)])
                        writeNHWC(planes, into: base + written * imageBytes, scaling: scaling)
                        written += 1
                        offset += variant.recordBytes
                    }
                }
            }
            initialized = written * imageBytes
        }
        return ImageSet(images: images, labels: labels, shape: shape)
    }

    /// Size and label-range checks for one file. For CIFAR-100 both the coarse (< 20) and the
    /// fine (< 100) label are checked: a wrong coarse byte means the records are misaligned.
    static func check(_ bytes: [UInt8], file: String, variant: Variant) throws {
        guard !bytes.isEmpty else { throw DatasetError.empty(file: file) }
        guard bytes.count % variant.recordBytes == 0 else {
            throw DatasetError.partialRecord(file: file, bytes: bytes.count, recordBytes: variant.recordBytes)
        }
        let limits = variant == .cifar10 ? [10] : [20, 100]
        for record in 0..<(bytes.count / variant.recordBytes) {
            for (position, limit) in limits.enumerated() {
                let label = Int(bytes[record * variant.recordBytes + position])
                if label >= limit {
                    throw DatasetError.labelOutOfRange(file: file, record: record, label: label, classCount: limit)
                }
            }
        }
    }

    /// Planar CHW (R plane, G plane, B plane) to interleaved HWC, scaled to [0, 1].
    private static func writeNHWC(_ planes: UnsafeRawBufferPointer, into destination: UnsafeMutablePointer<Float>,
                                  scaling: PixelScaling) {
        let pixelsPerPlane = shape.height * shape.width
        for channel in 0..<shape.channels {
            let plane = channel * pixelsPerPlane
            for pixel in 0..<pixelsPerPlane {
                destination[pixel * shape.channels + channel] = scaling[Int(planes[plane + pixel])]
            }
        }
    }
}
