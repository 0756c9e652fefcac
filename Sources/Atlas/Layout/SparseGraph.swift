/// A weighted undirected graph on points 0..<n in compressed sparse rows: every edge is stored
/// in both directions, and each row's columns ascend.
struct SparseGraph {
    let vertices: Int
    /// Row r's entries are `columns[rowStart[r] ..< rowStart[r + 1]]` (n + 1 values).
    let rowStart: [Int]
    let columns: [Int32]
    let weights: [Float]

    var entries: Int { columns.count }

    /// The largest weight (0 for a graph without edges).
    var maximumWeight: Float { weights.max() ?? 0 }

    /// Σⱼ wᵢⱼ per vertex.
    var degrees: [Double] {
        (0..<vertices).map { r in
            var sum = 0.0
            for e in rowStart[r]..<rowStart[r + 1] { sum += Double(weights[e]) }
            return sum
        }
    }

    /// The graph without the edges lighter than `threshold`.
    func keeping(atLeast threshold: Float) -> SparseGraph {
        var start = [0], kept: [Int32] = [], keptWeights: [Float] = []
        for r in 0..<vertices {
            for e in rowStart[r]..<rowStart[r + 1] where weights[e] >= threshold {
                kept.append(columns[e])
                keptWeights.append(weights[e])
            }
            start.append(kept.count)
        }
        return SparseGraph(vertices: vertices, rowStart: start, columns: kept, weights: keptWeights)
    }

    /// Connected components: a label per vertex, numbered in order of each component's lowest
    /// vertex (as scipy's `connected_components` numbers them), and how many there are.
    func components() -> (count: Int, labels: [Int]) {
        var labels = [Int](repeating: -1, count: vertices)
        var count = 0
        var stack: [Int] = []
        for seed in 0..<vertices where labels[seed] < 0 {
            labels[seed] = count
            stack.append(seed)
            while let v = stack.popLast() {
                for e in rowStart[v]..<rowStart[v + 1] {
                    let u = Int(columns[e])
                    if labels[u] < 0 { labels[u] = count; stack.append(u) }
                }
            }
            count += 1
        }
        return (count, labels)
    }

    /// The subgraph induced by `members` (ascending vertex numbers), renumbered 0..<members.count.
    func induced(by members: [Int]) -> SparseGraph {
        var local = [Int32](repeating: -1, count: vertices)
        for (position, v) in members.enumerated() { local[v] = Int32(position) }
        var start = [0], kept: [Int32] = [], keptWeights: [Float] = []
        for v in members {
            for e in rowStart[v]..<rowStart[v + 1] where local[Int(columns[e])] >= 0 {
                kept.append(local[Int(columns[e])])
                keptWeights.append(weights[e])
            }
            start.append(kept.count)
        }
        return SparseGraph(vertices: members.count, rowStart: start, columns: kept, weights: keptWeights)
    }
}
