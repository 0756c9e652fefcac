import Glibc

/// How much of the machine something other than this process used while we measured.
///
/// The VM is shared: other containers' builds and tests can take the CPUs without appearing in
/// our process list. /proc/stat counts busy time for the whole machine and getrusage counts ours;
/// the difference, as a share of all CPU time in the interval, says whether a figure is trustworthy.
struct BackgroundLoad {
    private var busyTicks: Double
    private var totalTicks: Double
    private var ownSeconds: Double

    /// A snapshot to measure from.
    static func now() -> BackgroundLoad {
        let (busy, total) = readProcStat()
        return BackgroundLoad(busyTicks: busy, totalTicks: total, ownSeconds: ownCPUSeconds())
    }

    /// Share of all CPU time since this snapshot used by other processes (0…1, nan if unknown).
    func fractionSince() -> Double {
        let later = BackgroundLoad.now()
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        let total = later.totalTicks - totalTicks
        guard total > 0, ticksPerSecond > 0 else { return .nan }
        let others = (later.busyTicks - busyTicks) - (later.ownSeconds - ownSeconds) * ticksPerSecond
        return min(1, max(0, others / total))
    }

    private static func ownCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// (busy, total) jiffies from the aggregate "cpu" line: busy excludes idle and iowait.
    private static func readProcStat() -> (Double, Double) {
        guard let file = fopen("/proc/stat", "r") else { return (0, 0) }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 512)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return (0, 0) }
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fields = line.split(separator: " ").dropFirst().prefix(8).compactMap { Double($0.filter { !$0.isWhitespace }) }
        guard fields.count >= 5 else { return (0, 0) }
        let total = fields.reduce(0, +)
        let idle = fields[3] + fields[4]
        return (total - idle, total)
    }
}
