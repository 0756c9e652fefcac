import Glibc

/// Updates parameters from their gradients. State (momentum, moments) is allocated at init.
public final class Optimizer {
    public let config: OptimizerConfig
    private let parameters: [Parameter]
    /// SGD: velocity. Adam: first moment.
    private let firstState: [Matrix]
    /// Adam: second moment (empty for SGD).
    private let secondState: [Matrix]
    private var stepCount = 0

    public init(config: OptimizerConfig, parameters: [Parameter]) {
        self.config = config
        self.parameters = parameters
        firstState = parameters.map { Matrix(rows: $0.value.rows, cols: $0.value.cols) }
        if case .adam = config.kind {
            secondState = parameters.map { Matrix(rows: $0.value.rows, cols: $0.value.cols) }
        } else {
            secondState = []
        }
    }

    /// Applies one update with base learning rate `learningRate` (the schedule's value).
    public func step(learningRate: Float) {
        stepCount += 1
        switch config.kind {
        case .sgd(let momentum):
            for (i, p) in parameters.enumerated() {
                let lr = learningRate * p.learningRateScale
                let decay = p.decays ? config.weightDecay : 0
                let w = p.value.base, g = p.gradient.base, v = firstState[i].base
                for j in 0..<p.count {
                    let d = g[j] + decay * w[j]
                    v[j] = momentum * v[j] + d
                    w[j] -= lr * v[j]
                }
            }
        case .adam(let beta1, let beta2, let epsilon):
            // Bias corrections folded into the step size, as in the Adam paper's Algorithm 1 note.
            let t = Float(stepCount)
            let correction1 = 1 - powf(beta1, t), correction2 = 1 - powf(beta2, t)
            for (i, p) in parameters.enumerated() {
                let lr = learningRate * p.learningRateScale
                let decay: Float = p.decays ? 1 - lr * config.weightDecay : 1
                let stepSize = lr / correction1
                let rootCorrection2 = correction2.squareRoot()
                let w = p.value.base, g = p.gradient.base
                let m = firstState[i].base, v = secondState[i].base
                for j in 0..<p.count {
                    m[j] = beta1 * m[j] + (1 - beta1) * g[j]
                    v[j] = beta2 * v[j] + (1 - beta2) * g[j] * g[j]
                    let denominator = v[j].squareRoot() / rootCorrection2 + epsilon
                    w[j] = w[j] * decay - stepSize * m[j] / denominator
                }
            }
        }
    }
}
