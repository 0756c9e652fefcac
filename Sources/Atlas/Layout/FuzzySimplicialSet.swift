import Glibc

/// The weighted neighbour graph UMAP lays out: umap-learn's `fuzzy_simplicial_set` on an
/// exact neighbour table.
///
/// Point i believes in its edge to neighbour j with membership exp(−(dᵢⱼ − ρᵢ)/σᵢ) (1 within
/// ρᵢ); the two directed beliefs are merged by fuzzy union, w = a + b − ab, which is what makes
/// the graph symmetric. Zero memberships (underflow) are dropped.
enum FuzzySimplicialSet {
    static func graph(_ table: NeighbourTable, scales: SmoothNeighbourDistances) -> SparseGraph {
        let n = table.points, k = table.count
        // Directed memberships, row by row; a neighbour table row may list j before j' > j,
        // so sort each row by column to get CSR order.
        var outStart = [Int](repeating: 0, count: n + 1)
        var outColumns: [Int32] = [], outWeights: [Float] = []
        outColumns.reserveCapacity(n * k)
        outWeights.reserveCapacity(n * k)
        var row: [(column: Int32, weight: Float)] = []
        for i in 0..<n {
            row.removeAll(keepingCapacity: true)
            let sigma = scales.sigmas[i], rho = scales.rhos[i]
            for c in 0..<k {
                let j = table.indices[i * k + c]
                guard Int(j) != i else { continue }
                let excess = table.distances[i * k + c] - rho
                let weight: Float = excess <= 0 || sigma == 0 ? 1 : Float(exp(-Double(excess) / Double(sigma)))
                if weight > 0 { row.append((j, weight)) }
            }
            row.sort { $0.column < $1.column }
            for entry in row { outColumns.append(entry.column); outWeights.append(entry.weight) }
            outStart[i + 1] = outColumns.count
        }
        // The transpose by counting sort: column j's entries (i, w) in ascending i.
        var inStart = [Int](repeating: 0, count: n + 1)
        for j in outColumns { inStart[Int(j) + 1] += 1 }
        for v in 0..<n { inStart[v + 1] += inStart[v] }
        var fill = inStart
        var inRows = [Int32](repeating: 0, count: outColumns.count)
        var inWeights = [Float](repeating: 0, count: outColumns.count)
        for i in 0..<n {
            for e in outStart[i]..<outStart[i + 1] {
                let j = Int(outColumns[e])
                inRows[fill[j]] = Int32(i)
                inWeights[fill[j]] = outWeights[e]
                fill[j] += 1
            }
        }
        // Merge row i of A with row i of Aᵀ: a + b − ab where both hold an entry.
        var start = [0], columns: [Int32] = [], weights: [Float] = []
        columns.reserveCapacity(2 * outColumns.count)
        weights.reserveCapacity(2 * outColumns.count)
        for i in 0..<n {
            var p = outStart[i], q = inStart[i]
            let pEnd = outStart[i + 1], qEnd = inStart[i + 1]
            while p < pEnd || q < qEnd {
                let column: Int32, weight: Float
                if q == qEnd || (p < pEnd && outColumns[p] < inRows[q]) {
                    column = outColumns[p]; weight = outWeights[p]; p += 1
                } else if p == pEnd || inRows[q] < outColumns[p] {
                    column = inRows[q]; weight = inWeights[q]; q += 1
                } else {
                    let a = outWeights[p], b = inWeights[q]
                    column = outColumns[p]; weight = a + b - a * b; p += 1; q += 1
                }
                if weight > 0 { columns.append(column); weights.append(weight) }
            }
            start.append(columns.count)
        }
        return SparseGraph(vertices: n, rowStart: start, columns: columns, weights: weights)
    }
}
