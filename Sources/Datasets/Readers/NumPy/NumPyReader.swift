import Engine
import Shared

/// Datasets saved with NumPy: an `.npz` archive (`format: npz`) or a directory of `.npy` files
/// (`format: npy`), holding training and test images and labels under the names `arrays` gives
/// (docs/spec.md §3).
///
/// - Images: N×H×W (one channel) or N×H×W×C, C-ordered. uint8 pixels are scaled by 1/255, exactly
///   as the IDX and CIFAR readers scale theirs, so the same images give the same floats; float32
///   values are used as they are (they must be finite), for data already normalised or features.
/// - Labels: one non-negative integer per image, of any integer dtype.
/// - Class names: an optional 1-D string array; without it the classes are 0 … the largest
///   label, named "class 0", …
///
/// Every error names the file and the array.
enum NumPyReader {
    /// Without class names the class count is the largest label + 1; a label beyond this is a
    /// damaged file, not a dataset with that many classes.
    static let maxClassesWithoutNames = 65_536

    /// The dataset of an `.npz` or `.npy` source, with its array names (defaults filled in).
    static func load(_ source: DatasetSource) throws -> Dataset {
        let names = source.numPyArrays ?? .defaults
        return source.format == .npz ? try load(npz: source.path, arrays: names, name: source.name)
            : try load(npyDirectory: source.path, arrays: names, name: source.name)
    }

    private static func load(npz path: String, arrays names: NumPyArrayNames, name: String) throws -> Dataset {
        let archive = try ZipArchive(bytes: FileBytes.read(path), file: path)
        return try assemble(names: names, name: name) { array, required in
            guard let member = archive.member(named: array + ".npy") else {
                guard required else { return nil }
                let present = archive.members.map { $0.name.hasSuffix(".npy") ? String($0.name.dropLast(4)) : $0.name }
                throw DatasetError.missingArray(file: path, array: array, present: present)
            }
            let bytes = try archive.contents(of: member)
            return (try NPYArray.parse(bytes) { DatasetError.badArray(file: path, array: array, detail: $0) }, path)
        }
    }

    private static func load(npyDirectory directory: String, arrays names: NumPyArrayNames, name: String) throws -> Dataset {
        guard FileBytes.isDirectory(directory) else { throw DatasetError.fileNotFound(file: directory) }
        return try assemble(names: names, name: name) { array, required in
            let path = FileBytes.join(directory, array + ".npy")
            guard required || FileBytes.isFile(path) else { return nil }
            let bytes = try FileBytes.read(path)
            return (try NPYArray.parse(bytes) { DatasetError.badArray(file: path, array: array, detail: $0) }, path)
        }
    }

    /// The files `load` reads: the archive, or the directory's `.npy` files (class names if present).
    static func files(_ source: DatasetSource) throws -> [String] {
        let path = source.path, names = source.numPyArrays ?? .defaults
        if source.format == .npz {
            guard FileBytes.isFile(path) else { throw DatasetError.fileNotFound(file: path) }
            return [path]
        }
        guard FileBytes.isDirectory(path) else { throw DatasetError.fileNotFound(file: path) }
        var files = try [names.xTrain, names.yTrain, names.xTest, names.yTest].map { array in
            let file = FileBytes.join(path, array + ".npy")
            guard FileBytes.isFile(file) else { throw DatasetError.fileNotFound(file: file) }
            return file
        }
        let classNames = FileBytes.join(path, names.classNames + ".npy")
        if FileBytes.isFile(classNames) { files.append(classNames) }
        return files
    }

    /// Builds the dataset from the arrays `fetch` returns by name (`required` false: may be absent).
    private static func assemble(names: NumPyArrayNames, name: String,
                                 fetch: (String, Bool) throws -> (NPYArray, String)?) throws -> Dataset {
        func required(_ array: String) throws -> (NPYArray, String) {
            guard let found = try fetch(array, true) else { preconditionFailure("a required array came back absent") }
            return found
        }
        let trainImages = try images(required(names.xTrain), array: names.xTrain)
        let testImages = try images(required(names.xTest), array: names.xTest)
        if testImages.shape != trainImages.shape {
            throw DatasetError.shapeMismatch(file: "\(testImages.file) [\(names.xTest)]", expected: trainImages.shape,
                                             found: testImages.shape)
        }
        let trainLabels = try labels(required(names.yTrain), array: names.yTrain, images: trainImages, imagesArray: names.xTrain)
        let testLabels = try labels(required(names.yTest), array: names.yTest, images: testImages, imagesArray: names.xTest)

        let classNames: [String]
        let largest = Int(max(trainLabels.values.max() ?? 0, testLabels.values.max() ?? 0))
        if let (array, file) = try fetch(names.classNames, false) {
            classNames = try strings(array, file: file, array: names.classNames)
            for (set, labels) in [(names.yTrain, trainLabels), (names.yTest, testLabels)] {
                if let bad = labels.values.firstIndex(where: { Int($0) >= classNames.count }) {
                    throw DatasetError.labelOutOfRange(file: "\(labels.file) [\(set)]", record: bad, label: Int(labels.values[bad]),
                                                       classCount: classNames.count)
                }
            }
        } else {
            for (set, labels) in [(names.yTrain, trainLabels), (names.yTest, testLabels)] {
                if let bad = labels.values.firstIndex(where: { Int($0) >= maxClassesWithoutNames }) {
                    throw DatasetError.labelOutOfRange(file: "\(labels.file) [\(set)]", record: bad, label: Int(labels.values[bad]),
                                                       classCount: maxClassesWithoutNames)
                }
            }
            classNames = ClassNames.generic(largest + 1)
        }
        return Dataset(name: name, shape: trainImages.shape, classNames: classNames,
                       train: ImageSet(images: trainImages.pixels, labels: trainLabels.values, shape: trainImages.shape),
                       test: ImageSet(images: testImages.pixels, labels: testLabels.values, shape: testImages.shape))
    }

