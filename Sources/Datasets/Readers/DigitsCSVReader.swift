import Engine

/// Reads scikit-learn's 8×8 handwritten digits (`sklearn/datasets/data/digits.csv.gz`).
///
/// Each line is 64 integer pixel values 0…16 (row-major, a 4×4-block count of an original
/// 32×32 bitmap) then the label 0…9, comma-separated, no header; 1,797 lines. The data has no
/// official train/test split, so we make a fixed, stratified one: **the 5th, 10th, 15th, …
/// example of each digit, counting in file order, is test; the rest is train**. For the real
/// file that is 1,442 train and 355 test images, 34–36 test images per digit. Taking every 5th
/// *line* instead would be badly unbalanced (21 zeros but 52 threes in test): the file repeats
/// blocks of near-identical label sequences whose lengths are multiples of 5.
enum DigitsCSVReader {
    static let side = 8
    static let pixelCount = side * side
    static let maxPixel = 16
    static let classCount = 10
    /// Every `testEvery`-th example of each class (in file order) goes to the test set.
    static let testEvery = 5

    /// Loads the CSV named by `path`, or `digits.csv.gz`/`digits.csv` inside the directory `path`.
    static func load(path: String, name: String) throws -> Dataset {
        let file = try self.file(path: path)
        let bytes = try FileBytes.contents(of: file)
        let rows = try bytes.withUnsafeBytes { try parse($0, file: file) }
        guard !rows.isEmpty else { throw DatasetError.empty(file: file) }

        var trainPixels: [UInt8] = [], testPixels: [UInt8] = []
        var trainLabels: [Int32] = [], testLabels: [Int32] = []
        var seenPerClass = [Int](repeating: 0, count: classCount)
        for row in rows {
            seenPerClass[Int(row.label)] += 1
            if seenPerClass[Int(row.label)] % testEvery == 0 {
                testPixels.append(contentsOf: row.pixels)
                testLabels.append(row.label)
            } else {
                trainPixels.append(contentsOf: row.pixels)
                trainLabels.append(row.label)
            }
        }
        let shape = ImageShape(height: side, width: side, channels: 1)
        let scaling = PixelScaling(maxValue: maxPixel)
        func scaled(_ pixels: [UInt8]) -> [Float] { pixels.map { scaling[Int($0)] } }
        return Dataset(name: name, shape: shape, classNames: ClassNames.digits(classCount),
                       train: ImageSet(images: scaled(trainPixels), labels: trainLabels, shape: shape),
                       test: ImageSet(images: scaled(testPixels), labels: testLabels, shape: shape))
    }

    /// The one file `load` reads: `path` itself, or the digits file inside the directory `path`.
    static func file(path: String) throws -> String {
        FileBytes.isDirectory(path) ? try FileBytes.locate(["digits.csv.gz", "digits.csv"], in: path) : path
    }

    /// One parsed line.
    struct Row {
        var pixels: [UInt8]
        var label: Int32
    }

    /// Parses every non-blank line; the first bad line is an error naming its number.
    static func parse(_ text: UnsafeRawBufferPointer, file: String) throws -> [Row] {
        var rows: [Row] = []
        var lineNumber = 0
        var start = 0
        while start < text.count {
            lineNumber += 1
            var end = start
            while end < text.count && text[end] != UInt8(ascii: "\n") { end += 1 }
            let line = UnsafeRawBufferPointer(rebasing: text[start..<end])
            start = end + 1
            if line.allSatisfy({ isSpace($0) }) { continue }
            rows.append(try parseLine(line, file: file, lineNumber: lineNumber))
        }
        return rows
    }

    private static func parseLine(_ line: UnsafeRawBufferPointer, file: String, lineNumber: Int) throws -> Row {
        func fail(_ detail: String) -> DatasetError {
            .malformedLine(file: file, line: lineNumber, detail: detail)
        }
        let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard fields.count == pixelCount + 1 else {
            throw fail("expected \(pixelCount + 1) comma-separated values (64 pixels and a label), found \(fields.count)")
        }
        var values: [Int] = []
        values.reserveCapacity(fields.count)
        for (index, field) in fields.enumerated() {
            guard let value = integer(field) else {
                let shown = String(decoding: field, as: UTF8.self)
                throw fail("value \(index + 1) \"\(shown)\" is not a non-negative integer")
            }
            values.append(value)
        }
        for (index, value) in values.prefix(pixelCount).enumerated() where value > maxPixel {
            throw fail("pixel \(index + 1) is \(value), outside 0...\(maxPixel)")
        }
        let label = values[pixelCount]
        guard label < classCount else { throw fail("label \(label) is outside 0..<\(classCount)") }
        return Row(pixels: values.prefix(pixelCount).map { UInt8($0) }, label: Int32(label))
    }

    /// A non-negative decimal integer with optional surrounding blanks (and a `\r` from CRLF
    /// files); `nil` for anything else, including values too large to matter.
    private static func integer(_ field: Slice<UnsafeRawBufferPointer>) -> Int? {
        let trimmed = field.drop(while: isSpace).reversed().drop(while: isSpace)
        guard !trimmed.isEmpty, trimmed.count <= 9 else { return nil }
        var value = 0
        for byte in trimmed.reversed() {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
