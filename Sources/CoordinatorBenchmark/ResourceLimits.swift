import Glibc

/// File-descriptor limits: a thousand fake workers need about two descriptors each in this
/// process (the TCP connection and the socket's mailbox), more than Debian's default soft
/// limit of 1,024.
enum ResourceLimits {
    /// The soft and hard `RLIMIT_NOFILE` of this process.
    static func openFiles() -> (soft: UInt64, hard: UInt64) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (0, 0) }
        return (UInt64(limit.rlim_cur), UInt64(limit.rlim_max))
    }

    /// Raises the soft limit to the hard one (no privilege needed) and returns the new soft limit.
    @discardableResult
    static func raiseOpenFilesToHardLimit() -> UInt64 {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return openFiles().soft
    }
}
