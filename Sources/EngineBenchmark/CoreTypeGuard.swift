import Engine
import Glibc

/// Makes sure the benchmark never silently measures OpenBLAS's legacy (pre-AVX2) kernels.
///
/// OpenBLAS picks its kernels in a load-time constructor, so by the time `main` runs it is too
/// late to change them in-process. When `CoreTypeSelection` says the pick is a misdetection, the
/// benchmark sets `OPENBLAS_CORETYPE` and replaces itself (execv of /proc/self/exe with the same
/// argv), once: a marker variable stops a second re-exec if the override did not take.
enum CoreTypeGuard {
    /// Set in the re-executed process to the core name OpenBLAS had picked before.
    static let markerVariable = "WIDTHSWEEP_BENCH_REEXEC_FROM"

    /// Returns normally when the kernels fit the CPU (or `keepCore` is set); otherwise re-execs
    /// and does not return. A note of what happened is printed on stderr.
    static func ensureFittingKernels(cpuFlags: Set<String>, keepCore: Bool) {
        let core = BLAS.coreName
        if let previous = getenv(markerVariable).map({ String(cString: $0) }) {
            let forced = getenv("OPENBLAS_CORETYPE").map { String(cString: $0) } ?? "?"
            printError("EngineBenchmark: re-executed with OPENBLAS_CORETYPE=\(forced) (OpenBLAS had picked \(previous)); now using \(core)")
        }
        guard let wanted = CoreTypeSelection.override(coreName: core, cpuFlags: cpuFlags) else { return }
        if keepCore {
            printError("EngineBenchmark: WARNING: OpenBLAS picked legacy kernels (\(core)) for this CPU; measuring them anyway (--keep-core)")
            return
        }
        if getenv(markerVariable) != nil {
            printError("EngineBenchmark: WARNING: still on legacy kernels (\(core)) after forcing OPENBLAS_CORETYPE=\(wanted); the figures below are NOT the hardware's")
            return
        }
        printError("EngineBenchmark: OpenBLAS picked \(core), a legacy kernel for this CPU; re-executing with OPENBLAS_CORETYPE=\(wanted)")
        setenv("OPENBLAS_CORETYPE", wanted, 1)
        setenv(markerVariable, core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Only reached when execv failed.
        let reason = String(cString: strerror(errno))
        printError("EngineBenchmark: WARNING: execv(/proc/self/exe) failed (\(reason)); measuring the legacy kernels")
    }

    /// Whether OpenBLAS is running kernels that are a misdetection for this CPU.
    static func isLegacy(cpuFlags: Set<String>) -> Bool {
        CoreTypeSelection.override(coreName: BLAS.coreName, cpuFlags: cpuFlags) != nil
    }
}
