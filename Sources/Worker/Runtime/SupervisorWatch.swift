import Glibc
import ProcessControl

/// Ties a cell process's life to the worker that spawned it: when the worker dies (even by
/// `kill -9`), the kernel sends the cell SIGKILL, so no orphaned training keeps a CPU busy.
enum SupervisorWatch {
    /// Asks for SIGKILL when the parent dies, then checks the parent is still `supervisor`: if it
    /// died between our spawn and the `prctl`, the signal will never come and we must leave now.
    static func killWhenParentDies(supervisor: pid_t) throws(WorkerRuntimeError) {
        let parent: pid_t
        do {
            parent = try ParentDeath.killThisProcessWhenParentDies()
        } catch {
            throw .system(operation: error.operation, errno: error.errno)
        }
        guard parent == supervisor else {
            throw .supervisorGone(expected: supervisor, parent: parent)
        }
    }
}
