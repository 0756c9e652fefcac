@testable import Engine

/// Small data builders shared by the hidden-state metric tests.
enum MetricFixtures {
    /// A matrix from literal rows.
    static func matrix(_ rows: [[Float]]) -> Matrix {
        Matrix(rows: rows.count, cols: rows.first?.count ?? 0, values: rows.flatMap { $0 })
    }

    /// `count` orthonormal vectors of length `dimension` (the eigenvectors of a random symmetric
    /// matrix, orthonormal to ~1e-15 whatever the draw).
    static func orthonormalVectors(dimension: Int, count: Int, seed: UInt64) throws -> [[Double]] {
        var rng = RandomStream(seed: seed)
        var a = [Double](repeating: 0, count: dimension * dimension)
        for i in 0..<dimension {
            for j in 0...i {
                let v = Double(rng.nextNormal())
                a[i * dimension + j] = v
                a[j * dimension + i] = v
            }
        }
        let eigen = try LAPACK.symmetricEigen(a, order: dimension)
        return (0..<count).map { eigen.vector($0) }
    }

    /// Activations ReLU(√h · a_y Q e_y + noise): a one-hot class code of distinct amplitudes
    /// a_c = 1 + c/4, rotated into `units` dimensions by a random orthonormal Q and passed
    /// through ReLU. Each class owns a direction; no unit belongs to a single class.
    static func rotatedOneHotCode(classes: Int, units: Int, examples: Int, noise: Float,
                                  seed: UInt64) throws -> (hidden: Matrix, labels: [Int32]) {
        let q = try orthonormalVectors(dimension: units, count: classes, seed: seed)
        var rng = RandomStream(seed: seed &+ 1)
        let hidden = Matrix(rows: examples, cols: units)
        var labels: [Int32] = []
        let gain = Double(units).squareRoot()
        for r in 0..<examples {
            let c = r % classes
            labels.append(Int32(c))
            let amplitude = 1 + Double(c) / 4
            for j in 0..<units {
                let pre = Float(gain * amplitude * q[c][j]) + noise * rng.nextNormal()
                hidden[r, j] = max(0, pre)
            }
        }
        return (hidden, labels)
    }
}
