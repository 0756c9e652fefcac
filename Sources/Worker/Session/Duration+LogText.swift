import Engine
import Foundation

extension Duration {
    /// "5.1 s" or "0.67 s": short enough for a log line, precise enough to read a timer by.
    var logText: String {
        let value = seconds
        return value < 10 ? String(format: "%.2g s", value) : String(format: "%.0f s", value)
    }
}