    private struct Images {
        let shape: ImageShape
        let count: Int
        let pixels: [Float]
        let file: String
    }

    private static func images(_ found: (NPYArray, String), array name: String) throws -> Images {
        let (array, file) = found
        func fail(_ detail: String) -> DatasetError { .badArray(file: file, array: name, detail: detail) }
        let shape = array.shape
        guard shape.count == 3 || shape.count == 4 else {
            throw fail("images must be N×H×W or N×H×W×C; shape is \(NPYArray.tuple(shape))")
        }
        guard shape.allSatisfy({ $0 > 0 }) else { throw fail("shape \(NPYArray.tuple(shape)) has an empty dimension") }
        let imageShape = ImageShape(height: shape[1], width: shape[2], channels: shape.count == 4 ? shape[3] : 1)
        let pixels: [Float]
        switch array.element {
        case .unsigned(bytes: 1):
            let scaling = PixelScaling(maxValue: 255)
            pixels = [Float](unsafeUninitializedCapacity: array.count) { buffer, initialized in
                array.data.withUnsafeBytes { raw in if let base = buffer.baseAddress { scaling.scale(raw, into: base) } }
                initialized = array.count
            }
        case .float(bytes: 4):
            pixels = [Float](unsafeUninitializedCapacity: array.count) { buffer, initialized in
                array.data.withUnsafeBytes { raw in
                    for i in 0..<array.count {
                        buffer[i] = Float(bitPattern: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).littleEndian)
                    }
                }
                initialized = array.count
            }
            if let bad = pixels.firstIndex(where: { !$0.isFinite }) {
                throw fail("value \(pixels[bad]) at element \(bad); images must be finite")
            }
        default:
            throw fail("images of dtype \(array.descr); save uint8 pixels (0–255) or float32 values")
        }
        return Images(shape: imageShape, count: shape[0], pixels: pixels, file: file)
    }

    private struct Labels {
        let values: [Int32]
        let file: String
    }

    private static func labels(_ found: (NPYArray, String), array name: String, images: Images,
                               imagesArray: String) throws -> Labels {
        let (array, file) = found
        func fail(_ detail: String) -> DatasetError { .badArray(file: file, array: name, detail: detail) }
        guard array.shape.count == 1 else { throw fail("labels must be one-dimensional; shape is \(NPYArray.tuple(array.shape))") }
        guard array.count == images.count else {
            throw DatasetError.countMismatch(imagesFile: "\(images.file) [\(imagesArray)]", images: images.count,
                                             labelsFile: "\(file) [\(name)]", labels: array.count)
        }
        let size: Int, signed: Bool
        switch array.element {
        case .unsigned(let bytes): (size, signed) = (bytes, false)
        case .signed(let bytes): (size, signed) = (bytes, true)
        default: throw fail("labels of dtype \(array.descr); save integer labels")
        }
        var values = [Int32](repeating: 0, count: array.count)
        try array.data.withUnsafeBytes { raw in
            for i in 0..<array.count {
                var bits: UInt64 = 0
                for b in 0..<size { bits |= UInt64(raw[i * size + b]) << (8 * UInt64(b)) }
                // Sign-extend a negative signed value so that it is caught below.
                let negative = signed && bits >> (8 * UInt64(size) - 1) & 1 == 1
                guard !negative, bits <= UInt64(Int32.max) else {
                    throw fail("label at element \(i) is \(negative ? "negative" : "\(bits)"); labels are class numbers 0, 1, 2, …")
                }
                values[i] = Int32(bits)
            }
        }
        return Labels(values: values, file: file)
    }

    private static func strings(_ array: NPYArray, file: String, array name: String) throws -> [String] {
        func fail(_ detail: String) -> DatasetError { .badArray(file: file, array: name, detail: detail) }
        guard array.shape.count == 1, array.count > 0 else {
            throw fail("class names must be a non-empty 1-D array; shape is \(NPYArray.tuple(array.shape))")
        }
        let size = array.element.size
        return try (0..<array.count).map { i in
            let field = array.data.dropFirst(i * size).prefix(size)
            switch array.element {
            case .unicode:
                var scalars = String.UnicodeScalarView()
                for offset in stride(from: field.startIndex, to: field.endIndex, by: 4) {
                    let value = UInt32(field[offset]) | UInt32(field[offset + 1]) << 8
                        | UInt32(field[offset + 2]) << 16 | UInt32(field[offset + 3]) << 24
                    if value == 0 { break }
                    guard let scalar = Unicode.Scalar(value) else { throw fail("class name \(i) is not valid UTF-32") }
                    scalars.append(scalar)
                }
                return String(scalars)
            case .byteString:
                return String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
            default:
                throw fail("class names of dtype \(array.descr); save strings (e.g. np.array(['cat', 'dog']))")
            }
        }
    }
}
