import Testing
import Glibc
@testable import Atlas
import Engine

/// The spectral start: eigenvectors of the normalised adjacency by dense LAPACK and by Lanczos,
/// and the placement of disconnected components.
@Suite struct LayoutSpectrumTests {
    /// The fuzzy graph UMAP would build on `points` (k = 10).
    func graph(_ points: Matrix) -> SparseGraph {
        let table = ExactNeighbours.search(points, count: 10, includeSelf: true)
        return FuzzySimplicialSet.graph(table, scales: SmoothNeighbourDistances(table))
    }

    /// N = D^(−1/2) W D^(−1/2) densely, and N·x.
    func normalisedAdjacency(_ g: SparseGraph) -> [Double] {
        let n = g.vertices, degrees = g.degrees
        var m = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for e in g.rowStart[i]..<g.rowStart[i + 1] {
                let j = Int(g.columns[e])
                m[i * n + j] = Double(g.weights[e]) / (degrees[i] * degrees[j]).squareRoot()
            }
        }
        return m
    }

    /// Points on an elongated 2-D Gaussian (standard deviations 3 and 1), so the leading
    /// eigenvalues are well apart.
    func elongatedCloud(_ n: Int, seed: UInt64) -> Matrix {
        var rng = RandomStream(seed: seed)
        let m = Matrix(rows: n, cols: 2)
        for i in 0..<n { m[i, 0] = 3 * rng.nextNormal(); m[i, 1] = rng.nextNormal() }
        return m
    }

    @Test func aPathGraphHasTheKnownSpectrum() throws {
        // Unit-weight path on n vertices: the normalised adjacency has eigenvalues cos(πk/(n−1)),
        // k = 0…n−1 (Chung, Spectral Graph Theory, §1.5); k = 0 is the trivial one.
        let n = 12
        var start = [0], columns: [Int32] = []
        for v in 0..<n {
            if v > 0 { columns.append(Int32(v - 1)) }
            if v < n - 1 { columns.append(Int32(v + 1)) }
            start.append(columns.count)
        }
        let path = SparseGraph(vertices: n, rowStart: start, columns: columns,
                               weights: [Float](repeating: 1, count: columns.count))
        let x = try NormalisedAdjacencySpectrum.eigenvectors(path, count: 2)
        let m = normalisedAdjacency(path)
        for c in 0..<2 {
            let v = (0..<n).map { x[$0 * 2 + c] }
            let mv = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + m[i * n + $1] * v[$1] } }
            let theta = zip(v, mv).reduce(0.0) { $0 + $1.0 * $1.1 }
            #expect(abs(theta - cos(Double.pi * Double(c + 1) / Double(n - 1))) < 1e-12)
        }
    }

    @Test func lanczosFindsTheSameEigenpairsAsADenseSolver() throws {
        let g = graph(elongatedCloud(400, seed: 1))  // above the dense limit of 256
        #expect(g.components().count == 1)
        let n = g.vertices
        let x = try NormalisedAdjacencySpectrum.eigenvectors(g, count: 2)
        let m = normalisedAdjacency(g)
        // Dense reference: all eigenpairs of N; index 0 is the trivial eigenvalue 1.
        let reference = try LAPACK.symmetricEigen(m, order: n)
        #expect(abs(reference.values[0] - 1) < 1e-12)
        let root = g.degrees.map { $0.squareRoot() }
        let rootNorm = root.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for c in 0..<2 {
            let v = (0..<n).map { x[$0 * 2 + c] }
            let mv = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + m[i * n + $1] * v[$1] } }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let theta = zip(v, mv).reduce(0.0) { $0 + $1.0 * $1.1 }
            let residual = zip(mv, v).reduce(0.0) { $0 + ($1.0 - theta * $1.1) * ($1.0 - theta * $1.1) }.squareRoot()
            let trivialPart = zip(v, root).reduce(0.0) { $0 + $1.0 * $1.1 } / rootNorm
            #expect(abs(norm - 1) < 1e-10)
            #expect(abs(trivialPart) < 1e-10)
            #expect(residual < NormalisedAdjacencySpectrum.tolerance)
            #expect(abs(theta - reference.values[c + 1]) < 1e-7)
            // The same vector up to sign (the eigenvalues are distinct).
            let overlap = zip(v, reference.vector(c + 1)).reduce(0.0) { $0 + $1.0 * $1.1 }
            #expect(abs(overlap) > 0.999)
        }
    }

    @Test func theStartLayoutFillsTheSquareFromZeroToTen() throws {
        let cloud = elongatedCloud(300, seed: 2)
        var rng = RandomStream(seed: 3)
        let layout = try SpectralInitialisation.layout(graph(cloud), points: cloud, dimensions: 2, rng: &rng)
        for c in 0..<2 {
            let axis = (0..<300).map { layout[$0 * 2 + c] }
            #expect(axis.min() == 0)
            #expect(abs((axis.max() ?? 0) - 10) < 1e-5)
        }
        // The Fiedler vector of an elongated cloud runs along its long axis.
        let xs = (0..<300).map { Double(cloud[$0, 0]) }, ys = (0..<300).map { Double(layout[$0 * 2]) }
        #expect(abs(correlation(xs, ys)) > 0.9)
    }

    @Test(arguments: [3, 7])
    func separateClustersStartInSeparateRegions(clusters: Int) throws {
        // Far-apart clusters give one graph component each: ±axes for up to four, a spectral
        // embedding of the centroids for more. The centroid affinities exp(−d²) assume the
        // prepared (unit-row) coordinates UMAP passes, so the test passes them too.
        let data = LayoutData.gaussianClusters(clusters: clusters, perCluster: 30, dimensions: 12,
                                               spread: 0.05, seed: 11)
        let prepared = try CosinePreparation.prepare(data.points, dimensions: 0)
        let g = graph(prepared)
        #expect(g.components().count == clusters)
        var rng = RandomStream(seed: 5)
        let layout = try SpectralInitialisation.layout(g, points: prepared, dimensions: 2, rng: &rng)
        let start = Matrix(rows: data.points.rows, cols: 2, values: layout)
        // Components are drawn within half the gap to the nearest other one, so they may touch
        // but not mix.
        #expect(LayoutData.nearestNeighbourAgreement(start, labels: data.labels) >= 0.98)
    }

    func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let ma = a.reduce(0, +) / Double(a.count), mb = b.reduce(0, +) / Double(b.count)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) { sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb) }
        return sab / (saa * sbb).squareRoot()
    }
}
