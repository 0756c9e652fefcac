import Glibc

/// The smooth curve 1 / (1 + a·d^(2b)) by which UMAP turns layout distances d into
/// memberships, fitted to the offset exponential the user asks for: 1 up to `minDistance`,
/// then exp(−(d − minDistance)/spread). umap-learn's `find_ab_params`.
///
/// umap-learn fits by scipy's `curve_fit` (MINPACK's Levenberg–Marquardt) on 300 points spread
/// over [0, 3·spread] from a = b = 1; this is the same least-squares problem solved by
/// Levenberg–Marquardt with the analytic Jacobian, so both land on the same minimum
/// (a ≈ 1.5769, b ≈ 0.8951 for spread 1, minDistance 0.1).
struct LayoutCurve: Equatable {
    let a: Double
    let b: Double

    /// Sample points of the fit, as in umap-learn.
    static let samples = 300

    init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    /// Fits a and b; `spread` > 0 and 0 ≤ `minDistance` ≤ `spread` (the settings check).
    init(spread: Double, minDistance: Double) {
        let xs = (0..<Self.samples).map { 3 * spread * Double($0) / Double(Self.samples - 1) }
        let ys = xs.map { $0 < minDistance ? 1 : exp(-($0 - minDistance) / spread) }
        // Residuals rᵢ = f(xᵢ) − yᵢ and the Jacobian rows (∂f/∂a, ∂f/∂b), with x^(2b)·ln x → 0
        // at x = 0.
        func evaluate(_ a: Double, _ b: Double) -> (cost: Double, jtj: [Double], jtr: [Double]) {
            var cost = 0.0, jtj = [0.0, 0.0, 0.0], jtr = [0.0, 0.0]
            for (x, y) in zip(xs, ys) {
                let power = x > 0 ? pow(x, 2 * b) : 0
                let denominator = 1 + a * power
                let r = 1 / denominator - y
                let da = -power / (denominator * denominator)
                let db = x > 0 ? -a * power * 2 * log(x) / (denominator * denominator) : 0
                cost += r * r
                jtj[0] += da * da; jtj[1] += da * db; jtj[2] += db * db
                jtr[0] += da * r; jtr[1] += db * r
            }
            return (cost, jtj, jtr)
        }
        var a = 1.0, b = 1.0, damping = 1e-3
        var current = evaluate(a, b)
        for _ in 0..<500 {
            // Solve (JᵀJ + λ·diag JᵀJ) δ = −Jᵀr (Marquardt's scaling).
            let m00 = current.jtj[0] * (1 + damping), m11 = current.jtj[2] * (1 + damping), m01 = current.jtj[1]
            let determinant = m00 * m11 - m01 * m01
            guard determinant > 0 else { damping *= 10; continue }
            let da = -(m11 * current.jtr[0] - m01 * current.jtr[1]) / determinant
            let db = -(m00 * current.jtr[1] - m01 * current.jtr[0]) / determinant
            let trial = evaluate(a + da, b + db)
            if trial.cost < current.cost, a + da > 0, b + db > 0 {
                a += da; b += db
                current = trial
                damping = max(damping / 10, 1e-12)
                if abs(da) <= 1e-12 * a && abs(db) <= 1e-12 * b { break }  // converged to rounding
            } else {
                // No downhill step even when damped to a tiny gradient step: at the minimum.
                damping *= 10
                if damping > 1e12 { break }
            }
        }
        self.a = a
        self.b = b
    }
}
