import Foundation
import Glibc

/// The coordinator's stderr: log lines, and on a terminal one live progress line kept at the
/// bottom (rewritten in place; logs print above it). Without a terminal the progress line is
/// printed as an ordinary log line at most every `plainProgressInterval`.
final class Console: @unchecked Sendable {
    static let shared = Console()

    private let lock = NSLock()
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private var progressShown = ""
    private var lastPlainProgress: ContinuousClock.Instant?
    /// How often a non-terminal stderr (a log file, CI) gets the progress line.
    var plainProgressInterval: Duration = .seconds(10)

    func log(_ message: String) {
        lock.withLock {
            if isTerminal && !progressShown.isEmpty {
                write("\r\u{1B}[K" + "coordinator: " + message + "\n" + progressShown)
            } else {
                write("coordinator: " + message + "\n")
            }
        }
    }

    func progress(_ line: String, force: Bool = false) {
        lock.withLock {
            if isTerminal {
                progressShown = line
                write("\r\u{1B}[K" + line)
            } else {
                let now = ContinuousClock.now
                if force || lastPlainProgress.map({ now - $0 >= plainProgressInterval }) ?? true {
                    lastPlainProgress = now
                    write("coordinator: " + line + "\n")
                }
            }
        }
    }

    /// Ends the live line so what follows starts on a fresh line.
    func finishProgress() {
        lock.withLock {
            if isTerminal && !progressShown.isEmpty { write("\n") }
            progressShown = ""
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

func log(_ message: String) { Console.shared.log(message) }
