import Engine

/// The leading non-trivial eigenvectors of a connected graph's normalised adjacency
/// N = D^(−1/2) W D^(−1/2): the smoothest functions on the graph, which spectral
/// initialisation uses as layout coordinates.
///
/// These are the eigenvectors of the normalised Laplacian I − N with the smallest eigenvalues
/// after the trivial one, exactly what umap-learn asks of ARPACK (`eigsh(L, which="SM")`). The
/// trivial eigenvector u₀ = D^(1/2)·1/‖·‖ (eigenvalue 1, the top of N's spectrum in [−1, 1]) is
/// known in closed form, so it is deflated rather than computed: small graphs solve
/// N − 2u₀u₀ᵀ densely with LAPACK, large ones run Lanczos with full reorthogonalisation inside
/// the complement of u₀.
enum NormalisedAdjacencySpectrum {
    /// Largest graph solved densely (a 256² dsyevr takes milliseconds).
    static let denseLimit = 256
    /// Most Lanczos steps; the basis then holds 300 × n doubles (24 MB at n = 10,000).
    static let maximumSteps = 300
    /// Converged when every wanted Ritz residual ‖Nx − θx‖ is below this (umap-learn passes
    /// tol = 1e-4 to ARPACK). An initialisation needs no more.
    static let tolerance = 1e-4
    /// Steps between convergence checks (each solves the current tridiagonal matrix).
    static let checkInterval = 10

    /// `count` eigenvectors of `graph` (connected, more than `count` vertices, no isolated
    /// vertex), as vertices × count row-major: column c belongs to the (c + 2)-th largest
    /// eigenvalue of N, i.e. column 0 is the Fiedler vector.
    static func eigenvectors(_ graph: SparseGraph, count: Int) throws -> [Double] {
        let n = graph.vertices
        precondition(n > count, "\(count) non-trivial eigenvectors of a \(n)-vertex graph")
        let inverseRoot = graph.degrees.map { 1 / $0.squareRoot() }
        var trivial = graph.degrees.map { $0.squareRoot() }
        let norm = trivial.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for i in 0..<n { trivial[i] /= norm }
        if n <= denseLimit {
            return try dense(graph, inverseRoot: inverseRoot, trivial: trivial, count: count)
        }
        return try lanczos(graph, inverseRoot: inverseRoot, trivial: trivial, count: count)
    }

    /// y = N x.
    static func apply(_ graph: SparseGraph, inverseRoot: [Double], _ x: UnsafePointer<Double>,
                      into y: UnsafeMutablePointer<Double>) {
        graph.columns.withUnsafeBufferPointer { columns in
            graph.weights.withUnsafeBufferPointer { weights in
                for i in 0..<graph.vertices {
                    var sum = 0.0
                    for e in graph.rowStart[i]..<graph.rowStart[i + 1] {
                        let j = Int(columns[e])
                        sum += Double(weights[e]) * inverseRoot[j] * x[j]
                    }
                    y[i] = inverseRoot[i] * sum
                }
            }
        }
    }

