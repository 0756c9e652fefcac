/// The last few KiB of a cell process's stderr: the error text of its `FAILED` when it dies, so
/// the coordinator's report says why without shipping a whole log.
struct ErrorTail {
    static let defaultLimitBytes = 4 * 1024

    let limitBytes: Int
    private(set) var lines: [String] = []
    private var byteCount = 0

    init(limitBytes: Int = defaultLimitBytes) {
        self.limitBytes = limitBytes
    }

    mutating func append(_ line: String) {
        lines.append(line)
        byteCount += line.utf8.count + 1
        // Keep at least the newest line, however long; it is the likeliest to say what failed.
        while byteCount > limitBytes && lines.count > 1 {
            byteCount -= lines.removeFirst().utf8.count + 1
        }
    }

    var text: String { lines.joined(separator: "\n") }
}
