/// How much of the machine processes other than this one (and, for the coordinator benchmark, the
/// coordinator under test) used while a figure was measured.
///
/// The VM is shared: other builds and tests can take the CPUs without appearing anywhere in the
/// benchmark. /proc/stat counts busy time for the whole machine; subtracting this process's and
/// the coordinator's CPU leaves everyone else's, as a share of all CPU time in the interval.
public struct BackgroundLoad {
    private let busyTicks: Double
    private let totalTicks: Double
    private let ownSeconds: Double
    private let coordinatorSeconds: Double
    private let coordinatorPid: Int32?

    /// A snapshot to measure from; `coordinatorPid` is the process whose CPU is not background.
    public static func snapshot(coordinatorPid: Int32? = nil) -> BackgroundLoad {
        let (busy, total) = machineTicks()
        return BackgroundLoad(busyTicks: busy, totalTicks: total, ownSeconds: ProcessCPU.ownSeconds(),
                              coordinatorSeconds: coordinatorPid.flatMap { try? ProcessCPU.seconds(pid: $0) } ?? 0,
                              coordinatorPid: coordinatorPid)
    }

    /// Share of all CPU time since this snapshot used by other processes (0…1, nan if unknown).
    /// `excluding` is CPU of processes of ours that did not exist at the snapshot (a coordinator
    /// started after it).
    public func fractionSince(excluding extraSeconds: Double = 0) -> Double {
        let (busy, total) = Self.machineTicks()
        let coordinator = coordinatorPid.flatMap { try? ProcessCPU.seconds(pid: $0) }.map { $0 - coordinatorSeconds } ?? 0
        let ours = (ProcessCPU.ownSeconds() - ownSeconds + coordinator + extraSeconds) * ProcessCPU.ticksPerSecond
        guard total - totalTicks > 0 else { return .nan }
        return min(1, max(0, (busy - busyTicks - ours) / (total - totalTicks)))
    }

    /// (busy, total) clock ticks from the aggregate "cpu" line of /proc/stat; busy excludes idle
    /// and iowait.
    private static func machineTicks() -> (Double, Double) {
        guard let text = try? ProcessCPU.readProcFile("/proc/stat"),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return (0, 0) }
        let fields = line.split(separator: " ").dropFirst().prefix(8).compactMap { Double($0) }
        guard fields.count >= 5 else { return (0, 0) }
        let total = fields.reduce(0, +)
        return (total - fields[3] - fields[4], total)
    }
}
