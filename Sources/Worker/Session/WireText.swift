import Shared

/// Keeps text the worker sends within the sizes docs/protocol.md §2.6 allows; the codec encodes
/// whatever it is given, and an oversized frame would make the coordinator drop the message.
enum WireText {
    /// `text` cut to at most `maxBytes` of UTF-8, never inside a character.
    static func clipped(_ text: String, toBytes maxBytes: Int) -> String {
        guard text.utf8.count > maxBytes else { return text }
        var count = 0
        var end = text.startIndex
        for index in text.unicodeScalars.indices {
            let size = text.unicodeScalars[index].utf8.count
            if count + size > maxBytes { break }
            count += size
            end = text.unicodeScalars.index(after: index)
        }
        return String(text.unicodeScalars[..<end])
    }

    /// A progress report whose line fits its limit, with NULs removed (text frames forbid them).
    static func clipped(_ report: ProgressReport) -> ProgressReport {
        var report = report
        report.epoch = max(0, report.epoch)
        report.line = clipped(report.line.replacingOccurrences(of: "\0", with: ""), toBytes: WireConstants.maxProgressLineBytes)
        return report
    }
}
