import Testing
@testable import Datasets
import Engine

@Suite struct DigitsCSVReaderTests {
    /// A CSV line: 64 pixels `(seed + i) % 17`, then `label`.
    private func line(_ seed: Int, label: Int) -> String {
        ((0..<64).map { String((seed + $0) % 17) } + [String(label)]).joined(separator: ",")
    }

    private func write(_ lines: [String], in directory: TemporaryDirectory, name: String = "digits.csv.gz",
                       gzip: Bool = true) throws -> String {
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        return try directory.write(gzip ? GzipFile.compress(bytes) : bytes, to: name)
    }

    @Test func everyFifthExampleOfEachDigitIsTestAndPixelsAreScaledBySixteen() throws {
        let directory = try TemporaryDirectory()
        // Twelve zeros (lines 0…11) then six ones (lines 12…17).
        let labels = Array(repeating: 0, count: 12) + Array(repeating: 1, count: 6)
        let file = try write(labels.enumerated().map { line($0.offset, label: $0.element) }, in: directory)
        let dataset = try load(.digitsCSV, file)

        #expect(dataset.shape == ImageShape(height: 8, width: 8, channels: 1))
        #expect(dataset.classNames == (0..<10).map(String.init))
        // Test: the 5th and 10th zero (lines 4 and 9) and the 5th one (line 16).
        #expect(dataset.test.labels == [0, 0, 1])
        #expect(dataset.test.images[0] == Float(4 % 17) / 16)
        #expect(dataset.test.images[64 + 63] == Float((9 + 63) % 17) / 16)
        #expect(dataset.test.images[128 + 5] == Float((16 + 5) % 17) / 16)
        #expect(dataset.train.count == 15)
        #expect(dataset.train.labels == Array(repeating: 0, count: 10) + Array(repeating: 1, count: 5))
        #expect(dataset.train.images[4 * 64] == Float(5 % 17) / 16)  // Line 5 follows line 3 in train.
    }

    @Test func aDirectoryIsSearchedForDigitsCSVAndCRLFLinesAreAccepted() throws {
        let directory = try TemporaryDirectory()
        _ = try write((0..<10).map { line($0, label: $0) + "\r" }, in: directory, name: "digits.csv", gzip: false)
        let dataset = try load(.digitsCSV, directory.path)
        #expect(dataset.train.count + dataset.test.count == 10)
    }

    @Test func aLineWithTooFewValuesIsAMalformedLineErrorNamingTheLine() throws {
        let directory = try TemporaryDirectory()
        var lines = (0..<5).map { line($0, label: 3) }
        lines[2] = "1,2,3"
        let file = try write(lines, in: directory)
        let error = datasetError { try load(.digitsCSV, file) }
        guard case .malformedLine(let named, let number, let detail) = error else {
            Issue.record("expected malformedLine, got \(String(describing: error))")
            return
        }
        #expect(named == file && number == 3 && detail.contains("found 3"))
        #expect(error?.description.hasPrefix(file + ":3:") == true)
    }

    @Test func aNonIntegerValueIsAMalformedLineError() throws {
        let directory = try TemporaryDirectory()
        let bad = (["0", "1.5"] + Array(repeating: "0", count: 62) + ["2"]).joined(separator: ",")
        let file = try write([line(0, label: 1), bad], in: directory)
        guard case .malformedLine(_, 2, let detail) = datasetError({ try load(.digitsCSV, file) }) else {
            Issue.record("expected malformedLine on line 2")
            return
        }
        #expect(detail.contains("value 2 \"1.5\""))
    }

    @Test func aPixelAboveSixteenOrALabelAboveNineIsAMalformedLineError() throws {
        let directory = try TemporaryDirectory()
        let tooBright = (["17"] + Array(repeating: "0", count: 63) + ["1"]).joined(separator: ",")
        let pixel = try write([line(0, label: 1), tooBright], in: directory, name: "pixel.csv")
        guard case .malformedLine(_, 2, let detail) = datasetError({ try load(.digitsCSV, pixel) }) else {
            Issue.record("expected malformedLine on line 2")
            return
        }
        #expect(detail.contains("pixel 1 is 17"))
        let label = try write([line(0, label: 10)], in: directory, name: "label.csv")
        guard case .malformedLine(_, 1, let labelDetail) = datasetError({ try load(.digitsCSV, label) }) else {
            Issue.record("expected malformedLine on line 1")
            return
        }
        #expect(labelDetail.contains("label 10"))
    }

    @Test func aFileOfBlankLinesIsAnEmptyError() throws {
        let directory = try TemporaryDirectory()
        let file = try write(["", "  "], in: directory)
        #expect(datasetError { try load(.digitsCSV, file) } == .empty(file: file))
    }
}
