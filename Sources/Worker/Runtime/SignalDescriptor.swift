import CLinux
import Glibc

/// SIGINT and SIGTERM as a readable file descriptor (`signalfd`), so the worker's one thread sees
/// them in the same poll as its socket and its cells' pipes, with no signal handler running
/// concurrently with the loop.
///
/// A signalfd only works if *every* thread blocks the signals: one that does not would take the
/// signal with its default action and end the process. OpenBLAS starts its thread pool in a
/// load-time constructor, before `main`, with nothing blocked; `blockInEveryThread` therefore
/// blocks the signals and re-executes the program once, so that those threads inherit the mask.
final class SignalDescriptor {
    static let watched: [Int32] = [SIGINT, SIGTERM]

    let fileDescriptor: Int32

    /// Blocks the watched signals in this thread and opens the descriptor.
    init() throws(WorkerRuntimeError) {
        var set = Self.watchedSet()
        guard pthread_sigmask(SIG_BLOCK, &set, nil) == 0 else {
            throw .system(operation: "pthread_sigmask(SIG_BLOCK)", errno: errno)
        }
        let fd = signalfd(-1, &set, Int32(SFD_NONBLOCK | SFD_CLOEXEC))
        guard fd >= 0 else { throw .system(operation: "signalfd", errno: errno) }
        fileDescriptor = fd
    }

    deinit {
        close(fileDescriptor)
    }

    /// The signals received since the last call, in order; empty if none.
    func read() -> [Int32] {
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

    /// Makes sure every thread of this process blocks the watched signals: if they were not all
    /// blocked when the program started, blocks them and re-executes it (the mask survives
    /// `execv`). Returns when they already were, or when the restart failed (`note` says so).
    static func blockInEveryThread(note: (String) -> Void) {
        var current = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &current)
        if watched.allSatisfy({ sigismember(&current, $0) == 1 }) { return }
        var set = watchedSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        note("could not restart with SIGINT/SIGTERM blocked (\(String(cString: strerror(errno)))); Ctrl-C may stop the worker without draining")
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    private static func watchedSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in watched { sigaddset(&set, signal) }
        return set
    }
}
