import Engine
import Foundation

/// Makes sure this process runs OpenBLAS kernels that fit the CPU (DESIGN §5).
///
/// OpenBLAS picks its kernels in a load-time constructor, before `main` runs; when it picks a
/// legacy core on a modern CPU (Debian's 0.3.21 on some AVX-512 parts chooses Prescott, ~5×
/// slower), the only remedy is to start again with `OPENBLAS_CORETYPE` set. The guard re-executes
/// the worker once with it; the environment variable stops any second attempt.
enum BLASKernelGuard {
    /// Re-executes the process with the right `OPENBLAS_CORETYPE` if needed; returns if not.
    static func ensureFastKernels() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil, let core = recommendedCoreType() else { return }
        log("OpenBLAS chose \(BLAS.coreName) kernels on a CPU that runs \(core); restarting with OPENBLAS_CORETYPE=\(core)")
        setenv("OPENBLAS_CORETYPE", core, 1)
        let arguments = CommandLine.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execv("/proc/self/exe", &argv)
        // Only reached if exec failed: keep going at the slow speed rather than not at all.
        log("could not restart (\(String(cString: strerror(errno)))); continuing with \(BLAS.coreName) kernels")
    }

    /// The core type to force, or nil when OpenBLAS's own choice is right for this CPU.
    static func recommendedCoreType() -> String? {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        return CoreTypeSelection.override(coreName: BLAS.coreName, cpuFlags: CoreTypeSelection.flags(fromCPUInfo: cpuinfo))
    }
}
