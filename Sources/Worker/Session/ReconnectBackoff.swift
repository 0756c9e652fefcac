import Engine
import Shared

/// Waits between connection attempts (docs/protocol.md §4.1): 1 s doubling to 32 s, each wait
/// multiplied by a uniform random factor in [0.5, 1.0] so that workers cut off together do not
/// reconnect together. Reset when a `WELCOME` arrives.
struct ReconnectBackoff: Sendable {
    static let first: Duration = .seconds(1)
    static let ceiling: Duration = WireConstants.reconnectBackoffCeiling

    /// The wait before jitter for the next attempt.
    private(set) var base = first
    /// Seeded, so tests see reproducible waits; the worker seeds it randomly.
    private var random: RandomStream

    init(seed: UInt64) {
        random = RandomStream(seed: seed)
    }

    /// The wait before the next attempt; doubles the base for the one after.
    mutating func nextWait() -> Duration {
        let factor = Double.random(in: 0.5...1.0, using: &random)
        let wait = base * factor
        base = min(base * 2, Self.ceiling)
        return wait
    }

    mutating func reset() {
        base = Self.first
    }
}
