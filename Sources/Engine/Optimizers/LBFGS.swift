/// Limited-memory BFGS: minimises a smooth function of a Double vector from its value and gradient.
///
/// The transfer metric fits a multinomial logistic regression to convergence (docs/metrics.md); its
/// objective is smooth and strictly convex, so a quasi-Newton method with a Wolfe line search
/// reaches the optimum in tens to hundreds of gradient evaluations where SGD would need a learning
/// rate, a schedule and thousands of passes. This is the algorithm of Nocedal & Wright, *Numerical
/// Optimization* (2nd ed.): the two-loop recursion (Alg. 7.4) with the initial Hessian scaled by
/// sᵀy/yᵀy (eq. 7.20), and a strong-Wolfe line search with bracketing and safeguarded cubic
/// interpolation (Alg. 3.5/3.6, eq. 3.59) — the method scipy's L-BFGS-B applies to unbounded
/// problems, which is what scikit-learn's `LogisticRegression(solver="lbfgs")` calls. Two
/// additions: Hager & Zhang's approximate Wolfe test, so that a search near the optimum does not
/// fail on rounding error in f (`Options.valueNoise`), and an optional preconditioner M ≈ ∇²f
/// used as the initial inverse Hessian.
///
/// The objective is evaluated only through a caller's closure that returns f and writes ∇f; all
/// work buffers are allocated once per `minimize` call.
public enum LBFGS {
    /// How hard to work and when to stop.
    public struct Options: Sendable, Equatable {
        /// Correction pairs kept (m). 10 is the usual choice (scipy's default); more rarely helps.
        public var history: Int
        /// Outer iterations (accepted steps) before giving up.
        public var maxIterations: Int
        /// Objective-and-gradient evaluations before giving up (line-search trials included).
        public var maxEvaluations: Int
        /// Converged when ‖∇f‖∞ ≤ gradientTolerance · max(1, |f|): absolute for objectives of
        /// order one or below (a mean loss), relative for large ones. scikit-learn's `tol` is the
        /// absolute version of the same test (scipy's `gtol`).
        public var gradientTolerance: Double
        /// Also converged when an accepted step lowers f by at most
        /// objectiveTolerance · max(|f_k|, |f_k+1|, 1) (scipy's `ftol`). 0 disables the test.
        /// Useful when f is computed in reduced precision and its decrease drowns in rounding.
        public var objectiveTolerance: Double
        /// Relative accuracy of computed f values. Where a trial f is within valueNoise·|f| of the
        /// start, the line search trusts slopes over values (Hager & Zhang's approximate Wolfe
        /// conditions); see `lineSearch`. Set it near the objective's rounding error: ~1e-10 for
        /// Double arithmetic, larger when f is accumulated from Float32 parts.
        public var valueNoise: Double
        /// Trial steps per line search before it is declared failed.
        public var maxLineSearchSteps: Int
        /// Sufficient-decrease constant c₁ of the Wolfe conditions (Nocedal & Wright's 1e-4).
        public var armijo: Double
        /// Curvature constant c₂ of the strong Wolfe conditions; 0.9 suits quasi-Newton steps.
        public var curvature: Double

        public init(history: Int = 10, maxIterations: Int = 1000, maxEvaluations: Int = 20_000,
                    gradientTolerance: Double = 1e-6, objectiveTolerance: Double = 0,
                    valueNoise: Double = 1e-10, maxLineSearchSteps: Int = 25,
                    armijo: Double = 1e-4, curvature: Double = 0.9) {
            precondition(history >= 1 && maxIterations >= 0 && maxEvaluations >= 1 && maxLineSearchSteps >= 1,
                         "L-BFGS needs history ≥ 1, maxEvaluations ≥ 1, maxLineSearchSteps ≥ 1")
            precondition(0 < armijo && armijo < curvature && curvature < 1, "need 0 < armijo < curvature < 1")
            self.history = history
            self.maxIterations = maxIterations
            self.maxEvaluations = maxEvaluations
            self.gradientTolerance = gradientTolerance
            self.objectiveTolerance = objectiveTolerance
            self.valueNoise = valueNoise
            self.maxLineSearchSteps = maxLineSearchSteps
            self.armijo = armijo
            self.curvature = curvature
        }
    }

