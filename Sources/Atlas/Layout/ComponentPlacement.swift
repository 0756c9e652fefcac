import Engine
import Glibc

/// Where the connected components of a disconnected graph go relative to one another, as in
/// umap-learn's `multi_component_layout` and `component_layout`.
///
/// Up to 2·dimensions components sit at the unit points ±e₁, ±e₂, … in turn. More are placed by
/// a spectral embedding of their centroids: affinities exp(−‖cₗ − cₘ‖²) between component
/// centroids, the eigenvectors of that small dense graph's normalised Laplacian divided by
/// √degree, each signed so its largest entry is positive, then divided by the largest coordinate
/// (sklearn's `SpectralEmbedding(affinity="precomputed")`, solved densely here).
enum ComponentPlacement {
    /// count × dimensions component places, row-major.
    static func places(points: Matrix, labels: [Int], count: Int, dimensions dim: Int) throws -> [Double] {
        var places = [Double](repeating: 0, count: count * dim)
        if count <= 2 * dim {
            // ±unit vectors: k = ⌈count/2⌉ positive ones, then their negatives.
            let k = (count + 1) / 2
            for label in 0..<count {
                let axis = label % k
                places[label * dim + axis] = label < k ? 1 : -1
            }
            return places
        }
        let d = points.cols
        var centroids = [Double](repeating: 0, count: count * d)
        var sizes = [Double](repeating: 0, count: count)
        for (v, label) in labels.enumerated() {
            sizes[label] += 1
            for j in 0..<d { centroids[label * d + j] += Double(points.base[v * d + j]) }
        }
        for label in 0..<count { for j in 0..<d { centroids[label * d + j] /= sizes[label] } }
        // Affinities with the diagonal ignored (scipy's Laplacian drops self-loops).
        var affinity = [Double](repeating: 0, count: count * count)
        for l in 0..<count {
            for m in 0..<count where m != l {
                var squared = 0.0
                for j in 0..<d { let t = centroids[l * d + j] - centroids[m * d + j]; squared += t * t }
                affinity[l * count + m] = exp(-squared)
            }
        }
        let root = (0..<count).map { l in max((0..<count).reduce(0.0) { $0 + affinity[l * count + $1] }, .leastNormalMagnitude).squareRoot() }
        // I − L = D^(−1/2) A D^(−1/2): its largest eigenvalues are L's smallest.
        var normalised = affinity
        for l in 0..<count { for m in 0..<count { normalised[l * count + m] /= root[l] * root[m] } }
        let eigen = try LAPACK.symmetricEigen(normalised, order: count, largest: dim + 1)
        var largest = -Double.infinity
        for c in 0..<dim {
            // Drop the first (trivial) vector; recover u = D^(−1/2)x and fix its sign.
            var u = (0..<count).map { eigen.vectors[(c + 1) * count + $0] / root[$0] }
            var pivot = 0
            for l in 1..<count where abs(u[l]) > abs(u[pivot]) { pivot = l }
            if u[pivot] < 0 { for l in 0..<count { u[l] = -u[l] } }
            for l in 0..<count {
                places[l * dim + c] = u[l]
                largest = max(largest, u[l])
            }
        }
        if largest > 0 { for i in places.indices { places[i] /= largest } }
        return places
    }

    /// Half the distance from component `label`'s place to the nearest other place (1 if every
    /// place coincides with it): the radius the component is drawn within.
    static func halfGapToNearest(_ label: Int, places: [Double], count: Int, dimensions dim: Int) -> Double {
        var nearest = Double.infinity
        for m in 0..<count where m != label {
            var squared = 0.0
            for c in 0..<dim { let t = places[label * dim + c] - places[m * dim + c]; squared += t * t }
            if squared > 0 { nearest = min(nearest, squared.squareRoot()) }
        }
        return nearest.isFinite ? nearest / 2 : 1
    }
}
