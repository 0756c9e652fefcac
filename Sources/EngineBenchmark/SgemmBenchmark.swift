import BenchmarkSupport
import Engine

/// Raw cblas_sgemm rates measured in this run: the reference every training figure is divided by.
enum SgemmBenchmark {
    /// GFLOP/s of a square n³ sgemm (best of `rounds` timed calls after one warm-up call).
    static func peak(size n: Int, threads: Int, rounds: Int = 7) -> RoundTimes {
        BLAS.threads = threads
        var rng = RandomStream(seed: 11)
        let a = UnsafeMutablePointer<Float>.allocate(capacity: n * n)
        let b = UnsafeMutablePointer<Float>.allocate(capacity: n * n)
        let c = UnsafeMutablePointer<Float>.allocate(capacity: n * n)
        defer { a.deallocate(); b.deallocate(); c.deallocate() }
        for i in 0..<(n * n) { a[i] = rng.nextUniform() - 0.5; b[i] = rng.nextUniform() - 0.5; c[i] = 0 }
        let call = { BLAS.gemm(m: n, n: n, k: n, a: a, lda: n, b: b, ldb: n, c: c, ldc: n) }
        call()
        return RoundTimes.measure(rounds: rounds, secondsPerRound: 0, minimumPerRound: 1, call)
    }

    /// Seconds per call of one GEMM shape with its own operands (best of a few ≥ 50 ms rounds).
    static func shape(_ s: GemmShape, threads: Int) -> RoundTimes {
        BLAS.threads = threads
        var rng = RandomStream(seed: 13)
        // Row-major storage: op(A) is m×k, so A is m×k (N) or k×m (T); likewise B.
        let aRows = s.transA ? s.k : s.m, aCols = s.transA ? s.m : s.k
        let bRows = s.transB ? s.n : s.k, bCols = s.transB ? s.k : s.n
        let a = UnsafeMutablePointer<Float>.allocate(capacity: aRows * aCols)
        let b = UnsafeMutablePointer<Float>.allocate(capacity: bRows * bCols)
        let c = UnsafeMutablePointer<Float>.allocate(capacity: s.m * s.n)
        defer { a.deallocate(); b.deallocate(); c.deallocate() }
        for i in 0..<(aRows * aCols) { a[i] = rng.nextUniform() - 0.5 }
        for i in 0..<(bRows * bCols) { b[i] = rng.nextUniform() - 0.5 }
        c.initialize(repeating: 0, count: s.m * s.n)
        let call = {
            BLAS.gemm(transA: s.transA, transB: s.transB, m: s.m, n: s.n, k: s.k,
                      a: a, lda: aCols, b: b, ldb: bCols, c: c, ldc: s.n)
        }
        for _ in 0..<3 { call() }
        return RoundTimes.measure(rounds: 3, secondsPerRound: 0.05, minimumPerRound: 2, call)
    }
}
