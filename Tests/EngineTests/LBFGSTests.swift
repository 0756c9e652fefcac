import Glibc
import Testing
@testable import Engine

/// The L-BFGS minimiser on textbook problems whose minima are known exactly.
@Suite struct LBFGSTests {
    /// Extended Rosenbrock (Moré, Garbow & Hillstrom 1981, problem 21): independent 2-D Rosenbrock
    /// valleys on pairs (x₂ᵢ₋₁, x₂ᵢ); the unique minimum is all ones with f = 0. (The chained
    /// variant is avoided on purpose: it has a second local minimum near (−1, 1, …, 1).)
    static func rosenbrock(_ x: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) -> Double {
        var f = 0.0
        for i in stride(from: 0, to: x.count, by: 2) {
            let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
            f += 100 * a * a + b * b
            g[i] = -400 * a * x[i] - 2 * b
            g[i + 1] = 200 * a
        }
        return f
    }

    /// The classic start (−1.2, 1) repeated, as in Moré, Garbow & Hillstrom.
    static func rosenbrockStart(_ n: Int) -> [Double] { (0..<n).map { $0 % 2 == 0 ? -1.2 : 1 } }

    @Test func rosenbrockInTwoDimensionsConvergesToTheKnownMinimum() {
        let result = LBFGS.minimize(Self.rosenbrockStart(2), options: LBFGS.Options(gradientTolerance: 1e-9),
                                    objective: Self.rosenbrock)
        #expect(result.converged)
        #expect(result.reason == .gradientTolerance)
        #expect(result.x.allSatisfy { abs($0 - 1) < 1e-6 })
        #expect(result.f < 1e-12)
        // The textbook count for BFGS-type methods from this start is a few dozen iterations.
        #expect(result.iterations < 100)
    }

    @Test func rosenbrockInTenDimensionsConvergesToTheKnownMinimum() {
        let result = LBFGS.minimize(Self.rosenbrockStart(10), options: LBFGS.Options(gradientTolerance: 1e-9),
                                    objective: Self.rosenbrock)
        #expect(result.converged)
        #expect(result.x.allSatisfy { abs($0 - 1) < 1e-6 })
        #expect(result.f < 1e-12)
        #expect(result.iterations < 200)
    }

    /// f(x) = ½ xᵀAx − bᵀx with A = QΛQᵀ, eigenvalues spread evenly over [1, `condition`].
    struct Quadratic {
        let n: Int
        let a: [Double]
        let b: [Double]
        /// A⁻¹ = QΛ⁻¹Qᵀ, for the preconditioner test.
        let inverse: [Double]
        init(n: Int, seed: UInt64, condition: Double = 100) {
            self.n = n
            var rng = RandomStream(seed: seed)
            // Q from Gram–Schmidt on a random matrix (columns orthonormal).
            var q = (0..<n * n).map { _ in Double(rng.nextNormal()) }
            for c in 0..<n {
                for p in 0..<c {
                    var projection = 0.0
                    for r in 0..<n { projection += q[r * n + c] * q[r * n + p] }
                    for r in 0..<n { q[r * n + c] -= projection * q[r * n + p] }
                }
                var norm = 0.0
                for r in 0..<n { norm += q[r * n + c] * q[r * n + c] }
                for r in 0..<n { q[r * n + c] /= norm.squareRoot() }
            }
            let eigenvalues = (0..<n).map { 1 + (condition - 1) * Double($0) / Double(n - 1) }
            var a = [Double](repeating: 0, count: n * n), inverse = a
            for i in 0..<n {
                for j in 0..<n {
                    var sum = 0.0, inverseSum = 0.0
                    for k in 0..<n {
                        sum += q[i * n + k] * eigenvalues[k] * q[j * n + k]
                        inverseSum += q[i * n + k] / eigenvalues[k] * q[j * n + k]
                    }
                    a[i * n + j] = sum
                    inverse[i * n + j] = inverseSum
                }
            }
            self.a = a
            self.inverse = inverse
            b = (0..<n).map { _ in Double(rng.nextNormal()) }
        }

        func callAsFunction(_ x: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) -> Double {
            var f = 0.0
            for i in 0..<n {
                var ax = 0.0
                for j in 0..<n { ax += a[i * n + j] * x[j] }
                g[i] = ax - b[i]
                f += 0.5 * x[i] * ax - b[i] * x[i]
            }
            return f
        }

        /// ‖Ax − b‖∞: the gradient at x, zero at the minimiser A⁻¹b.
        func residual(_ x: [Double]) -> Double {
            (0..<n).map { i in abs((0..<n).reduce(0.0) { $0 + a[i * n + $1] * x[$1] } - b[i]) }.max() ?? 0
        }
    }

