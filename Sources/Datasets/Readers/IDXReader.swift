import Engine

/// Reads LeCun's IDX format (MNIST, Fashion-MNIST), raw or gzipped.
///
/// An IDX file is a 4-byte magic (two zero bytes, a data-type byte, a dimension count), one
/// big-endian `UInt32` size per dimension, then the data. We read only unsigned bytes: images
/// with 3 dimensions (count, rows, columns; magic `0x00000803`) and labels with 1 (magic
/// `0x00000801`). The data must be exactly as long as the sizes say: a short file is a cut-off
/// download, a long one is not what its header claims, and either would silently shift examples.
enum IDXReader {
    static let imagesMagic: UInt32 = 0x0000_0803
    static let labelsMagic: UInt32 = 0x0000_0801
    /// IDX datasets we know (MNIST family) all have ten classes.
    static let classCount = 10

    /// Loads `{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]` from `directory`.
    ///
    /// Class names are Fashion-MNIST's when the directory or dataset name mentions "fashion",
    /// the digits "0"…"9" when it mentions "mnist" or "digit", and "class N" otherwise.
    static func load(directory: String, name: String) throws -> Dataset {
        guard FileBytes.isDirectory(directory) else { throw DatasetError.fileNotFound(file: directory) }
        let train = try readSet(directory: directory, prefix: "train", expectedShape: nil)
        let test = try readSet(directory: directory, prefix: "t10k", expectedShape: train.shape)
        return Dataset(name: name, shape: train.shape, classNames: classNames(directory: directory, name: name),
                       train: train, test: test)
    }

    /// The four files `load` reads, in the order it reads them (train images and labels, then
    /// test images and labels), so a cache can tell when any of them changes.
    static func files(directory: String) throws -> [String] {
        guard FileBytes.isDirectory(directory) else { throw DatasetError.fileNotFound(file: directory) }
        return try ["train", "t10k"].flatMap { prefix in
            [try FileBytes.locate(candidates("\(prefix)-images-idx3-ubyte"), in: directory),
             try FileBytes.locate(candidates("\(prefix)-labels-idx1-ubyte"), in: directory)]
        }
    }

    /// One image file and its label file, checked against each other.
    static func readSet(directory: String, prefix: String, expectedShape: ImageShape?) throws -> ImageSet {
        let imagesPath = try FileBytes.locate(candidates("\(prefix)-images-idx3-ubyte"), in: directory)
        let labelsPath = try FileBytes.locate(candidates("\(prefix)-labels-idx1-ubyte"), in: directory)
        let (shape, pixels) = try readImages(imagesPath)
        if let expectedShape, expectedShape != shape {
            throw DatasetError.shapeMismatch(file: imagesPath, expected: expectedShape, found: shape)
        }
        let labels = try readLabels(labelsPath)
        let imageCount = pixels.count / shape.count
        guard imageCount == labels.count else {
            throw DatasetError.countMismatch(imagesFile: imagesPath, images: imageCount,
                                             labelsFile: labelsPath, labels: labels.count)
        }
        return ImageSet(images: pixels, labels: labels, shape: shape)
    }

    /// The pixels of an images file, scaled to [0, 1]; the shape is rows × columns × 1.
    static func readImages(_ path: String) throws -> (shape: ImageShape, pixels: [Float]) {
        let bytes = try FileBytes.contents(of: path)
        return try bytes.withUnsafeBytes { raw in
            let (dimensions, data) = try parse(raw, file: path, magic: imagesMagic, dimensionCount: 3)
            guard dimensions[1] > 0, dimensions[2] > 0 else {
                throw DatasetError.badDimensions(file: path, dimensions: dimensions)
            }
            let shape = ImageShape(height: dimensions[1], width: dimensions[2], channels: 1)
            let scaling = PixelScaling(maxValue: 255)
            let pixels = [Float](unsafeUninitializedCapacity: data.count) { buffer, initialized in
                if let base = buffer.baseAddress { scaling.scale(data, into: base) }
                initialized = data.count
            }
            return (shape, pixels)
        }
    }

    /// The labels of a labels file, each checked to lie in 0..<10.
    static func readLabels(_ path: String) throws -> [Int32] {
        let bytes = try FileBytes.contents(of: path)
        return try bytes.withUnsafeBytes { raw in
            let (_, data) = try parse(raw, file: path, magic: labelsMagic, dimensionCount: 1)
            if let bad = data.firstIndex(where: { Int($0) >= classCount }) {
                throw DatasetError.labelOutOfRange(file: path, record: bad, label: Int(data[bad]),
                                                   classCount: classCount)
            }
            return data.map { Int32($0) }
        }
    }

    /// Checks the header and length of an IDX image; returns the sizes and the data bytes.
    static func parse(_ raw: UnsafeRawBufferPointer, file: String, magic: UInt32,
                      dimensionCount: Int) throws -> (dimensions: [Int], data: UnsafeRawBufferPointer) {
        let headerBytes = 4 + 4 * dimensionCount
        guard raw.count >= 4 else {
            throw DatasetError.truncated(file: file, expectedBytes: headerBytes, actualBytes: raw.count)
        }
        let found = bigEndianUInt32(raw, at: 0)
        guard found == magic else { throw DatasetError.badMagic(file: file, expected: magic, found: found) }
        guard raw.count >= headerBytes else {
            throw DatasetError.truncated(file: file, expectedBytes: headerBytes, actualBytes: raw.count)
        }
        let dimensions = (0..<dimensionCount).map { Int(bigEndianUInt32(raw, at: 4 + 4 * $0)) }
        guard dimensions[0] > 0 else { throw DatasetError.empty(file: file) }
        var dataBytes = 1
        for size in dimensions {
            let (product, overflow) = dataBytes.multipliedReportingOverflow(by: size)
            guard !overflow else { throw DatasetError.badDimensions(file: file, dimensions: dimensions) }
            dataBytes = product
        }
        let expected = headerBytes + dataBytes
        if raw.count < expected {
            throw DatasetError.truncated(file: file, expectedBytes: expected, actualBytes: raw.count)
        }
        if raw.count > expected {
            throw DatasetError.trailingBytes(file: file, expectedBytes: expected, actualBytes: raw.count)
        }
        return (dimensions, UnsafeRawBufferPointer(rebasing: raw[headerBytes...]))
    }

    /// The raw name first, then the gzipped one, as both are common.
    private static func candidates(_ stem: String) -> [String] { [stem, stem + ".gz"] }

    private static func bigEndianUInt32(_ raw: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(raw[offset]) << 24 | UInt32(raw[offset + 1]) << 16 | UInt32(raw[offset + 2]) << 8
            | UInt32(raw[offset + 3])
    }

    private static func classNames(directory: String, name: String) -> [String] {
        let hint = (FileBytes.lastComponent(directory) + " " + name).lowercased()
        if hint.contains("fashion") { return ClassNames.fashionMNIST }
        if hint.contains("mnist") || hint.contains("digit") { return ClassNames.digits(classCount) }
        return ClassNames.generic(classCount)
    }
}
