import Engine

/// Data the layout and trustworthiness tests share.
enum LayoutData {
    /// The 32-bit LCG of Fixtures/layout/layout_fixtures.py; its top 16 bits give u = k / 65536,
    /// exact in Float.
    struct LCG {
        var state: UInt32
        mutating func uniform() -> Float {
            state = 1_664_525 &* state &+ 1_013_904_223
            return Float(state >> 16) / 65536
        }
    }

    static let centres: [[Float]] = [[3, 0, 0, 1, 0], [0, 3, 0, 0, 1], [0, 0, 3, 1, 1]]

    /// The fixture script's 30 points in 5-D: point i lies in cluster i % 3, each coordinate an
    /// integer plus (u − 1/2)/4, so every value is exact in float32 as in float64.
    static func fixturePoints() -> Matrix {
        var g = LCG(state: 10)
        let m = Matrix(rows: 30, cols: 5)
        for i in 0..<30 { for j in 0..<5 { m[i, j] = centres[i % 3][j] + (g.uniform() - 0.5) / 4 } }
        return m
    }

    /// The fixture script's layout unrelated to the data: LCG draws in [0, 8).
    static func fixtureScrambledLayout() -> Matrix {
        var g = LCG(state: 18)
        let m = Matrix(rows: 30, cols: 2)
        for i in 0..<30 { for j in 0..<2 { m[i, j] = 8 * g.uniform() } }
        return m
    }

    /// The first two coordinates of `points`: a faithful but lossy layout.
    static func firstTwoColumns(_ points: Matrix) -> Matrix {
        let m = Matrix(rows: points.rows, cols: 2)
        for i in 0..<points.rows { m[i, 0] = points[i, 0]; m[i, 1] = points[i, 1] }
        return m
    }

    /// `clusters` Gaussian clusters in `dimensions`-D, non-negative like ReLU activations:
    /// centre c has |N(0, 1)|·2 coordinates, points scatter around it with standard deviation
    /// `spread`, clipped at 0. Point i belongs to cluster i % clusters.
    static func gaussianClusters(clusters: Int, perCluster: Int, dimensions: Int, spread: Float,
                                 seed: UInt64) -> (points: Matrix, labels: [Int]) {
        var rng = RandomStream(seed: seed)
        let centres = (0..<clusters).map { _ in (0..<dimensions).map { _ in 2 * abs(rng.nextNormal()) } }
        let n = clusters * perCluster
        let points = Matrix(rows: n, cols: dimensions)
        var labels: [Int] = []
        for i in 0..<n {
            let c = i % clusters
            labels.append(c)
            for j in 0..<dimensions { points[i, j] = max(0, centres[c][j] + spread * rng.nextNormal()) }
        }
        return (points, labels)
    }

    /// The share of points whose nearest other point in `layout` has the same label.
    static func nearestNeighbourAgreement(_ layout: Matrix, labels: [Int]) -> Double {
        var agree = 0
        for i in 0..<layout.rows {
            var best = -1, bestDistance = Float.infinity
            for j in 0..<layout.rows where j != i {
                var d: Float = 0
                for c in 0..<layout.cols { let t = layout[i, c] - layout[j, c]; d += t * t }
                if d < bestDistance { bestDistance = d; best = j }
            }
            if labels[best] == labels[i] { agree += 1 }
        }
        return Double(agree) / Double(layout.rows)
    }
}
