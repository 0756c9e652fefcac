import Testing
@testable import Engine

/// Minimisations run in lockstep (one batched evaluation per round) are the minimisations run alone.
@Suite struct LBFGSLockstepTests {
    /// Problem i: Rosenbrock valleys stretched by (1 + i), so the problems take different numbers
    /// of evaluations and finish at different rounds.
    static func problem(_ i: Int, _ x: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) -> Double {
        let stretch = Double(1 + i)
        let f = LBFGSTests.rosenbrock(x, g)
        for j in 0..<g.count { g[j] *= stretch }
        return f * stretch
    }

    @Test func eachProblemEndsBitForBitWhereItEndsAlone() {
        let starts = (0..<4).map { i in (0..<6).map { j in j % 2 == 0 ? -1.2 - 0.1 * Double(i) : 1.0 } }
        let options = LBFGS.Options(gradientTolerance: 1e-8)
        var batches: [[Int]] = []
        var evaluated = [Int](repeating: 0, count: starts.count)
        let lockstep = LBFGS.minimizeInLockstep(starts, options: options,
                                                preconditioners: starts.map { _ in nil }) { problems, points, gradients in
            batches.append(problems)
            return problems.indices.map { slot in
                evaluated[problems[slot]] += 1
                return Self.problem(problems[slot], points[slot], gradients[slot])
            }
        }
        for (i, start) in starts.enumerated() {
            let alone = LBFGS.minimize(start, options: options) { Self.problem(i, $0, $1) }
            #expect(lockstep[i].x.map(\.bitPattern) == alone.x.map(\.bitPattern), "problem \(i)")
            #expect(lockstep[i].f == alone.f && lockstep[i].iterations == alone.iterations)
            #expect(lockstep[i].evaluations == alone.evaluations && evaluated[i] == alone.evaluations)
            #expect(alone.converged)
        }
        // One evaluation per unfinished problem per round, problems in ascending order, and a problem
        // that finished is never asked again.
        #expect(batches.count == evaluated.max())
        #expect(batches.allSatisfy { $0 == $0.sorted() && !$0.isEmpty })
        #expect(zip(batches, batches.dropFirst()).allSatisfy { Set($1).isSubset(of: Set($0)) })
        #expect(Set(evaluated).count > 1, "the problems should finish at different rounds: \(evaluated)")
    }

    @Test func preconditionersServeTheirOwnProblem() {
        // Separable quadratics ½Σ cᵢⱼ xⱼ²: with the exact Hessian as preconditioner the first step
        // lands on the minimum; with another problem's it would not.
        let curvatures = [[1.0, 100, 10_000], [5.0, 0.5, 50]]
        let preconditioners = curvatures.map { c in
            Optional({ (v: UnsafeMutableBufferPointer<Double>) in for j in 0..<v.count { v[j] /= c[j] } })
        }
        let results = LBFGS.minimizeInLockstep(curvatures.map { _ in [1, 1, 1] },
                                               options: LBFGS.Options(gradientTolerance: 1e-10),
                                               preconditioners: preconditioners) { problems, points, gradients in
            problems.indices.map { slot in
                let c = curvatures[problems[slot]]
                var f = 0.0
                for j in 0..<3 {
                    gradients[slot][j] = c[j] * points[slot][j]
                    f += 0.5 * c[j] * points[slot][j] * points[slot][j]
                }
                return f
            }
        }
        for result in results {
            #expect(result.converged && result.iterations == 1, "\(result)")
            #expect(result.x.allSatisfy { abs($0) < 1e-12 })
        }
    }
}
