import Foundation
import Shared

/// Progress of a cell process as JSON lines on stdout, one `ProgressReport` per line: how a cell
/// process tells its worker where it is (`worker train --progress-json`).
enum ProgressLines {
    /// Writes one line straight to the file descriptor: stdout is a pipe here, and C's buffering
    /// would hold reports back until the buffer fills.
    static func write(_ report: ProgressReport) {
        guard let line = encode(report) else { return }
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    /// `{"epoch":3,"line":"…","phase":"train"}` and a newline; nil only if encoding fails.
    static func encode(_ report: ProgressReport) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report) else { return nil }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The report in one line of a cell's stdout, or nil if the line is not one.
    static func decode(_ line: [UInt8]) -> ProgressReport? {
        try? JSONDecoder().decode(ProgressReport.self, from: Data(line))
    }
}
