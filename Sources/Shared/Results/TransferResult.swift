/// Last-layer fine-tuning on one target task at one labelled-examples budget (DESIGN §6): a fresh
/// softmax readout fitted on the frozen penultimate features of the trained network, and the
/// same on the untrained network of the same width and seed, with the same examples.
public struct TransferResult: Codable, Sendable, Equatable {
    /// Target name under the task's `targets`.
    public var target: String
    /// Labelled examples per class ("10", "100") or "all".
    public var budget: String
    /// Labelled examples the readout was fitted on (fewer than budget × classes when a class
    /// has fewer training examples than the budget).
    public var examples: Int
    public var trained: ReadoutFit
    /// The random-features control: the same fit on the untrained network.
    public var control: ReadoutFit

    public init(target: String, budget: String, examples: Int, trained: ReadoutFit, control: ReadoutFit) {
        self.target = target
        self.budget = budget
        self.examples = examples
        self.trained = trained
        self.control = control
    }

    /// Trained minus control accuracy: the part of transfer that training, not width alone, bought.
    public var gain: Double { trained.accuracy - control.accuracy }
}

/// One fitted readout: its test accuracy and how it was fitted.
public struct ReadoutFit: Codable, Sendable, Equatable {
    /// Accuracy on the target's test split.
    public var accuracy: Double
    /// L2 strength chosen on the target's validation split.
    public var l2: Double
    /// Accuracy on the validation split at that strength.
    public var validationAccuracy: Double
    /// Whether L-BFGS met its tolerance before the iteration cap.
    public var converged: Bool

    public init(accuracy: Double, l2: Double, validationAccuracy: Double, converged: Bool) {
        self.accuracy = accuracy
        self.l2 = l2
        self.validationAccuracy = validationAccuracy
        self.converged = converged
    }
}
