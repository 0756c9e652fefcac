import Engine

/// The units drawn for the single-neuron sheet: a seeded random sample of the units that fire
/// on at least one input, ascending. A dead unit's visualisation would show nothing about the
/// network; all units are candidates only when none fires.
enum NeuronSample {
    static func draw(_ count: Int, activations: Matrix, seed: UInt64) -> [Int] {
        let width = activations.cols
        var live = [Bool](repeating: false, count: width)
        for r in 0..<activations.rows {
            let row = activations.base + r * width
            for j in 0..<width where row[j] > 0 { live[j] = true }
        }
        var candidates = (0..<width).filter { live[$0] }
        if candidates.isEmpty { candidates = Array(0..<width) }
        var rng = RandomStream(seed: seed)
        candidates.withUnsafeMutableBufferPointer { rng.shuffle($0) }
        return candidates.prefix(count).sorted()
    }
}
