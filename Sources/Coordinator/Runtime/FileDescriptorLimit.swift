import Glibc

/// Every connected worker costs the coordinator a file descriptor (its TCP connection), and
/// Debian's default soft limit of 1,024 would stop a sweep at about a thousand workers. The
/// soft limit is raised to the hard limit at start-up; no privilege is needed for that.
enum FileDescriptorLimit {
    @discardableResult
    static func raiseToHardLimit() -> rlim_t {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return limit.rlim_cur
    }
}
