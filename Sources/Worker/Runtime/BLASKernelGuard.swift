import Engine
import Foundation

/// Makes sure the worker runs OpenBLAS kernels that fit the CPU (docs/architecture.md §8): Debian's 0.3.21
/// picks Prescott kernels on some AVX-512 parts, ~5× slower; the engine restarts the process
/// with `OPENBLAS_CORETYPE` set.
enum BLASKernelGuard {
    static func ensureFastKernels() {
        CoreTypeSelection.restartIfMisdetected(cpuFlags: cpuFlags(), note: log)
    }

    /// CPU feature flags of this host from /proc/cpuinfo (empty if unreadable).
    static func cpuFlags() -> Set<String> {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        return CoreTypeSelection.flags(fromCPUInfo: cpuinfo)
    }
}
