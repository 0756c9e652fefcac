import BenchmarkSupport
import Foundation

/// What the figures were measured on.
struct MachineDescription: Codable {
    var cpuModel: String
    var logicalCPUs: Int
    var kernel: String
    /// File system of the scratch directory, where the journals are fsynced (ext4, xfs, tmpfs, …).
    var workFileSystem: String

    static func read(workDirectory: String) -> MachineDescription {
        let (basics, _) = MachineBasics.read()
        return MachineDescription(cpuModel: basics.cpuModel, logicalCPUs: basics.logicalCPUs, kernel: basics.kernel,
                                  workFileSystem: fileSystem(of: workDirectory))
    }

    var summary: String {
        "\(cpuModel), \(logicalCPUs) logical CPUs, \(kernel), journals on \(workFileSystem)"
    }

    /// The type of the file system holding `path`: the `/proc/mounts` entry with the longest
    /// mount point that contains it (Glibc's module does not export statfs).
    private static func fileSystem(of path: String) -> String {
        let resolved = (URL(fileURLWithPath: path).resolvingSymlinksInPath().path as NSString).standardizingPath
        let mounts = (try? ProcessCPU.readProcFile("/proc/mounts")) ?? ""
        var best: (point: String, type: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let point = String(fields[1])
            let contains = point == "/" || resolved == point || resolved.hasPrefix(point + "/")
            if contains && point.count > (best?.point.count ?? -1) { best = (point, String(fields[2])) }
        }
        guard let type = best?.type else { return "unknown" }
        return type == "tmpfs" ? "tmpfs (fsync is free: not a durable figure)" : type
    }
}
