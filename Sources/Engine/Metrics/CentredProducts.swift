/// Products of column-centred Float matrices, computed with BLAS block by block and accumulated
/// in Double — the kernels under the covariance, principal directions and ridge reconstruction.
///
/// Why Float products are accurate enough: each block is centred *before* it is multiplied, so
/// there is no E[xxᵀ] − μμᵀ cancellation; a float32 dot product over at most `blockSize` centred
/// terms errs by about √blockSize · 6e-8 ≈ 3e-6 of Σ|aᵢbᵢ| (random rounding), and the blocks are
/// summed in Double, so the error does not grow with the number of examples. That is below the
/// float32 precision of the activations themselves for every use here (traces, ratios, leading
/// eigenvectors, and ridge penalties ≥ 1e-6 of the mean eigenvalue). Products whose result is
/// then amplified by a nearly singular solve (ridge weights and predictions) are done in Double.
enum CentredProducts {
    /// Rows (or columns) per block: large enough that the per-block Double accumulation
    /// (order² adds) is small next to the product, small enough to keep the scratch at ≤ 32 MB.
    static let blockSize = 2048

    /// Per-column means in Double.
    /// - Throws: `MetricError.nonFinite` if any value is NaN or infinite (a finite float32 sum in
    ///   Double cannot overflow, so a non-finite sum means a non-finite input).
    static func columnMeans(_ m: Matrix, name: String) throws -> [Double] {
        let n = m.rows, h = m.cols
        var sums = [Double](repeating: 0, count: h)
        sums.withUnsafeMutableBufferPointer { s in
            for r in 0..<n {
                let row = m.base + r * h
                for j in 0..<h { s[j] += Double(row[j]) }
            }
        }
        if let bad = sums.firstIndex(where: { !$0.isFinite }) {
            throw MetricError.nonFinite("\(name) column \(bad) contains NaN or infinity")
        }
        return sums.map { $0 / Double(max(n, 1)) }
    }