    static func dense(_ graph: SparseGraph, inverseRoot: [Double], trivial: [Double],
                      count: Int) throws -> [Double] {
        let n = graph.vertices
        var matrix = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for e in graph.rowStart[i]..<graph.rowStart[i + 1] {
                let j = Int(graph.columns[e])
                matrix[i * n + j] = Double(graph.weights[e]) * inverseRoot[i] * inverseRoot[j]
            }
        }
        // Send u₀'s eigenvalue from 1 to −1, the bottom of the spectrum.
        for i in 0..<n { for j in 0..<n { matrix[i * n + j] -= 2 * trivial[i] * trivial[j] } }
        let eigen = try LAPACK.symmetricEigen(matrix, order: n, largest: count)
        var result = [Double](repeating: 0, count: n * count)
        for c in 0..<count { for i in 0..<n { result[i * count + c] = eigen.vectors[c * n + i] } }
        return result
    }

    static func lanczos(_ graph: SparseGraph, inverseRoot: [Double], trivial: [Double],
                        count: Int) throws -> [Double] {
        let n = graph.vertices
        let limit = min(n - 1, maximumSteps)  // the complement of u₀ has n − 1 dimensions
        var basis = [Double](repeating: 0, count: limit * n)
        var alpha: [Double] = [], beta: [Double] = []
        // A fixed start: the layout's randomness lives in the optimiser, not here.
        var rng = RandomStream(seed: 0x1A_9C20_5EED)
        var v = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: n)
        var coefficients = [Double](repeating: 0, count: limit)
        var ritz: (vectors: [Double], steps: Int)?

        /// Removes from `x` its components along u₀ and the first `rows` basis vectors (twice:
        /// one classical Gram–Schmidt pass leaves errors of the size of the rounding times the
        /// lost norm, a second one removes them) and returns the remaining norm.
        func orthogonalise(_ x: inout [Double], against rows: Int) -> Double {
            for _ in 0..<2 {
                var along = 0.0
                for i in 0..<n { along += trivial[i] * x[i] }
                for i in 0..<n { x[i] -= along * trivial[i] }
                guard rows > 0 else { continue }
                basis.withUnsafeBufferPointer { b in
                    x.withUnsafeMutableBufferPointer { xp in
                        coefficients.withUnsafeMutableBufferPointer { c in
                            BLAS.gemm(m: rows, n: 1, k: n, a: b.baseAddress!, lda: n,
                                      b: xp.baseAddress!, ldb: 1, c: c.baseAddress!, ldc: 1)
                            BLAS.gemm(transA: true, m: n, n: 1, k: rows, alpha: -1, a: b.baseAddress!, lda: n,
                                      b: c.baseAddress!, ldb: 1, beta: 1, c: xp.baseAddress!, ldc: 1)
                        }
                    }
                }
            }
            return x.reduce(0) { $0 + $1 * $1 }.squareRoot()
        }

        func randomStart(orthogonalTo rows: Int) -> Double {
            for i in 0..<n { v[i] = Double(rng.nextNormal()) }
            let norm = orthogonalise(&v, against: rows)
            if norm > 0 { for i in 0..<n { v[i] /= norm } }
            return norm
        }

        _ = randomStart(orthogonalTo: 0)
        for step in 0..<limit {
            basis.replaceSubrange((step * n)..<((step + 1) * n), with: v)
            v.withUnsafeBufferPointer { vp in
                w.withUnsafeMutableBufferPointer { wp in
                    apply(graph, inverseRoot: inverseRoot, vp.baseAddress!, into: wp.baseAddress!)
                }
            }
            var a = 0.0
            for i in 0..<n { a += w[i] * v[i] }
            alpha.append(a)
            let remaining = orthogonalise(&w, against: step + 1)
            let steps = step + 1
            let exhausted = remaining <= 1e-10 || steps == limit
            if steps >= count && (steps % checkInterval == 0 || exhausted) {
                let vectors = try tridiagonalEigenvectors(alpha: alpha, beta: beta, count: count)
                // Residual of Ritz pair c: β_m · |last coefficient of its eigenvector|.
                let worst = (0..<count).map { remaining * abs(vectors[$0 * steps + steps - 1]) }.max() ?? 0
                if worst <= tolerance || steps == limit {
                    ritz = (vectors, steps)
                    break
                }
            }
            if remaining <= 1e-10 {
                // An invariant subspace too small to hold `count` vectors (a larger one ended
                // the loop above): carry on from a fresh direction, which exists because fewer
                // than n − 1 steps were taken; β = 0 splits T into blocks.
                _ = randomStart(orthogonalTo: steps)
                beta.append(0)
            } else {
                beta.append(remaining)
                for i in 0..<n { v[i] = w[i] / remaining }
            }
        }
        guard let (ritzCoefficients, steps) = ritz else {
            preconditionFailure("Lanczos ended without Ritz vectors")  // every exit sets them
        }
        // X = Vᵀ S: n × count, with S the steps × count Ritz coefficients.
        var s = [Double](repeating: 0, count: steps * count)
        for c in 0..<count { for j in 0..<steps { s[j * count + c] = ritzCoefficients[c * steps + j] } }
        var result = [Double](repeating: 0, count: n * count)
        basis.withUnsafeBufferPointer { b in
            s.withUnsafeBufferPointer { sp in
                result.withUnsafeMutableBufferPointer { r in
                    BLAS.gemm(transA: true, m: n, n: count, k: steps, a: b.baseAddress!, lda: n,
                              b: sp.baseAddress!, ldb: count, c: r.baseAddress!, ldc: count)
                }
            }
        }
        return result
    }

    /// The eigenvectors for the `count` largest eigenvalues of the symmetric tridiagonal matrix
    /// with diagonal `alpha` and off-diagonal `beta` (alpha.count − 1 of them used), as rows.
    static func tridiagonalEigenvectors(alpha: [Double], beta: [Double], count: Int) throws -> [Double] {
        let m = alpha.count
        var t = [Double](repeating: 0, count: m * m)
        for i in 0..<m { t[i * m + i] = alpha[i] }
        for i in 0..<(m - 1) { t[i * m + i + 1] = beta[i]; t[(i + 1) * m + i] = beta[i] }
        let eigen = try LAPACK.symmetricEigen(t, order: m, largest: count)
        return eigen.vectors
    }
}
