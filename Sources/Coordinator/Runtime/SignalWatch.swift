import CLinux
import Glibc

/// SIGINT, SIGTERM and SIGHUP as a readable file descriptor (Linux `signalfd`), so the
/// single-threaded socket loop polls signals together with its socket instead of being
/// interrupted by them. The signals are blocked for this process; children must reset their
/// mask (`LocalWorkers` does, via `POSIX_SPAWN_SETSIGMASK`).
final class SignalWatch {
    let fileDescriptor: Int32
    static let watched: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    init() throws {
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in Self.watched { sigaddset(&mask, signal) }
        guard pthread_sigmask(SIG_BLOCK, &mask, nil) == 0 else { throw CoordinatorError.invalidOption("sigprocmask failed: errno \(errno)") }
        let fd = signalfd(-1, &mask, Int32(SFD_NONBLOCK | SFD_CLOEXEC))
        guard fd >= 0 else { throw CoordinatorError.invalidOption("signalfd failed: errno \(errno)") }
        fileDescriptor = fd
    }

    /// Signals delivered since the last call, in order.
    func drain() -> [Int32] {
        var signals: [Int32] = []
        var info = signalfd_siginfo()
        while read(fileDescriptor, &info, MemoryLayout<signalfd_siginfo>.size) == MemoryLayout<signalfd_siginfo>.size {
            signals.append(Int32(info.ssi_signo))
        }
        return signals
    }

    deinit { close(fileDescriptor) }
}
