import CLinux
import Glibc

/// Ties a cell process's life to the worker that spawned it: when the worker dies (even by
/// `kill -9`), the kernel sends the cell SIGKILL, so no orphaned training keeps a CPU busy.
enum SupervisorWatch {
    /// Asks for SIGKILL when the parent dies, then checks the parent is still `supervisor`: if it
    /// died between our spawn and the `prctl`, the signal will never come and we must leave now.
    static func killWhenParentDies(supervisor: pid_t) throws(WorkerRuntimeError) {
        guard clinux_set_parent_death_signal(SIGKILL) == 0 else {
            throw .system(operation: "prctl(PR_SET_PDEATHSIG)", errno: errno)
        }
        let parent = getppid()
        guard parent == supervisor else {
            throw .supervisorGone(expected: supervisor, parent: parent)
        }
    }
}
