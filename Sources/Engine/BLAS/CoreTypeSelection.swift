/// Decides whether OpenBLAS picked kernels far below what this CPU can run.
///
/// Debian's OpenBLAS 0.3.21 does not recognise some newer CPUs and falls back to its Prescott
/// (SSE3) kernels, about 5× slower than the AVX2/AVX-512 kernels the same library ships. The
/// kernel is chosen in the library's load-time constructor, so the only fix is to set
/// `OPENBLAS_CORETYPE` before the process starts — the worker re-executes itself once with it.
public enum CoreTypeSelection {
    /// Kernel families that lack AVX2; picking one of these on an AVX2 CPU is a misdetection.
    static let legacyCores: Set<String> = [
        "prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "katmai", "coppermine",
        "northwood", "banias", "athlon", "opteron", "opteron_sse3", "barcelona", "bobcat",
        "sandybridge", "bulldozer", "piledriver", "unknown",
    ]

    /// The `OPENBLAS_CORETYPE` to force, or nil when the detected kernels already fit the CPU.
    /// - Parameters:
    ///   - coreName: `openblas_get_corename()` of the running process.
    ///   - cpuFlags: the `flags` line of /proc/cpuinfo, split on spaces.
    public static func override(coreName: String, cpuFlags: Set<String>) -> String? {
        guard legacyCores.contains(coreName.lowercased()) else { return nil }
        let avx512 = ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"]
        if avx512.allSatisfy(cpuFlags.contains) { return "SkylakeX" }
        if cpuFlags.contains("avx2") && cpuFlags.contains("fma") { return "Haswell" }
        return nil
    }

    /// The CPU feature flags of the first processor listed in `cpuinfo` text.
    public static func flags(fromCPUInfo text: String) -> Set<String> {
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }
}