    /// Why `minimize` stopped.
    public enum StopReason: String, Sendable, Equatable {
        /// ‖∇f‖∞ fell below the gradient tolerance (converged).
        case gradientTolerance
        /// An accepted step lowered f by less than the objective tolerance (converged).
        case objectiveTolerance
        /// The iteration budget ran out first.
        case maxIterations
        /// The evaluation budget ran out first.
        case maxEvaluations
        /// No step along the search direction, nor along steepest descent, lowered f: usually the
        /// point is already optimal to the precision f is computed in, or the gradient is wrong.
        case lineSearchFailed
        /// f or ∇f was NaN or infinite at the starting point, so there is nowhere to go from.
        case nonFiniteObjective
    }

    /// The best point found and how the search went.
    public struct Result: Sendable {
        /// The minimiser found (the last accepted point; never a point with a non-finite value).
        public var x: [Double]
        /// f(x).
        public var f: Double
        /// ‖∇f(x)‖∞.
        public var gradientNorm: Double
        /// Accepted steps.
        public var iterations: Int
        /// Calls of the objective, line-search trials included.
        public var evaluations: Int
        /// True when a convergence test (gradient or objective tolerance) stopped the search.
        public var converged: Bool
        public var reason: StopReason
    }

    /// Minimises `objective` from `x0`.
    ///
    /// `objective(x, gradient)` returns f(x) and writes ∇f(x) into `gradient` (same length as x).
    /// A NaN or infinite value or gradient at a trial point is treated as "step too long": the line
    /// search shrinks towards the last good point; at the starting point it ends the search with
    /// `.nonFiniteObjective`.
    ///
    /// `preconditioner`, if given, replaces its argument v by M⁻¹v for a fixed-or-slowly-varying
    /// symmetric positive-definite M that approximates the Hessian. It becomes the initial inverse
    /// Hessian H₀ = γM⁻¹ of the two-loop recursion (γ = sᵀy / yᵀM⁻¹y), which is L-BFGS in the
    /// variables M^½x (Nocedal & Wright §7.2). On an ill-conditioned problem whose curvature M
    /// captures it saves iterations in proportion (with M exact, a quadratic takes one); the softmax
    /// fit's Kronecker model halves them. Without one, M = I.
    public static func minimize(
        _ x0: [Double], options: Options = Options(),
        preconditioner: ((UnsafeMutableBufferPointer<Double>) -> Void)? = nil,
        objective: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Double
    ) -> Result {
        let n = x0.count
        let w = Workspace(dimension: n, history: options.history)
        defer { w.deallocate() }
        _ = w.x.update(fromContentsOf: x0)

        var evaluations = 0
        /// f and ∇f at `point` into `gradient`; NaN when either is non-finite.
        func evaluate(_ point: UnsafeMutableBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>) -> Double {
            evaluations += 1
            let value = objective(UnsafeBufferPointer(point), gradient)
            guard value.isFinite, gradient.allSatisfy(\.isFinite) else { return .nan }
            return value
        }
        func result(_ f: Double, _ iterations: Int, _ reason: StopReason) -> Result {
            let converged = reason == .gradientTolerance || reason == .objectiveTolerance
            return Result(x: Array(w.x), f: f, gradientNorm: infinityNorm(w.g), iterations: iterations,
                          evaluations: evaluations, converged: converged, reason: reason)
        }

        var f = evaluate(w.x, w.g)
        guard f.isFinite else { return result(f, 0, .nonFiniteObjective) }
        var stored = 0, newest = -1   // correction pairs held, and the ring slot of the newest
        var iterations = 0
        var steepestRetry = false      // the current direction is −∇f after a failed search

        while true {
            if infinityNorm(w.g) <= options.gradientTolerance * max(1, abs(f)) {
                return result(f, iterations, .gradientTolerance)
            }
            if iterations >= options.maxIterations { return result(f, iterations, .maxIterations) }
            if evaluations >= options.maxEvaluations { return result(f, iterations, .maxEvaluations) }

            // Search direction d = −H∇f by the two-loop recursion; −∇f when there is no history.
            w.direction(stored: stored, newest: newest, preconditioner: preconditioner)
            var slope = dot(w.g, w.d)
            if !(slope < 0) {
                // Rounding (or a preconditioner that is not positive definite) can make H·∇f point
                // uphill on a nearly flat objective: forget the history and use −∇f.
                stored = 0
                for i in 0..<n { w.d[i] = -w.g[i] }
                slope = dot(w.g, w.d)
            }
            // First step (or after a reset) moves x by at most unit length; later steps try the
            // quasi-Newton step, whose scale the history already carries — as does a
            // preconditioned first step, M⁻¹∇f being a Newton step for the model M.
            let initialStep = stored == 0 && preconditioner == nil ? min(1, 1 / norm2(w.g)) : 1
            let search = lineSearch(w, f: f, slope: slope, initialStep: initialStep, options: options,
                                    evaluationsLeft: options.maxEvaluations - evaluations, evaluate: evaluate)
            guard let accepted = search else {
                if evaluations >= options.maxEvaluations { return result(f, iterations, .maxEvaluations) }
                // Retry once along steepest descent with the history dropped; fail if that fails too.
                if stored == 0 || steepestRetry { return result(f, iterations, .lineSearchFailed) }
                stored = 0
                steepestRetry = true
                continue
            }
            steepestRetry = false
            iterations += 1

            // New correction pair s = x₊ − x, y = ∇f₊ − ∇f, kept only if sᵀy > 0 (the curvature the
            // BFGS update needs; the strong Wolfe conditions guarantee it for accepted full searches).
            // It replaces the oldest pair only once accepted, so a rejected one corrupts nothing.
            var sy = 0.0, yy = 0.0
            for i in 0..<n {
                let si = w.xTrial[i] - w.x[i], yi = w.gTrial[i] - w.g[i]
                sy += si * yi
                yy += yi * yi
            }
            if sy > 1e-12 * yy && yy > 0 {
                let slot = (newest + 1) % options.history
                let s = w.s(slot), y = w.y(slot)
                for i in 0..<n {
                    s[i] = w.xTrial[i] - w.x[i]
                    y[i] = w.gTrial[i] - w.g[i]
                }
                w.rho[slot] = 1 / sy
                newest = slot
                stored = min(stored + 1, options.history)
            }
            let decrease = f - accepted
            _ = w.x.update(fromContentsOf: w.xTrial)
            _ = w.g.update(fromContentsOf: w.gTrial)
            let previous = f
            f = accepted
            if options.objectiveTolerance > 0,
               decrease <= options.objectiveTolerance * max(abs(previous), abs(f), 1) {
                return result(f, iterations, .objectiveTolerance)
            }
        }
    }

