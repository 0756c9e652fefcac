import Glibc

/// Monotonic time in seconds (clock_gettime is a vDSO call: ~20 ns, cheap enough per layer or per message).
@inline(__always)
public func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Repeated timing of one operation on a noisy shared VM: the best round is the estimate of what
/// the code can do, the median says how noisy the machine was.
public struct RoundTimes {
    /// Seconds per operation in each round.
    public var secondsPerOperation: [Double] = []
    public var operations = 0

    public init() {}

    public var best: Double { secondsPerOperation.min() ?? .nan }
    public var median: Double {
        let s = secondsPerOperation.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Runs `body` in `rounds` rounds of at least `secondsPerRound` and `minimumPerRound` calls each.
    public static func measure(rounds: Int, secondsPerRound: Double, minimumPerRound: Int, _ body: () -> Void) -> RoundTimes {
        var times = RoundTimes()
        for _ in 0..<rounds {
            var count = 0
            let start = monotonicSeconds()
            var elapsed = 0.0
            repeat {
                body()
                count += 1
                elapsed = monotonicSeconds() - start
            } while elapsed < secondsPerRound || count < minimumPerRound
            times.secondsPerOperation.append(elapsed / Double(count))
            times.operations += count
        }
        return times
    }
}
