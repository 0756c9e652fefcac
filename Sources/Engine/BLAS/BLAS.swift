import COpenBLAS

/// The engine's only door to OpenBLAS: every matrix product in widthsweep goes through `gemm`.
public enum BLAS {
    /// C ← alpha·op(A)·op(B) + beta·C on row-major float32 buffers (cblas_sgemm).
    /// `m`×`n` is the shape of C and `k` the shared dimension; leading dimensions are row strides.
    @inlinable
    public static func gemm(
        transA: Bool = false, transB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor,
            transA ? CblasTrans : CblasNoTrans,
            transB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha,
            a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    /// Threads OpenBLAS uses for every call in this process (process-global state).
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(newValue)) }
    }

    /// The kernel family OpenBLAS picked at load time, e.g. "Haswell", "SkylakeX", "Prescott".
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The build configuration string (version, threading model, maximum threads).
    public static var configuration: String {
        guard let config = openblas_get_config() else { return "unknown" }
        return String(cString: config)
    }
}
