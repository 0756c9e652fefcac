import CLinux
import Glibc

/// Signals as a readable file descriptor (Linux `signalfd`), so a single-threaded loop sees them
/// in the same poll as its sockets and pipes, with no signal handler running concurrently with it.
/// The coordinator watches SIGINT, SIGTERM and SIGHUP; a connected worker SIGINT and SIGTERM.
///
/// A signalfd only works if *every* thread blocks the signals: one that does not would take the
/// signal with its default action and end the process. Threads inherit the mask of the thread
/// that starts them, so open the descriptor before any thread exists (libzmq's I/O threads, a
/// ZAP handler), and see `blockInEveryThread` for threads started before `main`. Children must
/// reset their mask (`POSIX_SPAWN_SETSIGMASK`).
public final class SignalDescriptor {
    public let fileDescriptor: Int32

    /// Blocks `signals` in this thread and opens the descriptor.
    public init(watching signals: [Int32]) throws(SystemCallError) {
        var set = Self.set(of: signals)
        guard pthread_sigmask(SIG_BLOCK, &set, nil) == 0 else {
            throw SystemCallError(operation: "pthread_sigmask(SIG_BLOCK)", errno: errno)
        }
        let fd = signalfd(-1, &set, Int32(SFD_NONBLOCK | SFD_CLOEXEC))
        guard fd >= 0 else { throw SystemCallError(operation: "signalfd", errno: errno) }
        fileDescriptor = fd
    }

    deinit {
        close(fileDescriptor)
    }

    /// The signals received since the last call, in order; empty if none.
    public func read() -> [Int32] {
        var record = signalfd_siginfo()
        let size = MemoryLayout<signalfd_siginfo>.size
        var signals: [Int32] = []
        while true {
            let count = Glibc.read(fileDescriptor, &record, size)
            if count < 0 && errno == EINTR { continue }
            guard count == size else { return signals }
            signals.append(Int32(bitPattern: record.ssi_signo))
        }
    }

    /// Makes sure every thread of this process blocks `signals`: if they were not all blocked when
    /// the program started, blocks them and re-executes it (the mask survives `execv`). OpenBLAS
    /// starts its thread pool in a load-time constructor, before `main`, with nothing blocked;
    /// this is the only way to reach those threads. Returns when the signals already were
    /// blocked, or with the reason when the restart failed (they are unblocked again then).
    public static func blockInEveryThread(_ signals: [Int32]) -> String? {
        var current = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &current)
        if signals.allSatisfy({ sigismember(&current, $0) == 1 }) { return nil }
        var set = Self.set(of: signals)
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let reason = ProcessRestart.reexecute(setting: [:])
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        return reason
    }

    private static func set(of signals: [Int32]) -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        return set
    }
}
