import Engine

/// The random seeds of one cell, derived from its coordinates so that a cell's result depends
/// only on the spec and the cell, never on which worker ran it or in what order.
///
/// Scheme (documented in docs/spec.md): each seed is SplitMix64-mixed from the sweep seed, the
/// task name (FNV-1a 64), a purpose tag and, where they matter, the replicate seed and the width.
/// - split (train subsample and validation split): sweep seed and task only, so every cell of a
///   task trains and stops on the same examples;
/// - order (examples per epoch): adds the replicate seed, not the width, so every width of a
///   replicate sees the examples in the same order;
/// - initialization: adds the replicate seed and the width.
/// Differences between widths then come from the network, not from the data.
public struct CellSeeds: Equatable, Sendable {
    /// Train/validation split and training-set subsample.
    public let split: UInt64
    /// Order of examples in each epoch.
    public let order: UInt64
    /// Initial weights (depends on width: different shapes need different draws anyway).
    public let initialization: UInt64
    /// Transfer budgets and the probe set: per replicate, not per width, so every width and the
    /// control are scored on the same examples.
    public let sampling: UInt64

    public init(sweepSeed: UInt64, seed: Int, width: Int, task: String) {
        let task = Self.fnv1a(task)
        split = Self.combine([sweepSeed, task, Self.fnv1a("split")])
        order = Self.combine([sweepSeed, task, Self.fnv1a("order"), UInt64(seed)])
        initialization = Self.combine([sweepSeed, task, Self.fnv1a("init"), UInt64(seed), UInt64(width)])
        sampling = Self.combine([sweepSeed, task, Self.fnv1a("sampling"), UInt64(seed)])
    }

    /// A seed for one named use within the cell (a target's split, a budget's examples).
    public func derived(_ purpose: String, from base: UInt64) -> UInt64 {
        Self.combine([base, Self.fnv1a(purpose)])
    }

    /// FNV-1a, 64-bit, over the UTF-8 bytes of `text`.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Order-sensitive mix of several 64-bit values through the SplitMix64 finaliser.
    static func combine(_ values: [UInt64]) -> UInt64 {
        var state: UInt64 = 0x6a09_e667_f3bc_c908
        for v in values { state = SplitMix64.mix(state ^ SplitMix64.mix(v &+ 0x9E37_79B9_7F4A_7C15)) }
        return state
    }
}
