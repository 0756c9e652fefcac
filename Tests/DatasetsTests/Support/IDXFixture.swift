@testable import Datasets

/// Builds IDX files byte by byte, independently of the reader under test.
enum IDXFixture {
    /// Image sizes deliberately not square, so a rows/columns swap cannot go unnoticed.
    static let rows = 4, columns = 3

    /// The pixel byte the fixture puts at (image, row, column).
    static func pixel(_ image: Int, _ row: Int, _ column: Int) -> UInt8 {
        UInt8((image * 37 + row * 11 + column * 5) % 256)
    }

    static func label(_ image: Int) -> UInt8 { UInt8(image % 10) }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func imagesFile(count: Int, rows: Int = rows, columns: Int = columns, magic: UInt32 = 0x0803) -> [UInt8] {
        var bytes = bigEndian(magic) + bigEndian(UInt32(count)) + bigEndian(UInt32(rows)) + bigEndian(UInt32(columns))
        for image in 0..<count {
            for row in 0..<rows {
                for column in 0..<columns { bytes.append(pixel(image, row, column)) }
            }
        }
        return bytes
    }

    static func labelsFile(_ labels: [UInt8], magic: UInt32 = 0x0801) -> [UInt8] {
        bigEndian(magic) + bigEndian(UInt32(labels.count)) + labels
    }

    static func labelsFile(count: Int) -> [UInt8] { labelsFile((0..<count).map(label)) }

    static let trainCount = 12, testCount = 5

    /// Writes a complete, valid IDX dataset into `directory` (optionally gzipped, with `.gz` names).
    static func writeDataset(in directory: TemporaryDirectory, gzip: Bool = false, under folder: String = "") throws -> String {
        let prefix = folder.isEmpty ? "" : folder + "/"
        let suffix = gzip ? ".gz" : ""
        func encode(_ bytes: [UInt8]) -> [UInt8] { gzip ? GzipFile.compress(bytes) : bytes }
        try directory.write(encode(imagesFile(count: trainCount)), to: prefix + "train-images-idx3-ubyte" + suffix)
        try directory.write(encode(labelsFile(count: trainCount)), to: prefix + "train-labels-idx1-ubyte" + suffix)
        try directory.write(encode(imagesFile(count: testCount)), to: prefix + "t10k-images-idx3-ubyte" + suffix)
        try directory.write(encode(labelsFile(count: testCount)), to: prefix + "t10k-labels-idx1-ubyte" + suffix)
        return directory.path + (folder.isEmpty ? "" : "/" + folder)
    }
}
