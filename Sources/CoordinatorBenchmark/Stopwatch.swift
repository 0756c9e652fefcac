import Glibc

/// Monotonic time in seconds (clock_gettime is a vDSO call, cheap enough per message).
@inline(__always)
func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