    /// With exact line searches L-BFGS on a quadratic makes the same steps as conjugate gradients
    /// and ends in n iterations. A tight curvature constant (c₂ = 0.1) makes the search nearly
    /// exact — its cubic/secant step is exact on a quadratic — so about n iterations must suffice
    /// (12 when written, from ‖∇f‖ ≈ 1 down to 1e-10). With the loose default c₂ = 0.9 the unit
    /// step is usually accepted as is and the same problem takes about three times as many.
    @Test func convexQuadraticConvergesInAboutAsManyIterationsAsDimensions() {
        let n = 10
        let quadratic = Quadratic(n: n, seed: 5)
        let result = LBFGS.minimize([Double](repeating: 0, count: n),
                                    options: LBFGS.Options(history: n, gradientTolerance: 1e-10, curvature: 0.1),
                                    objective: quadratic.callAsFunction)
        #expect(result.converged)
        #expect(quadratic.residual(result.x) < 1e-8)
        #expect(result.iterations <= n + 5, "took \(result.iterations) iterations")
    }

    /// With M = A the preconditioned first step −A⁻¹∇f is the Newton step, which lands on the
    /// minimiser of a quadratic however badly it is conditioned (here 10⁶), where plain L-BFGS
    /// needs many iterations.
    @Test func preconditionerEqualToTheHessianSolvesAQuadraticInOneStep() {
        let n = 20
        let quadratic = Quadratic(n: n, seed: 6, condition: 1e6)
        let options = LBFGS.Options(gradientTolerance: 1e-9)
        let plain = LBFGS.minimize([Double](repeating: 0, count: n), options: options, objective: quadratic.callAsFunction)
        let preconditioned = LBFGS.minimize([Double](repeating: 0, count: n), options: options, preconditioner: { v in
            let copy = Array(v)
            for i in 0..<n { v[i] = (0..<n).reduce(0.0) { $0 + quadratic.inverse[i * n + $1] * copy[$1] } }
        }, objective: quadratic.callAsFunction)
        #expect(preconditioned.converged)
        #expect(quadratic.residual(preconditioned.x) < 1e-8)
        #expect(preconditioned.iterations <= 2)
        #expect(plain.iterations > 10 * preconditioned.iterations)
    }

    @Test func nonFiniteObjectiveAtTheStartStopsWithoutConverging() {
        let result = LBFGS.minimize([1, 2]) { _, g in
            g[0] = 0; g[1] = 0
            return .nan
        }
        #expect(!result.converged)
        #expect(result.reason == .nonFiniteObjective)
        #expect(result.evaluations == 1)
    }

    @Test func nonFiniteGradientAtTheStartStopsWithoutConverging() {
        let result = LBFGS.minimize([1]) { _, g in
            g[0] = .infinity
            return 0
        }
        #expect(!result.converged)
        #expect(result.reason == .nonFiniteObjective)
    }

    /// f(x) = x − log x has its minimum at x = 1 and is NaN for x < 0, −log 0 = ∞ at 0: a long first
    /// step from x = 10 lands in the undefined region and must be pulled back, not crash.
    @Test func undefinedRegionsAlongTheLineAreBackedOutOf() {
        let result = LBFGS.minimize([10], options: LBFGS.Options(gradientTolerance: 1e-10)) { x, g in
            g[0] = 1 - 1 / x[0]
            return x[0] - Glibc.log(x[0])
        }
        #expect(result.converged)
        #expect(abs(result.x[0] - 1) < 1e-8)
    }

    /// f(x) = −x up to x = 5 and NaN beyond: no minimum exists, so the search must end unconverged
    /// at a finite point with a finite value.
    @Test func objectiveWithoutAMinimumEndsUnconvergedAtAFinitePoint() {
        let result = LBFGS.minimize([0]) { x, g in
            g[0] = -1
            return x[0] <= 5 ? -x[0] : .nan
        }
        #expect(!result.converged)
        #expect(result.f.isFinite && result.x[0].isFinite && result.x[0] <= 5)
    }

    @Test func iterationBudgetIsRespectedAndReported() {
        let result = LBFGS.minimize(Self.rosenbrockStart(2), options: LBFGS.Options(maxIterations: 3),
                                    objective: Self.rosenbrock)
        #expect(!result.converged)
        #expect(result.reason == .maxIterations)
        #expect(result.iterations == 3)
    }

    @Test func startingAtTheMinimumTakesNoSteps() {
        let result = LBFGS.minimize([1, 1], objective: Self.rosenbrock)
        #expect(result.converged)
        #expect(result.iterations == 0)
        #expect(result.evaluations == 1)
    }
}