    // MARK: Line search

    /// One point on the search line: step length, f, and the slope ∇fᵀd there.
    private struct LinePoint {
        var step: Double
        var f: Double
        var slope: Double
    }

    /// A step satisfying the (strong or approximate) Wolfe conditions along `w.d`, or nil.
    ///
    /// On success `w.xTrial`/`w.gTrial` hold the new point and its gradient and the new f is
    /// returned. If the curvature condition is never met but a step that lowered f was seen, that
    /// step is returned (the caller skips a pair with sᵀy ≤ 0); nil means no step lowered f.
    ///
    /// Nocedal & Wright Alg. 3.5 (bracketing) and 3.6 (zoom) folded into one loop: `low` is the
    /// best acceptable step so far, `high` (once found) the other end of a bracket known to contain
    /// an acceptable step. Near the optimum the decrease the Armijo test asks for sinks below the
    /// rounding error of f, and a pure Wolfe search fails exactly when it should be finishing. So,
    /// as in Hager & Zhang's CG_DESCENT (2005), a step whose f is within `valueNoise`·|f| of the
    /// start is judged by slopes instead: it is accepted if the curvature condition holds (the
    /// "approximate Wolfe" conditions; for a quadratic they are equivalent to Armijo's), and such
    /// points move the bracket by the sign of their slope, not by their noisy value.
    private static func lineSearch(
        _ w: Workspace, f f0: Double, slope slope0: Double, initialStep: Double, options: Options,
        evaluationsLeft: Int,
        evaluate: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Double
    ) -> Double? {
        let n = w.x.count
        let noise = options.valueNoise * abs(f0)
        var low = LinePoint(step: 0, f: f0, slope: slope0)
        var high: LinePoint?
        var step = initialStep
        var lowSaved = false   // w.xLow/gLow hold the point at low.step > 0

        for _ in 0..<min(options.maxLineSearchSteps, evaluationsLeft) {
            for i in 0..<n { w.xTrial[i] = w.x[i] + step * w.d[i] }
            let value = evaluate(w.xTrial, w.gTrial)
            if !value.isFinite {
                // Overflow or a log of zero: the step is too long. Shrink hard towards `low`.
                high = LinePoint(step: step, f: .infinity, slope: .nan)
                step = low.step + 0.1 * (step - low.step)
                continue
            }
            let slope = dot(w.gTrial, w.d)
            let point = LinePoint(step: step, f: value, slope: slope)
            let sufficientDecrease = value <= f0 + options.armijo * step * slope0
            let withinNoise = value <= f0 + noise
            let flat = abs(slope) <= -options.curvature * slope0
            if flat && (sufficientDecrease || withinNoise) { return value }
            // Good enough to become `low`: a clear decrease below the current `low`, or (when
            // values are indistinguishable from the start) a point from which f still descends.
            let better = (sufficientDecrease && value < low.f) || (withinNoise && slope < 0)
            if better {
                // If the slope turned upwards past the old `low`, the old `low` bounds the bracket
                // from the other side (N&W Alg. 3.6: αhi ← αlo when φ′(αj)(αhi − αlo) ≥ 0).
                if let h = high {
                    if slope * (h.step - step) >= 0 { high = low }
                } else if slope >= 0 {
                    high = low
                }
                low = point
                _ = w.xLow.update(fromContentsOf: w.xTrial)
                _ = w.gLow.update(fromContentsOf: w.gTrial)
                lowSaved = true
            } else {
                high = point
            }
            guard let h = high else {
                step *= 4   // still going downhill with sufficient decrease: extrapolate
                continue
            }
            let width = abs(h.step - low.step)
            if width <= 1e-14 * max(h.step, low.step) { break }
            step = interpolate(low, h, noise: noise)
        }
        guard lowSaved, low.f < f0 else { return nil }
        _ = w.xTrial.update(fromContentsOf: w.xLow)
        _ = w.gTrial.update(fromContentsOf: w.gLow)
        return low.f
    }

