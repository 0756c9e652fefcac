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

    /// Inputs averaged per unit for the neuron sheet's mean-input tiles: the ones that excite it most.
    static let topInputs = 50

    /// Mean of the `topInputs` rows of `inputs` on which `unit` is most active (ties: earlier rows).
    static func meanTopInput(unit: Int, activations: Matrix, inputs: Matrix) -> [Float] {
        let n = activations.rows, width = activations.cols, size = inputs.cols
        let order = (0..<n).sorted { a, b in
            let x = activations.base[a * width + unit], y = activations.base[b * width + unit]
            return x != y ? x > y : a < b
        }
        let chosen = order.prefix(topInputs)
        var sums = [Double](repeating: 0, count: size)
        for r in chosen {
            let row = inputs.base + r * size
            for j in 0..<size { sums[j] += Double(row[j]) }
        }
        return sums.map { Float($0 / Double(max(1, chosen.count))) }
    }
}
