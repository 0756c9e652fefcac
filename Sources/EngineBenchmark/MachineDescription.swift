import BenchmarkSupport
import Engine
import Foundation

/// What the numbers were measured on: CPU, OpenBLAS build and kernels, and how they were chosen.
struct MachineDescription: Codable {
    var cpuModel: String
    var logicalCPUs: Int
    /// SIMD features that decide which sgemm kernels can run (subset of the cpuinfo flags).
    var simdFlags: [String]
    var openBLASCore: String
    var openBLASConfiguration: String
    /// OPENBLAS_CORETYPE of this process, if set.
    var openBLASCoreTypeEnvironment: String?
    /// Core name OpenBLAS had picked before the benchmark re-executed itself, if it did.
    var reexecutedFromCore: String?
    /// True when the kernels in use are a misdetection (figures are not the hardware's).
    var legacyKernels: Bool

    static func read() -> (MachineDescription, cpuFlags: Set<String>) {
        let (basics, cpuinfo) = MachineBasics.read()
        let flags = CoreTypeSelection.flags(fromCPUInfo: cpuinfo)
        let environment = ProcessInfo.processInfo.environment
        let simd = flags.filter { $0.hasPrefix("avx") || $0 == "fma" || $0.hasPrefix("sse4") }.sorted()
        let description = MachineDescription(
            cpuModel: basics.cpuModel,
            logicalCPUs: basics.logicalCPUs,
            simdFlags: simd,
            openBLASCore: BLAS.coreName,
            openBLASConfiguration: BLAS.configuration.trimmingCharacters(in: .whitespaces),
            openBLASCoreTypeEnvironment: environment["OPENBLAS_CORETYPE"],
            reexecutedFromCore: environment[CoreTypeGuard.markerVariable],
            legacyKernels: CoreTypeGuard.isLegacy(cpuFlags: flags))
        return (description, flags)
    }

    /// One Markdown line.
    var summary: String {
        var parts = [
            "CPU: \(cpuModel) (\(logicalCPUs) logical CPUs; \(simdFlags.joined(separator: " ")))",
            "OpenBLAS core: \(openBLASCore)",
            "config: \(openBLASConfiguration)",
        ]
        parts.append("OPENBLAS_CORETYPE: \(openBLASCoreTypeEnvironment ?? "unset")")
        if let from = reexecutedFromCore { parts.append("re-executed from \(from)") }
        if legacyKernels { parts.append("**LEGACY KERNELS: not the hardware's speed**") }
        return parts.joined(separator: " · ")
    }
}
