/// Lease ids: 64 bits, 16 lowercase hex characters (§2.3), unique within a sweep.
///
/// SplitMix64 over a counter with a salt the caller draws from the system's randomness at
/// start-up: distinct across restarts of the same sweep with overwhelming probability, and
/// reproducible in tests that fix the salt.
struct LeaseIdGenerator: Sendable {
    private var state: UInt64

    init(salt: UInt64) { state = salt }

    mutating func next() -> String {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let hex = String(z, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
