import CLinux
import Glibc

/// Ties a child process's life to its parent's: when the parent dies (even by `kill -9`), the
/// kernel sends the child SIGKILL (`prctl(PR_SET_PDEATHSIG)`).
public enum ParentDeath {
    /// Asks for SIGKILL when the parent dies and returns the parent's pid as of afterwards: if it
    /// is not the expected parent, the parent died before the request and the signal never comes.
    public static func killThisProcessWhenParentDies() throws(SystemCallError) -> pid_t {
        guard clinux_set_parent_death_signal(SIGKILL) == 0 else {
            throw SystemCallError(operation: "prctl(PR_SET_PDEATHSIG)", errno: errno)
        }
        return getppid()
    }
}
