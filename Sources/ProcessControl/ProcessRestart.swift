import Glibc

/// Starting this program again in place: same executable, same arguments, the environment with
/// `setting` added. What must be decided before `main` (OpenBLAS's kernels, chosen in a load-time
/// constructor; the signal mask of threads it starts there) can only be changed this way.
public enum ProcessRestart {
    /// Sets `environment` and re-executes `/proc/self/exe` with this process's argv. Returns only
    /// when `execv` failed, with the reason.
    public static func reexecute(setting environment: [String: String]) -> String {
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) { setenv(name, value, 1) }
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        return String(cString: strerror(errno))
    }
}
