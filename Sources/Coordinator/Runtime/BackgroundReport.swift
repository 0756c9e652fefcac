import Foundation

/// One report rebuild at a time on a thread of its own, reading the journal through its own
/// connection. Failures are logged, never fatal: the journal holds every result.
final class BackgroundReport: @unchecked Sendable {
    private let lock = NSLock()
    private var running = false
    private var duration: Duration = .zero

    var isRunning: Bool { lock.withLock { running } }
    /// How long the last rebuild took.
    var lastDuration: Duration { lock.withLock { duration } }

    func start(sweepDirectory: String) {
        lock.withLock { running = true }
        Thread.detachNewThread { [self] in
            let started = ContinuousClock.now
            do {
                let journal = try Journal.open(directory: sweepDirectory)
                defer { journal.close() }
                try ReportWriter(sweepDirectory: sweepDirectory).refresh(from: journal)
            } catch {
                log("report not refreshed: \(error)")
            }
            let took = ContinuousClock.now - started
            lock.withLock {
                duration = took
                running = false
            }
        }
    }

    /// Blocks until no rebuild is running (the final report must not race a periodic one).
    func waitUntilIdle() {
        while isRunning { usleep(20_000) }
    }
}
