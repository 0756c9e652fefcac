import Glibc

/// Ties a cell process's life to the worker that spawned it: when the worker dies (even by
/// `kill -9`), the kernel sends the cell SIGKILL, so no orphaned training keeps a CPU busy.
enum SupervisorWatch {
    /// `PR_SET_PDEATHSIG` from <linux/prctl.h>; Linux ABI, stable since 2.1.57.
    private static let setParentDeathSignal: Int32 = 1
    private typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32

    /// Asks for SIGKILL when the parent dies, then checks the parent is still `supervisor`: if it
    /// died between our spawn and the `prctl`, the signal will never come and we must leave now.
    static func killWhenParentDies(supervisor: pid_t) throws(WorkerRuntimeError) {
        // Swift cannot call C's variadic `prctl(int, ...)`, and no shim of this package exports
        // it, so call it through its symbol with the kernel's five-argument shape.
        guard let symbol = dlsym(nil, "prctl") else {
            throw .system(operation: "dlsym(prctl)", errno: ENOSYS)
        }
        let prctl = unsafeBitCast(symbol, to: Prctl.self)
        guard prctl(setParentDeathSignal, UInt(SIGKILL), 0, 0, 0) == 0 else {
            throw .system(operation: "prctl(PR_SET_PDEATHSIG)", errno: errno)
        }
        let parent = getppid()
        guard parent == supervisor else {
            throw .supervisorGone(expected: supervisor, parent: parent)
        }
    }
}
