import Foundation

/// What every benchmark table names first: the CPU, how many logical CPUs, the kernel. The CPU
/// model changes between runs of the same VM type, so figures are compared within one run only.
public struct MachineBasics: Codable, Sendable {
    public var cpuModel: String
    public var logicalCPUs: Int
    public var kernel: String

    /// This machine, and the /proc/cpuinfo text it was read from (for callers that want its flags).
    public static func read() -> (MachineBasics, cpuinfo: String) {
        let cpuinfo = (try? ProcessCPU.readProcFile("/proc/cpuinfo")) ?? ""
        var model = "unknown"
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            break
        }
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return (MachineBasics(cpuModel: model, logicalCPUs: ProcessInfo.processInfo.activeProcessorCount,
                              kernel: "Linux " + release), cpuinfo)
    }
}
