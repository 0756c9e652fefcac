import Engine

/// Scores of centred rows on their leading principal directions, found by randomized subspace
/// iteration (Halko, Martinsson & Tropp 2011, algorithms 4.4 and 5.1; sklearn's
/// `randomized_svd`) instead of an eigensolver on the width × width covariance.
///
/// At width 4,096 the covariance alone is a 1.7·10¹¹-flop product and its dense eigensolver
/// takes tens of seconds; here every step is a float32 product of the n × width data with a
/// thin width × ℓ block (ℓ = components + 10), about 5·10⁹ flops each at n = 10,000, and 2q + 3
/// of them (q = 4 power iterations) take about a second. The directions are orthonormal, so the
/// scores keep distances within their span exactly; what is approximate is only which span: the
/// power iterations drive it to the leading principal subspace at the rate (σ_ℓ₊₁ / σ_j)^(2q+1).
enum RandomizedPrincipalProjection {
    /// Extra directions carried beyond those asked for (sklearn's `n_oversamples`).
    static let oversampling = 10
    /// Power iterations; each multiplies by the data and its transpose once.
    static let powerIterations = 4
    /// Directions whose squared singular value falls below this fraction of the largest are
    /// dropped as float32 rounding noise.
    static let relativeFloor: Double = 1e-6

    /// The n × (≤ `dimensions`) scores of the rows of `centred` (column means already removed).
    static func scores(_ centred: Matrix, dimensions p: Int) throws -> Matrix {
        let n = centred.rows, d = centred.cols
        let width = min(d, n, p + oversampling)
        // A fixed Gaussian start: the reduction is part of the data preparation, not the layout's
        // randomness.
        var rng = RandomStream(seed: 0x9CA_5EED)
        var omega = (0..<(d * width)).map { _ in rng.nextNormal() }
        var q = try orthonormalColumns(product(centred, omega, columns: width), rows: n)
        for _ in 0..<powerIterations where q.columns > 0 {
            omega = try orthonormalColumns(transposeProduct(centred, q.values, columns: q.columns), rows: d).values
            q = try orthonormalColumns(product(centred, omega, columns: q.columns), rows: n)
        }
        // B = Qᵀ X (ℓ × d), held as Z = Bᵀ (d × ℓ); B Bᵀ = U Σ² Uᵀ; directions V = Z U Σ⁻¹.
        let l = q.columns
        guard l > 0 else { return Matrix(rows: n, cols: 0) }  // no variance at all
        let z = transposeProduct(centred, q.values, columns: l)
        let gram = gramDouble(z, rows: d, columns: l)
        let eigen = try LAPACK.symmetricEigen(gram, order: l)
        let largest = max(eigen.values.first ?? 0, 0)
        let kept = min(p, eigen.values.prefix { $0 > relativeFloor * largest }.count)
        var transform = [Float](repeating: 0, count: l * kept)
        for j in 0..<kept {
            let inverse = 1 / eigen.values[j].squareRoot()
            for i in 0..<l { transform[i * kept + j] = Float(eigen.vectors[j * l + i] * inverse) }
        }
        var directions = [Float](repeating: 0, count: d * kept)
        z.withUnsafeBufferPointer { zp in
            transform.withUnsafeBufferPointer { tp in
                directions.withUnsafeMutableBufferPointer { vp in
                    BLAS.gemm(m: d, n: kept, k: l, a: zp.baseAddress!, lda: l, b: tp.baseAddress!, ldb: kept,
                              c: vp.baseAddress!, ldc: kept)
                }
            }
        }
        let result = Matrix(rows: n, cols: kept)
        guard kept > 0 else { return result }
        directions.withUnsafeBufferPointer { vp in
            BLAS.gemm(m: n, n: kept, k: d, a: centred.base, lda: d, b: vp.baseAddress!, ldb: kept,
                      c: result.base, ldc: kept)
        }
        return result
    }

    /// X · M for M of d × `columns`.
    static func product(_ x: Matrix, _ m: [Float], columns: Int) -> [Float] {
        var out = [Float](repeating: 0, count: x.rows * columns)
        m.withUnsafeBufferPointer { mp in
            out.withUnsafeMutableBufferPointer { op in
                BLAS.gemm(m: x.rows, n: columns, k: x.cols, a: x.base, lda: x.cols, b: mp.baseAddress!,
                          ldb: columns, c: op.baseAddress!, ldc: columns)
            }
        }
        return out
    }

    /// Xᵀ · M for M of n × `columns`.
    static func transposeProduct(_ x: Matrix, _ m: [Float], columns: Int) -> [Float] {
        var out = [Float](repeating: 0, count: x.cols * columns)
        m.withUnsafeBufferPointer { mp in
            out.withUnsafeMutableBufferPointer { op in
                BLAS.gemm(transA: true, m: x.cols, n: columns, k: x.rows, a: x.base, lda: x.cols,
                          b: mp.baseAddress!, ldb: columns, c: op.baseAddress!, ldc: columns)
            }
        }
        return out
    }

    /// AᵀA in Double for A of `rows` × `columns` (float32).
    static func gramDouble(_ a: [Float], rows: Int, columns: Int) -> [Double] {
        let wide = a.map(Double.init)
        var gram = [Double](repeating: 0, count: columns * columns)
        wide.withUnsafeBufferPointer { ap in
            gram.withUnsafeMutableBufferPointer { gp in
                BLAS.gemm(transA: true, m: columns, n: columns, k: rows, a: ap.baseAddress!, lda: columns,
                          b: ap.baseAddress!, ldb: columns, c: gp.baseAddress!, ldc: columns)
            }
        }
        return gram
    }

    /// An orthonormal basis of the columns of `a` (rows × c, row-major) by symmetric
    /// orthonormalisation, applied twice so the float32 result is orthonormal to rounding; columns
    /// along which `a` is numerically rank-deficient are dropped.
    static func orthonormalColumns(_ a: [Float], rows: Int) throws -> (values: [Float], columns: Int) {
        var current = a
        var c = a.count / max(rows, 1)
        for _ in 0..<2 where c > 0 {
            let gram = gramDouble(current, rows: rows, columns: c)
            let eigen = try LAPACK.symmetricEigen(gram, order: c)
            let largest = max(eigen.values.first ?? 0, 0)
            let kept = eigen.values.prefix { $0 > relativeFloor * largest }.count
            // Q = A V Λ^(−1/2) over the kept eigenpairs.
            var transform = [Float](repeating: 0, count: c * kept)
            for j in 0..<kept {
                let inverse = 1 / eigen.values[j].squareRoot()
                for i in 0..<c { transform[i * kept + j] = Float(eigen.vectors[j * c + i] * inverse) }
            }
            var next = [Float](repeating: 0, count: rows * kept)
            if kept > 0 {
                current.withUnsafeBufferPointer { ap in
                    transform.withUnsafeBufferPointer { tp in
                        next.withUnsafeMutableBufferPointer { np in
                            BLAS.gemm(m: rows, n: kept, k: c, a: ap.baseAddress!, lda: c, b: tp.baseAddress!,
                                      ldb: kept, c: np.baseAddress!, ldc: kept)
                        }
                    }
                }
            }
            current = next
            c = kept
        }
        return (current, c)
    }
}
