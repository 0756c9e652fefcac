import COpenBLAS

/// A LAPACK routine reported failure through its `info` argument.
///
/// `info < 0` means argument −info was invalid (a bug in the caller); `info > 0` means the
/// mathematics failed, e.g. a matrix handed to `dpotrf` is not positive definite.
public struct LAPACKError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The Fortran routine that failed, e.g. "dpotrf".
    public let routine: String
    /// The routine's `info` output.
    public let info: Int

    public init(routine: String, info: Int) {
        self.routine = routine
        self.info = info
    }

    public var description: String {
        if info < 0 { return "\(routine): argument \(-info) had an illegal value (info = \(info))" }
        switch routine {
        case "dpotrf":
            return "dpotrf: the matrix is not positive definite (leading minor of order \(info) failed; info = \(info))"
        case "dsyevd", "dsyevr":
            return "\(routine): the eigensolver did not converge (info = \(info))"
        default:
            return "\(routine) failed (info = \(info))"
        }
    }
}

/// Dense symmetric linear algebra in Double: the eigensolvers and the Cholesky solve the
/// hidden-state metrics need (participation, principal directions, ridge reconstruction).
///
/// Matrices are row-major `[Double]`. A symmetric matrix reads the same in either layout, so it
/// goes to Fortran as it is; outputs that are not symmetric are arranged row-major here so that no
/// caller ever sees LAPACK's column-major convention.
public enum LAPACK {
    /// Eigenvalues of a symmetric matrix, largest first, with the matching unit eigenvectors.
    public struct SymmetricEigen: Sendable {
        /// The order of the decomposed matrix.
        public let order: Int
        /// Eigenvalues in descending order.
        public let values: [Double]
        /// Eigenvectors as rows (values.count × order, row-major): row j belongs to `values[j]`.
        public let vectors: [Double]

        /// Eigenvector `j` (a copy; for tests and small loops).
        public func vector(_ j: Int) -> [Double] { Array(vectors[j * order ..< (j + 1) * order]) }
    }

    /// All eigenvalues and eigenvectors of a symmetric `order`×`order` matrix (LAPACK dsyevd).
    ///
    /// Divide and conquer is the fastest dense solver when every vector is wanted. Only the
    /// lower triangle (in row-major terms, the upper) is read. Memory: the matrix plus about two
    /// more of its size of workspace.
    public static func symmetricEigen(_ matrix: consuming [Double], order: Int) throws -> SymmetricEigen {
        precondition(order > 0 && matrix.count == order * order, "\(matrix.count) values for a \(order)×\(order) matrix")
        var a = matrix
        var w = [Double](repeating: 0, count: order)
        var jobz = CChar(UInt8(ascii: "V")), uplo = CChar(UInt8(ascii: "L"))
        var n = Int32(order), lda = Int32(order), info: Int32 = 0
        // Workspace query, then the solve.
        var workSize = 0.0, iworkSize: Int32 = 0, lwork: Int32 = -1, liwork: Int32 = -1
        dsyevd_(&jobz, &uplo, &n, &a, &lda, &w, &workSize, &lwork, &iworkSize, &liwork, &info, 1, 1)
        guard info == 0 else { throw LAPACKError(routine: "dsyevd", info: Int(info)) }
        lwork = Int32(workSize.rounded(.up)); liwork = iworkSize
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevd_(&jobz, &uplo, &n, &a, &lda, &w, &work, &lwork, &iwork, &liwork, &info, 1, 1)
        guard info == 0 else { throw LAPACKError(routine: "dsyevd", info: Int(info)) }
        // Column j of the column-major output is eigenvector j, i.e. row j read row-major;
        // LAPACK sorts ascending, so reverse rows and values to put the largest first.
        a.withUnsafeMutableBufferPointer { v in
            var lo = 0, hi = order - 1
            while lo < hi {
                for c in 0..<order { v.swapAt(lo * order + c, hi * order + c) }
                lo += 1; hi -= 1
            }
        }
        return SymmetricEigen(order: order, values: w.reversed(), vectors: a)
    }

