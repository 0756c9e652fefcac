import Engine
import Foundation
import ProcessControl

/// Makes sure the worker runs OpenBLAS kernels that fit the CPU (docs/architecture.md §8): Debian's 0.3.21
/// picks Prescott kernels on some AVX-512 parts, ~5× slower; the engine says when, and the worker
/// restarts itself with `OPENBLAS_CORETYPE` set.
enum BLASKernelGuard {
    static func ensureFastKernels() {
        let restart = CoreTypeSelection.restartPlan(cpuFlags: cpuFlags(), environment: ProcessInfo.processInfo.environment)
        if let note = restart.note { log(note) }
        if !restart.environment.isEmpty { log(restart.failureNote(ProcessRestart.reexecute(setting: restart.environment))) }
    }

    /// CPU feature flags of this host from /proc/cpuinfo (empty if unreadable).
    static func cpuFlags() -> Set<String> {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        return CoreTypeSelection.flags(fromCPUInfo: cpuinfo)
    }
}