    /// Minimiser of the cubic through two line points (values and slopes), kept at least a tenth of
    /// the bracket away from either end so the bracket always shrinks (Nocedal & Wright eq. 3.59).
    /// When the two values differ by no more than their noise, the cubic would be fitted to
    /// rounding error; the secant on the slopes (exact for a quadratic) is used instead.
    private static func interpolate(_ a: LinePoint, _ b: LinePoint, noise: Double) -> Double {
        let lower = min(a.step, b.step), upper = max(a.step, b.step)
        let margin = 0.1 * (upper - lower)
        let bisection = 0.5 * (a.step + b.step)
        guard b.f.isFinite, b.slope.isFinite else { return bisection }
        if abs(a.f - b.f) <= noise {
            guard a.slope < 0 ? b.slope > 0 : b.slope < 0 else { return bisection }
            let secant = (a.step * b.slope - b.step * a.slope) / (b.slope - a.slope)
            return secant.isFinite ? min(max(secant, lower + margin), upper - margin) : bisection
        }
        let d1 = a.slope + b.slope - 3 * (a.f - b.f) / (a.step - b.step)
        let radicand = d1 * d1 - a.slope * b.slope
        guard radicand >= 0 else { return bisection }
        let d2 = (b.step > a.step ? 1.0 : -1.0) * radicand.squareRoot()
        let candidate = b.step - (b.step - a.step) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
        guard candidate.isFinite else { return bisection }
        return min(max(candidate, lower + margin), upper - margin)
    }

