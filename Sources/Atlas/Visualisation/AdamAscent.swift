import Engine
import Glibc

/// Adam (β1 0.9, β2 0.999, ε 1e-8) climbing a batch of image parameters, one row per image.
///
/// Separate from the engine's optimisers, which descend `Parameter`s of a network: here the
/// variables are a plain matrix whose rows start and stop with each chunk of targets.
final class AdamAscent {
    static let beta1: Float = 0.9
    static let beta2: Float = 0.999
    static let epsilon: Float = 1e-8

    let learningRate: Float
    /// m and v, one row per image, in the layout of the parameters they step.
    let firstMoment: Matrix
    let secondMoment: Matrix
    private(set) var steps = 0

    init(learningRate: Float, rows: Int, cols: Int) {
        self.learningRate = learningRate
        firstMoment = Matrix(rows: rows, cols: cols)
        secondMoment = Matrix(rows: rows, cols: cols)
    }

    /// Forgets the moments: the next step is the first for `rows` fresh images.
    func reset(rows: Int) {
        firstMoment.rows = rows
        secondMoment.rows = rows
        firstMoment.zero()
        secondMoment.zero()
        steps = 0
    }

    /// Continues `rows` images that have taken `steps` steps, with the moments the caller has
    /// put back into `firstMoment` and `secondMoment`.
    func resume(rows: Int, steps: Int) {
        precondition(steps >= 0, "cannot resume at step \(steps)")
        firstMoment.rows = rows
        secondMoment.rows = rows
        self.steps = steps
    }

    /// parameters += step along the bias-corrected m/√v of `gradient` (ascent: the gradient's sign).
    func step(_ parameters: Matrix, gradient: Matrix) {
        precondition(gradient.count == firstMoment.count && parameters.cols == firstMoment.cols,
                     "Adam state for \(firstMoment.rows) rows, gradient has \(gradient.rows)")
        steps += 1
        let b1 = Self.beta1, b2 = Self.beta2, eps = Self.epsilon
        let correction1 = 1 - pow(b1, Float(steps)), correction2 = 1 - pow(b2, Float(steps))
        let rate = learningRate * correction2.squareRoot() / correction1
        let p = parameters.base, g = gradient.base, m = firstMoment.base, v = secondMoment.base
        for i in 0..<gradient.count {
            let gi = g[i]
            m[i] = b1 * m[i] + (1 - b1) * gi
            v[i] = b2 * v[i] + (1 - b2) * gi * gi
            p[i] += rate * m[i] / (v[i].squareRoot() + eps)
        }
    }
}
