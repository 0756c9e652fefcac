import Engine

/// Lease ids: 64 bits, 16 lowercase hex characters (§2.3), unique within a sweep.
///
/// SplitMix64 with a salt the caller draws from the system's randomness at start-up: distinct
/// across restarts of the same sweep with overwhelming probability, and reproducible in tests
/// that fix the salt.
struct LeaseIdGenerator: Sendable {
    private var generator: SplitMix64

    init(salt: UInt64) { generator = SplitMix64(seed: salt) }

    mutating func next() -> String {
        let hex = String(generator.next(), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
