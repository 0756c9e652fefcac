import Engine

/// Deterministic choices of examples: transfer budgets and the probe set.
enum ExampleSampling {
    /// Up to `perClass` examples of each class of `labels`, drawn without replacement with a
    /// stream seeded by `seed`; returned in ascending order. Classes with fewer examples give
    /// all they have. The same seed gives the same examples to the trained network and to the
    /// control, and to every width.
    static func perClass(_ perClass: Int, labels: [Int32], classes: Int, seed: UInt64) -> [Int] {
        var byClass = [[Int]](repeating: [], count: classes)
        for (i, label) in labels.enumerated() { byClass[Int(label)].append(i) }
        var rng = RandomStream(seed: seed)
        var chosen: [Int] = []
        for var rows in byClass {
            rows.withUnsafeMutableBufferPointer { rng.shuffle($0) }
            chosen.append(contentsOf: rows.prefix(perClass))
        }
        return chosen.sorted()
    }

    /// `count` of `total` indices (all if fewer), uniformly without replacement, ascending.
    static func uniform(_ count: Int, of total: Int, seed: UInt64) -> [Int] {
        guard count < total else { return Array(0..<total) }
        var rows = Array(0..<total)
        var rng = RandomStream(seed: seed)
        rows.withUnsafeMutableBufferPointer { rng.shuffle($0) }
        return rows.prefix(count).sorted()
    }
}
