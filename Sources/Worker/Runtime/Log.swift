import Foundation

/// Writes one line to stderr: logs and progress never mix with results on stdout.
func log(_ message: String) {
    FileHandle.standardError.write(Data(("worker: " + message + "\n").utf8))
}
