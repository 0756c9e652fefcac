import Glibc

/// Writes one line to stderr (progress and notes; stdout carries only the report).
/// Uses write(2) because Swift 6 rejects the global `stderr` FILE* as shared mutable state.
public func printError(_ line: String) {
    let text = line + "\n"
    _ = text.withCString { write(STDERR_FILENO, $0, strlen($0)) }
}
