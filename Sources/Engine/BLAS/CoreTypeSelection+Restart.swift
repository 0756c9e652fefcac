import Glibc

extension CoreTypeSelection {
    /// Set in a restarted process to the core name OpenBLAS had picked before the restart; its
    /// presence also stops a second restart if forcing the core did not take.
    public static let restartMarker = "WIDTHSWEEP_OPENBLAS_RESTARTED_FROM"

    /// Re-executes this program (same argv) with `OPENBLAS_CORETYPE` set when OpenBLAS picked
    /// legacy kernels for a CPU that runs faster ones. Returns when no restart is needed, when
    /// the user set `OPENBLAS_CORETYPE` themselves, after a restart already happened, or when
    /// `execv` fails; `note` hears every decision worth a log line.
    ///
    /// The kernels are chosen in OpenBLAS's load-time constructor, so setting the variable
    /// in-process is too late; starting again is the only fix (docs/architecture.md §8).
    public static func restartIfMisdetected(cpuFlags: Set<String>, note: (String) -> Void) {
        let core = BLAS.coreName
        if let previous = getenv(restartMarker).map({ String(cString: $0) }) {
            let forced = getenv("OPENBLAS_CORETYPE").map { String(cString: $0) } ?? "?"
            if override(coreName: core, cpuFlags: cpuFlags) != nil {
                note("still on legacy OpenBLAS kernels (\(core)) after forcing OPENBLAS_CORETYPE=\(forced); running below the hardware's speed")
            } else {
                note("restarted with OPENBLAS_CORETYPE=\(forced) (OpenBLAS had picked \(previous)); now using \(core)")
            }
            return
        }
        guard getenv("OPENBLAS_CORETYPE") == nil, let wanted = override(coreName: core, cpuFlags: cpuFlags) else { return }
        note("OpenBLAS picked \(core), a legacy kernel for this CPU; restarting with OPENBLAS_CORETYPE=\(wanted)")
        setenv("OPENBLAS_CORETYPE", wanted, 1)
        setenv(restartMarker, core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        note("could not restart (\(String(cString: strerror(errno)))); continuing with \(core) kernels")
    }
}