    /// The `count` largest eigenvalues and their eigenvectors of a symmetric matrix (LAPACK dsyevr).
    ///
    /// Cheaper than `symmetricEigen(_:order:)` when `count` is much smaller than `order`: the
    /// tridiagonal reduction is the same, but only `count` vectors are computed and transformed back.
    public static func symmetricEigen(_ matrix: consuming [Double], order: Int, largest count: Int) throws -> SymmetricEigen {
        precondition(order > 0 && matrix.count == order * order, "\(matrix.count) values for a \(order)×\(order) matrix")
        precondition(count >= 1 && count <= order, "asked for \(count) eigenpairs of a \(order)×\(order) matrix")
        var a = matrix
        var jobz = CChar(UInt8(ascii: "V")), range = CChar(UInt8(ascii: "I")), uplo = CChar(UInt8(ascii: "L"))
        var n = Int32(order), lda = Int32(order), ldz = Int32(order)
        var vl = 0.0, vu = 0.0, il = Int32(order - count + 1), iu = Int32(order)
        // The safe minimum: LAPACK's advice for the most accurate eigenvalues (dsyevr's notes).
        var abstol = Double.leastNormalMagnitude
        var found: Int32 = 0, info: Int32 = 0
        var w = [Double](repeating: 0, count: order)
        var z = [Double](repeating: 0, count: order * count)
        var isuppz = [Int32](repeating: 0, count: 2 * count)
        var workSize = 0.0, iworkSize: Int32 = 0, lwork: Int32 = -1, liwork: Int32 = -1
        dsyevr_(&jobz, &range, &uplo, &n, &a, &lda, &vl, &vu, &il, &iu, &abstol, &found, &w, &z, &ldz,
                &isuppz, &workSize, &lwork, &iworkSize, &liwork, &info, 1, 1, 1)
        guard info == 0 else { throw LAPACKError(routine: "dsyevr", info: Int(info)) }
        lwork = Int32(workSize.rounded(.up)); liwork = iworkSize
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevr_(&jobz, &range, &uplo, &n, &a, &lda, &vl, &vu, &il, &iu, &abstol, &found, &w, &z, &ldz,
                &isuppz, &work, &lwork, &iwork, &liwork, &info, 1, 1, 1)
        guard info == 0 else { throw LAPACKError(routine: "dsyevr", info: Int(info)) }
        let m = Int(found)
        // Ascending in w[0..<m] and in the columns of z (rows when read row-major): reverse both.
        var vectors = [Double](repeating: 0, count: m * order)
        for j in 0..<m {
            let src = (m - 1 - j) * order
            for c in 0..<order { vectors[j * order + c] = z[src + c] }
        }
        return SymmetricEigen(order: order, values: w[0..<m].reversed(), vectors: vectors)
    }

    /// Solves A·X = B for a symmetric positive-definite A (`order`×`order`) by Cholesky
    /// factorisation (LAPACK dpotrf, then dpotrs).
    ///
    /// - Parameters:
    ///   - matrix: A, row-major (only one triangle is read).
    ///   - rightHandSides: B, row-major `order` × `columns`.
    /// - Returns: X, row-major `order` × `columns`.
    /// - Throws: `LAPACKError(routine: "dpotrf", info: k)` when A is not positive definite
    ///   (its leading minor of order k is not).
    public static func choleskySolve(_ matrix: consuming [Double], order: Int,
                                     rightHandSides: [Double], columns: Int) throws -> [Double] {
        precondition(order > 0 && matrix.count == order * order, "\(matrix.count) values for a \(order)×\(order) matrix")
        precondition(columns > 0 && rightHandSides.count == order * columns,
                     "\(rightHandSides.count) right-hand-side values for \(order)×\(columns)")
        var a = matrix
        var uplo = CChar(UInt8(ascii: "L"))
        var n = Int32(order), lda = Int32(order), info: Int32 = 0
        dpotrf_(&uplo, &n, &a, &lda, &info, 1)
        guard info == 0 else { throw LAPACKError(routine: "dpotrf", info: Int(info)) }
        // dpotrs wants B column-major (order × columns, leading dimension order): transpose in and out.
        var b = [Double](repeating: 0, count: order * columns)
        for r in 0..<order { for c in 0..<columns { b[c * order + r] = rightHandSides[r * columns + c] } }
        var nrhs = Int32(columns), ldb = Int32(order)
        dpotrs_(&uplo, &n, &nrhs, &a, &lda, &b, &ldb, &info, 1)
        guard info == 0 else { throw LAPACKError(routine: "dpotrs", info: Int(info)) }
        var x = [Double](repeating: 0, count: order * columns)
        for r in 0..<order { for c in 0..<columns { x[r * columns + c] = b[c * order + r] } }
        return x
    }
}

extension BLAS {
    /// C ← alpha·op(A)·op(B) + beta·C on row-major float64 buffers (cblas_dgemm).
    ///
    /// The float32 `gemm` serves training; this one serves the metrics' products of eigenvector
    /// matrices, which LAPACK hands back in Double and which would lose their orthogonality to
    /// 1e-7 if rounded to Float first.
    @inlinable
    public static func gemm(
        transA: Bool = false, transB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Double = 1,
        a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double = 0,
        c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(
            CblasRowMajor,
            transA ? CblasTrans : CblasNoTrans,
            transB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha,
            a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
}

extension BLAS {
    /// The upper triangle of C ← alpha·AᵀA (`transA`, A is `k`×`n`) or alpha·A·Aᵀ (A is `n`×`k`)
    /// plus beta·C, on row-major float32 buffers (cblas_ssyrk); C is `n`×`n`.
    ///
    /// A Gram matrix through gemm computes every entry twice; syrk computes one triangle, half the
    /// flops of the most expensive step of the covariance-based metrics. The lower triangle of C
    /// is left untouched: mirror it if you need it.
    @inlinable
    public static func syrkUpper(
        transA: Bool, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_ssyrk(
            CblasRowMajor, CblasUpper, transA ? CblasTrans : CblasNoTrans,
            blasint(n), blasint(k), alpha, a, blasint(lda), beta, c, blasint(ldc))
    }
}
