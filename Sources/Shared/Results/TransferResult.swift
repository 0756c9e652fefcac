/// Last-layer fine-tuning on one target task at one labelled-examples budget (docs/metrics.md): a fresh
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
    /// The same readouts through K principal components, when the spec sets
    /// `transfer.equal_dimension` (engine ≥ 0.4.0); nil otherwise.
    public var equalDimension: EqualDimensionReadouts?

    public init(target: String, budget: String, examples: Int, trained: ReadoutFit, control: ReadoutFit,
                equalDimension: EqualDimensionReadouts? = nil) {
        self.target = target
        self.budget = budget
        self.examples = examples
        self.trained = trained
        self.control = control
        self.equalDimension = equalDimension
    }

    /// Trained minus control accuracy: the part of transfer that training, not width alone, bought.
    public var gain: Double { trained.accuracy - control.accuracy }
}

/// One fitted readout: its test accuracy and how it was fitted.
public struct ReadoutFit: Codable, Sendable, Equatable {
    /// How a readout's L2 strength was chosen.
    public static let crossValidation = "cross-validation"
    public static let validationSplit = "validation split"

    /// Accuracy on the target's test split.
    public var accuracy: Double
    /// L2 strength chosen (see `selection`).
    public var l2: Double
    /// How `l2` was chosen: `crossValidation` on the budget's own examples (a budget of k per
    /// class), or `validationSplit` on the target's validation split (the `all` budget).
    public var selection: String
    /// The accuracy the choice was made on: the mean held-out accuracy across the folds, or the
    /// validation-split accuracy, at the chosen strength.
    public var selectionAccuracy: Double
    /// Cross-validation folds; nil for the validation split.
    public var folds: Int?
    /// The chosen strength is the strongest tried (after extending the grid upward) or the
    /// weakest grid value: the best strength may lie outside the grid, and the report warns.
    public var l2AtGridEdge: Bool
    /// Whether L-BFGS met its tolerance before the iteration cap.
    public var converged: Bool

    public init(accuracy: Double, l2: Double, selection: String, selectionAccuracy: Double, folds: Int?,
                l2AtGridEdge: Bool, converged: Bool) {
        self.accuracy = accuracy
        self.l2 = l2
        self.selection = selection
        self.selectionAccuracy = selectionAccuracy
        self.folds = folds
        self.l2AtGridEdge = l2AtGridEdge
        self.converged = converged
    }
}

/// The equal-dimension control of one target and budget: each network's readout fitted on the
/// top-`dimension` principal components of its own training examples' features (fitted on those
/// examples alone), on the same examples and by the same procedure as the full-width readout.
public struct EqualDimensionReadouts: Codable, Sendable, Equatable {
    /// K, the components every width is read through (`transfer.equal_dimension`).
    public var dimension: Int
    /// Components each network's features actually had: K, or fewer when they vary along fewer
    /// directions (dead or duplicated units), in which case the readout used all of them.
    public var trainedComponents: Int
    public var controlComponents: Int
    public var trained: ReadoutFit
    public var control: ReadoutFit

    public init(dimension: Int, trainedComponents: Int, controlComponents: Int, trained: ReadoutFit, control: ReadoutFit) {
        self.dimension = dimension
        self.trainedComponents = trainedComponents
        self.controlComponents = controlComponents
        self.trained = trained
        self.control = control
    }
}
