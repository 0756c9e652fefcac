import Glibc

/// CPU time of a process from `/proc/<pid>/stat` (user + system, all threads), in seconds.
///
/// The kernel counts in clock ticks (`sysconf(_SC_CLK_TCK)`, 100 per second on Linux), so a
/// reading is good to 10 ms; the measured windows last seconds.
public enum ProcessCPU {
    public static let ticksPerSecond = Double(max(1, sysconf(Int32(_SC_CLK_TCK))))

    /// utime + stime of `pid` in seconds.
    public static func seconds(pid: Int32) throws -> Double {
        let path = "/proc/\(pid)/stat"
        let text = try readProcFile(path)
        // The command name (field 2) is in parentheses and may itself contain spaces or ')';
        // the fields after the last ')' start with field 3 (state), so utime (14) and stime (15)
        // are at 11 and 12 there.
        guard let close = text.lastIndex(of: ")") else { throw ProcFileError(path: path, errno: EINVAL) }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw ProcFileError(path: path, errno: EINVAL)
        }
        return (user + system) / ticksPerSecond
    }

    /// This process's own CPU time (all threads), from getrusage: microsecond resolution.
    public static func ownSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Open file descriptors of `pid` (entries of `/proc/<pid>/fd`).
    public static func openDescriptors(pid: Int32) -> Int? {
        guard let directory = opendir("/proc/\(pid)/fd") else { return nil }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { count += 1 }
        }
        return count
    }

    /// The soft "Max open files" limit of `pid` as `/proc/<pid>/limits` shows it ("unlimited" as nil).
    public static func openFilesSoftLimit(pid: Int32) -> UInt64? {
        guard let text = try? readProcFile("/proc/\(pid)/limits") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("Max open files") {
            let columns = line.dropFirst("Max open files".count).split(separator: " ")
            return columns.first.flatMap { UInt64($0) }
        }
        return nil
    }

    /// /proc files report size 0, so they are read until EOF rather than by their size.
    public static func readProcFile(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ProcFileError(path: path, errno: errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw ProcFileError(path: path, errno: errno) }
            if n == 0 { break }
            bytes += buffer.prefix(n)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A /proc file that could not be read or parsed.
public struct ProcFileError: Error, CustomStringConvertible {
    public var path: String
    public var errno: Int32

    public var description: String { "cannot read \(path): \(String(cString: strerror(errno)))" }
}
