/// The training rows whose features a target's readouts need, and where each budget's examples
/// sit among them.
///
/// A budget of k per class fits only its k × classes examples, so features of the rest of the
/// training split are never read. Computing them only for the union of the budgets' samples
/// gives every fit the same feature rows as before (a row's features do not depend on which
/// other rows share its batch) at a fraction of the cost and memory.
struct FeatureRows {
    /// Ascending training-row indices whose features are computed.
    let rows: [Int]
    /// True when `rows` is the whole split, 0..<total (a budget of `all`).
    let isEveryRow: Bool
    /// Position in `rows` of each training row, −1 for rows not in it.
    private let position: [Int]

    /// - Parameters:
    ///   - samples: each budget's training-row indices.
    ///   - total: rows in the training split.
    ///   - everyRow: whether some fit uses every row.
    init(samples: [[Int]], total: Int, everyRow: Bool) {
        var used = [Bool](repeating: everyRow, count: total)
        for sample in samples {
            for row in sample { used[row] = true }
        }
        var position = [Int](repeating: -1, count: total)
        var rows: [Int] = []
        for row in 0..<total where used[row] {
            position[row] = rows.count
            rows.append(row)
        }
        self.rows = rows
        self.position = position
        isEveryRow = rows.count == total
    }

    /// Positions in `rows` of training rows `sample` (each must be in `rows`), in the same order.
    func positions(of sample: [Int]) -> [Int] {
        sample.map { row in
            let at = position[row]
            precondition(at >= 0, "training row \(row) has no computed features")
            return at
        }
    }
}