    // MARK: Buffers and vector helpers

    /// Every buffer one minimisation needs, allocated once. A struct of pointers (not a class)
    /// so that `minimize` owns it outright and frees it on return.
    private struct Workspace {
        let x, g, d, xTrial, gTrial, xLow, gLow, scratch: UnsafeMutableBufferPointer<Double>
        /// Correction pairs, `history` rows of length n each (a ring buffer), and 1/sᵀy per pair.
        let sStore, yStore: UnsafeMutableBufferPointer<Double>
        let rho, alpha: UnsafeMutableBufferPointer<Double>
        let dimension, history: Int

        init(dimension n: Int, history m: Int) {
            dimension = n
            history = m
            func zeros(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
                let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(count, 1))
                buffer.initialize(repeating: 0)
                return UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
            }
            x = zeros(n); g = zeros(n); d = zeros(n)
            xTrial = zeros(n); gTrial = zeros(n); xLow = zeros(n); gLow = zeros(n); scratch = zeros(n)
            sStore = zeros(n * m); yStore = zeros(n * m)
            rho = zeros(m); alpha = zeros(m)
        }

        func deallocate() {
            for buffer in [x, g, d, xTrial, gTrial, xLow, gLow, scratch, sStore, yStore, rho, alpha] {
                buffer.baseAddress?.deallocate()
            }
        }

        func s(_ slot: Int) -> UnsafeMutablePointer<Double> { sStore.baseAddress.unsafelyUnwrapped + slot * dimension }
        func y(_ slot: Int) -> UnsafeMutablePointer<Double> { yStore.baseAddress.unsafelyUnwrapped + slot * dimension }

        /// d = −H·g by the two-loop recursion over the `stored` newest pairs (Alg. 7.4), with
        /// H₀ = γM⁻¹ (M = I without a preconditioner).
        func direction(stored: Int, newest: Int, preconditioner: ((UnsafeMutableBufferPointer<Double>) -> Void)?) {
            let n = dimension
            for i in 0..<n { d[i] = -g[i] }
            guard stored > 0 else {
                preconditioner?(d)
                return
            }
            for back in 0..<stored {
                let slot = (newest - back + history) % history
                let s = self.s(slot), y = self.y(slot)
                var a = 0.0
                for i in 0..<n { a += s[i] * d[i] }
                a *= rho[slot]
                alpha[slot] = a
                for i in 0..<n { d[i] -= a * y[i] }
            }
            // γ = sᵀy / yᵀM⁻¹y of the newest pair (eq. 7.20 in the metric M).
            let yNewest = y(newest)
            var yMy = 0.0
            if let preconditioner {
                for i in 0..<n { scratch[i] = yNewest[i] }
                preconditioner(scratch)
                for i in 0..<n { yMy += yNewest[i] * scratch[i] }
                preconditioner(d)
            } else {
                for i in 0..<n { yMy += yNewest[i] * yNewest[i] }
            }
            let gamma = 1 / (rho[newest] * yMy)
            for i in 0..<n { d[i] *= gamma }
            for forward in 0..<stored {
                let slot = (newest - (stored - 1) + forward + history) % history
                let s = self.s(slot), y = self.y(slot)
                var b = 0.0
                for i in 0..<n { b += y[i] * d[i] }
                b *= rho[slot]
                let coefficient = alpha[slot] - b
                for i in 0..<n { d[i] += coefficient * s[i] }
            }
        }
    }

    private static func dot(_ a: UnsafeMutableBufferPointer<Double>, _ b: UnsafeMutableBufferPointer<Double>) -> Double {
        var sum = 0.0
        for i in 0..<a.count { sum += a[i] * b[i] }
        return sum
    }

    private static func norm2(_ a: UnsafeMutableBufferPointer<Double>) -> Double { dot(a, a).squareRoot() }

    private static func infinityNorm(_ a: UnsafeMutableBufferPointer<Double>) -> Double {
        var largest = 0.0
        for v in a { largest = max(largest, abs(v)) }
        return largest
    }
}
