import BenchmarkSupport
import Engine
import Foundation
import Glibc
import ProcessControl

/// Makes sure the benchmark never silently measures OpenBLAS's legacy (pre-AVX2) kernels.
///
/// OpenBLAS picks its kernels in a load-time constructor, so by the time `main` runs it is too
/// late to change them in-process. When `CoreTypeSelection` says the pick is a misdetection, the
/// benchmark sets `OPENBLAS_CORETYPE` and replaces itself (ProcessControl's `ProcessRestart`:
/// execv of /proc/self/exe with the same argv), once: a marker variable stops a second re-exec if the override did not take.
enum CoreTypeGuard {
    /// Set in the re-executed process to the core name OpenBLAS had picked before.
    static let markerVariable = CoreTypeSelection.restartMarker

    /// Returns normally when the kernels fit the CPU (or `keepCore` is set); otherwise re-execs
    /// and does not return. A note of what happened is printed on stderr.
    static func ensureFittingKernels(cpuFlags: Set<String>, keepCore: Bool) {
        if keepCore, CoreTypeSelection.override(coreName: BLAS.coreName, cpuFlags: cpuFlags) != nil {
            printError("EngineBenchmark: WARNING: OpenBLAS picked legacy kernels (\(BLAS.coreName)) for this CPU; measuring them anyway (--keep-core)")
            return
        }
        let restart = CoreTypeSelection.restartPlan(cpuFlags: cpuFlags, environment: ProcessInfo.processInfo.environment)
        if let note = restart.note { printError("EngineBenchmark: \(note)") }
        if !restart.environment.isEmpty {
            printError("EngineBenchmark: " + restart.failureNote(ProcessRestart.reexecute(setting: restart.environment)))
        }
    }

    /// Whether OpenBLAS is running kernels that are a misdetection for this CPU.
    static func isLegacy(cpuFlags: Set<String>) -> Bool {
        CoreTypeSelection.override(coreName: BLAS.coreName, cpuFlags: cpuFlags) != nil
    }
}
