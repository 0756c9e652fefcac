import Engine
import Glibc

/// UMAP's stochastic gradient descent on a 2-D layout: umap-learn's
/// `optimize_layout_euclidean` with `move_other` (both ends of an edge move), single-threaded.
///
/// Each directed graph entry (i, j) with weight w is sampled once every max(w)/w epochs and
/// pulls i and j together with the gradient of log(1 / (1 + a·d^(2b))); every time it is
/// sampled, `negativeSamples` uniformly drawn points push i away with the gradient of
/// log(1 − 1 / (1 + a·d^(2b))), softened by 0.001 in the denominator. Every gradient component
/// is clipped to ±4 and the learning rate falls linearly, 1 − (e − 1)/epochs in epoch e ≥ 1
/// (umap-learn's schedule: the first two epochs run at 1, the last at 2/epochs). The only
/// randomness is the draw of repulsive points, from `rng`, so the result is a function of the
/// graph, the start and the seed.
///
/// One deviation from umap-learn: the repulsive pushes of one sampled edge are all taken at
/// i's position before them and applied together, where umap-learn moves i after each. In
/// order, every push waited for the previous one's `powf` (a chain of dependent ~20 ns calls,
/// three quarters of the optimiser's time); independent, they overlap. 200 epochs on 10,000
/// points went from 2.9 s to 1.9 s (AtlasBenchmark, one thread) with the same trustworthiness
/// (0.984–0.985 over atlas seeds 11–15 at width 64 either way) and as many tiles.
enum LayoutOptimiser {
    /// Largest gradient component, in layout units per unit learning rate (umap-learn's `clip`).
    static let clip: Float = 4

    /// Runs `epochs` epochs on `layout` (n × 2, row-major) in place.
    static func optimise(_ layout: inout [Float], graph: SparseGraph, curve: LayoutCurve, epochs: Int,
                         negativeSamples: Int, rng: inout RandomStream, progress: (String) -> Void) {
        let n = graph.vertices
        precondition(layout.count == n * 2, "a 2-D layout of \(n) points needs \(n * 2) coordinates")
        let edges = graph.entries
        guard edges > 0 else { return }
        var head = [Int32](repeating: 0, count: edges)
        for r in 0..<n { for e in graph.rowStart[r]..<graph.rowStart[r + 1] { head[e] = Int32(r) } }
        let tail = graph.columns
        // umap-learn's make_epochs_per_sample: the heaviest edge is sampled every epoch.
        let heaviest = Double(graph.maximumWeight)
        let epochsPerSample = graph.weights.map { $0 > 0 ? heaviest / Double($0) : -1 }
        let rate = Double(max(negativeSamples, 0))
        let epochsPerNegative = epochsPerSample.map { rate > 0 ? $0 / rate : .infinity }
        var nextSample = epochsPerSample
        var nextNegative = epochsPerNegative
        let a = Float(curve.a), b = Float(curve.b)
        var alpha: Float = 1
        let report = max(1, epochs / 10)

        layout.withUnsafeMutableBufferPointer { y in
        head.withUnsafeBufferPointer { head in
        tail.withUnsafeBufferPointer { tail in
        epochsPerSample.withUnsafeBufferPointer { epochsPerSample in
        epochsPerNegative.withUnsafeBufferPointer { epochsPerNegative in
        nextSample.withUnsafeMutableBufferPointer { nextSample in
        nextNegative.withUnsafeMutableBufferPointer { nextNegative in
            for epoch in 0..<epochs {
                let now = Double(epoch)
                for e in 0..<edges where nextSample[e] <= now {
                    let j = Int(head[e]), k = Int(tail[e])
                    let dx = y[2 * j] - y[2 * k], dy = y[2 * j + 1] - y[2 * k + 1]
                    let squared = dx * dx + dy * dy
                    var coefficient: Float = 0
                    if squared > 0 {
                        let power = powf(squared, b)  // d^(2b); d^(2b − 2) = power / squared
                        coefficient = -2 * a * b * (power / squared) / (a * power + 1)
                    }
                    let gx = clipped(coefficient * dx), gy = clipped(coefficient * dy)
                    y[2 * j] += gx * alpha; y[2 * j + 1] += gy * alpha
                    y[2 * k] -= gx * alpha; y[2 * k + 1] -= gy * alpha
                    nextSample[e] += epochsPerSample[e]

                    let draws = rate > 0 ? Int((now - nextNegative[e]) / epochsPerNegative[e]) : 0
                    if draws > 0 {
                        // Every push is taken at j's position before the pushes: independent
                        // pushes overlap in the CPU, where pushing one after the other made each
                        // wait for the previous one's powf (see the type's comment).
                        let x0 = y[2 * j], x1 = y[2 * j + 1]
                        var sum0: Float = 0, sum1: Float = 0
                        for _ in 0..<draws {
                            let other = rng.nextInt(below: n)
                            guard other != j else { continue }
                            let ox = x0 - y[2 * other], oy = x1 - y[2 * other + 1]
                            let distance = ox * ox + oy * oy
                            guard distance > 0 else { continue }  // an exact duplicate: no direction
                            let push = 2 * b / ((0.001 + distance) * (a * powf(distance, b) + 1))
                            sum0 += clipped(push * ox) * alpha
                            sum1 += clipped(push * oy) * alpha
                        }
                        y[2 * j] = x0 + sum0
                        y[2 * j + 1] = x1 + sum1
                        nextNegative[e] += Double(draws) * epochsPerNegative[e]
                    }
                }
                alpha = 1 - Float(epoch) / Float(epochs)
                if (epoch + 1) % report == 0 { progress("UMAP epoch \(epoch + 1)/\(epochs)") }
            }
        }}}}}}}
    }

    @inline(__always) static func clipped(_ value: Float) -> Float { min(clip, max(-clip, value)) }
}
