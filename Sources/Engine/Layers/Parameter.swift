/// A trainable tensor with its gradient and the per-parameter learning-rate multiplier that the
/// parameterization (standard or μP) assigned to it.
public final class Parameter {
    /// Human-readable name, e.g. "dense2.weight"; used in gradient checks and error messages.
    public let name: String
    public let value: Matrix
    /// Gradient of the mean batch loss; overwritten (not accumulated) by each backward pass.
    public let gradient: Matrix
    /// Multiplies the optimizer's learning rate for this tensor (1 under standard parameterization).
    public var learningRateScale: Float = 1
    /// Whether weight decay applies: weights yes, biases no (the usual convention).
    public let decays: Bool

    public init(name: String, rows: Int, cols: Int, decays: Bool) {
        self.name = name
        value = Matrix(rows: rows, cols: cols)
        gradient = Matrix(rows: rows, cols: cols)
        self.decays = decays
    }

    /// Number of scalars.
    public var count: Int { value.count }
}
