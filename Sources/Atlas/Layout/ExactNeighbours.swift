import Engine

/// Each point's nearest neighbours, as a table of `count` columns per point, nearest first.
struct NeighbourTable {
    /// Neighbours per point (columns).
    let count: Int
    /// n × count neighbour indices, row-major.
    let indices: [Int32]
    /// n × count Euclidean distances matching `indices`, ascending along each row.
    let distances: [Float]

    var points: Int { count == 0 ? 0 : indices.count / count }
}

/// Exact k-nearest-neighbour search under the Euclidean metric by brute force on BLAS.
///
/// Exact rather than approximate (umap-learn switches to NN-descent above 4,096 points) because
/// at atlas sizes the full search is one 10,000² product of 50-wide rows, well under a second,
/// and an exact graph makes the layout a function of the data alone.
///
/// Candidates are picked from the float32 distance blocks, with a few more than asked for; their
/// distances are then recomputed directly in Double and the final order is by (distance, index),
/// so rounding in ‖x‖² + ‖y‖² − 2x·y can neither misorder close neighbours nor break ties
/// differently from run to run.
enum ExactNeighbours {
    /// Extra candidates re-ranked exactly beyond the neighbours asked for.
    static let candidateMargin = 8

    /// The `count` nearest neighbours of every row of `points`. With `includeSelf` the point
    /// itself comes first at distance 0 (umap-learn's convention) and `count − 1` others follow;
    /// without it, `count` others.
    static func search(_ points: Matrix, count: Int, includeSelf: Bool) -> NeighbourTable {
        let n = points.rows, d = points.cols
        let others = includeSelf ? count - 1 : count
        precondition(others >= 0 && others <= n - 1, "\(count) neighbours asked of \(n) points")
        let candidates = min(n - 1, others + candidateMargin)
        var indices = [Int32](repeating: 0, count: n * count)
        var distances = [Float](repeating: 0, count: n * count)
        let pairwise = PairwiseDistances(points, kind: .squaredEuclidean)
        let centred = pairwise.points
        let candidateDistance = UnsafeMutablePointer<Float>.allocate(capacity: max(candidates, 1))
        let candidateIndex = UnsafeMutablePointer<Int32>.allocate(capacity: max(candidates, 1))
        defer { candidateDistance.deallocate(); candidateIndex.deallocate() }
        var exact = [(distance: Double, index: Int32)]()
        exact.reserveCapacity(candidates)
        indices.withUnsafeMutableBufferPointer { indexOut in
            distances.withUnsafeMutableBufferPointer { distanceOut in
                pairwise.forEachBlock { first, rows, block in
                    for r in 0..<rows {
                        let i = first + r, row = block + r * n
                        // Keep the `candidates` smallest (distance, index) pairs, sorted, by
                        // insertion: scanning m upwards, an equal distance never displaces an
                        // earlier index. Fill the list with the first points, then scan the
                        // rest (skipping i itself) with one comparison per point.
                        var filled = 0, m = 0
                        while filled < candidates {
                            if m != i {
                                let value = row[m]
                                var p = filled
                                while p > 0 && candidateDistance[p - 1] > value {
                                    candidateDistance[p] = candidateDistance[p - 1]
                                    candidateIndex[p] = candidateIndex[p - 1]
                                    p -= 1
                                }
                                candidateDistance[p] = value
                                candidateIndex[p] = Int32(m)
                                filled += 1
                            }
                            m += 1
                        }
                        var worst = candidateDistance[candidates - 1]
                        for range in [m..<max(m, i), max(m, i + 1)..<n] {
                            for t in range where row[t] < worst {
                                let value = row[t]
                                var p = candidates - 1
                                while p > 0 && candidateDistance[p - 1] > value {
                                    candidateDistance[p] = candidateDistance[p - 1]
                                    candidateIndex[p] = candidateIndex[p - 1]
                                    p -= 1
                                }
                                candidateDistance[p] = value
                                candidateIndex[p] = Int32(t)
                                worst = candidateDistance[candidates - 1]
                            }
                        }
                        exact.removeAll(keepingCapacity: true)
                        let x = centred.base + i * d
                        for c in 0..<candidates {
                            let y = centred.base + Int(candidateIndex[c]) * d
                            var sum = 0.0
                            for j in 0..<d { let t = Double(x[j]) - Double(y[j]); sum += t * t }
                            exact.append((sum.squareRoot(), candidateIndex[c]))
                        }
                        exact.sort { $0.distance < $1.distance || ($0.distance == $1.distance && $0.index < $1.index) }
                        var column = i * count
                        if includeSelf {
                            indexOut[column] = Int32(i)
                            distanceOut[column] = 0
                            column += 1
                        }
                        for c in 0..<others {
                            indexOut[column + c] = exact[c].index
                            distanceOut[column + c] = Float(exact[c].distance)
                        }
                    }
                }
            }
        }
        return NeighbourTable(count: count, indices: indices, distances: distances)
    }
}