    /// Σ_r (a_r − μ)ᵀ(a_r − μ): the h×h centred Gram matrix of the rows of `m`, symmetric, in Double.
    static func gramOfUnits(_ m: Matrix, mean: [Double]) -> [Double] {
        let n = m.rows, h = m.cols
        var gram = [Double](repeating: 0, count: h * h)
        let block = min(blockSize, n)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: block * h)
        let product = UnsafeMutablePointer<Float>.allocate(capacity: h * h)
        defer { scratch.deallocate(); product.deallocate() }
        let mu = mean.map(Float.init)
        gram.withUnsafeMutableBufferPointer { g in
            var start = 0
            while start < n {
                let rows = min(block, n - start)
                copyCentredRows(m, start: start, count: rows, mean: mu, into: scratch)
                BLAS.syrkUpper(transA: true, n: h, k: rows, a: scratch, lda: h, c: product, ldc: h)
                addUpperTriangle(product, order: h, into: g.baseAddress!)
                start += rows
            }
            mirrorUpperToLower(g.baseAddress!, order: h)
        }
        return gram
    }

    /// Σ_j (a_·j − μ_j)(a_·j − μ_j)ᵀ: the n×n centred Gram matrix of the examples, in Double.
    static func gramOfExamples(_ m: Matrix, mean: [Double]) -> [Double] {
        let n = m.rows, h = m.cols
        var gram = [Double](repeating: 0, count: n * n)
        let block = min(blockSize, h)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: n * block)
        let product = UnsafeMutablePointer<Float>.allocate(capacity: n * n)
        defer { scratch.deallocate(); product.deallocate() }
        gram.withUnsafeMutableBufferPointer { g in
            var first = 0
            while first < h {
                let cols = min(block, h - first)
                for r in 0..<n {
                    let src = m.base + r * h + first, dst = scratch + r * cols
                    for j in 0..<cols { dst[j] = Float(Double(src[j]) - mean[first + j]) }
                }
                BLAS.syrkUpper(transA: false, n: n, k: cols, a: scratch, lda: cols, c: product, ldc: n)
                addUpperTriangle(product, order: n, into: g.baseAddress!)
                first += cols
            }
            mirrorUpperToLower(g.baseAddress!, order: n)
        }
        return gram
    }

    /// Σ_r (a_r − μa)ᵀ(b_r − μb): the a.cols × b.cols centred cross product of two matrices
    /// with the same rows, in Double (row-major).
    static func crossProduct(_ a: Matrix, meanA: [Double], _ b: Matrix, meanB: [Double]) -> [Double] {
        precondition(a.rows == b.rows, "cross product of \(a.rows) and \(b.rows) rows")
        let n = a.rows, ha = a.cols, hb = b.cols
        var result = [Double](repeating: 0, count: ha * hb)
        let block = min(blockSize, n)
        let scratchA = UnsafeMutablePointer<Float>.allocate(capacity: block * ha)
        let scratchB = UnsafeMutablePointer<Float>.allocate(capacity: block * hb)
        let product = UnsafeMutablePointer<Float>.allocate(capacity: ha * hb)
        defer { scratchA.deallocate(); scratchB.deallocate(); product.deallocate() }
        let muA = meanA.map(Float.init), muB = meanB.map(Float.init)
        result.withUnsafeMutableBufferPointer { out in
            var start = 0
            while start < n {
                let rows = min(block, n - start)
                copyCentredRows(a, start: start, count: rows, mean: muA, into: scratchA)
                copyCentredRows(b, start: start, count: rows, mean: muB, into: scratchB)
                BLAS.gemm(transA: true, m: ha, n: hb, k: rows, a: scratchA, lda: ha, b: scratchB, ldb: hb,
                          c: product, ldc: hb)
                for i in 0..<(ha * hb) { out[i] += Double(product[i]) }
                start += rows
            }
        }
        return result
    }

    /// (A − 1μᵀ)ᵀ·Y in Double, for A n×h and Y n×p (row-major): h×p.
    static func centredTransposeTimes(_ a: Matrix, mean: [Double], _ y: [Double], columns p: Int) -> [Double] {
        let n = a.rows, h = a.cols
        precondition(y.count == n * p, "\(y.count) values for \(n)×\(p)")
        var result = [Double](repeating: 0, count: h * p)
        let block = min(blockSize, n)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: block * h)
        defer { scratch.deallocate() }
        y.withUnsafeBufferPointer { yp in
            result.withUnsafeMutableBufferPointer { out in
                var start = 0
                while start < n {
                    let rows = min(block, n - start)
                    copyCentredRows(a, start: start, count: rows, mean: mean, into: scratch)
                    BLAS.gemm(transA: true, m: h, n: p, k: rows, a: scratch, lda: h,
                              b: yp.baseAddress! + start * p, ldb: p, beta: 1, c: out.baseAddress!, ldc: p)
                    start += rows
                }
            }
        }
        return result
    }

    /// (A − 1μᵀ)·W in Double, for A n×h and W h×p (row-major): n×p.
    static func centredTimes(_ a: Matrix, mean: [Double], _ w: [Double], columns p: Int) -> [Double] {
        let n = a.rows, h = a.cols
        precondition(w.count == h * p, "\(w.count) weights for \(h)×\(p)")
        var result = [Double](repeating: 0, count: n * p)
        let block = min(blockSize, n)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: block * h)
        defer { scratch.deallocate() }
        w.withUnsafeBufferPointer { wp in
            result.withUnsafeMutableBufferPointer { out in
                var start = 0
                while start < n {
                    let rows = min(block, n - start)
                    copyCentredRows(a, start: start, count: rows, mean: mean, into: scratch)
                    BLAS.gemm(m: rows, n: p, k: h, a: scratch, lda: h, b: wp.baseAddress!, ldb: p,
                              c: out.baseAddress! + start * p, ldc: p)
                    start += rows
                }
            }
        }
        return result
    }

    // MARK: Block helpers

    static func copyCentredRows(_ m: Matrix, start: Int, count: Int, mean: [Float],
                                into dst: UnsafeMutablePointer<Float>) {
        let h = m.cols
        mean.withUnsafeBufferPointer { mu in
            for r in 0..<count {
                let src = m.base + (start + r) * h, out = dst + r * h
                for j in 0..<h { out[j] = src[j] - mu[j] }
            }
        }
    }

    static func copyCentredRows(_ m: Matrix, start: Int, count: Int, mean: [Double],
                                into dst: UnsafeMutablePointer<Double>) {
        let h = m.cols
        mean.withUnsafeBufferPointer { mu in
            for r in 0..<count {
                let src = m.base + (start + r) * h, out = dst + r * h
                for j in 0..<h { out[j] = Double(src[j]) - mu[j] }
            }
        }
    }

    static func addUpperTriangle(_ product: UnsafePointer<Float>, order: Int, into acc: UnsafeMutablePointer<Double>) {
        for i in 0..<order {
            let src = product + i * order, dst = acc + i * order
            for j in i..<order { dst[j] += Double(src[j]) }
        }
    }

    static func mirrorUpperToLower(_ acc: UnsafeMutablePointer<Double>, order: Int) {
        for i in 0..<order { for j in 0..<i { acc[i * order + j] = acc[j * order + i] } }
    }
}
