/// What to maximise in the penultimate layer: (a · whitened) × max(cosFloor, cos(a, direction))^cosinePower.
///
/// This is Lucid's `direction_neuron_cossim` objective as used for activation atlases (Carter et
/// al. 2019): the dot product with the *whitened* direction rewards moving along the direction
/// where activations rarely go, instead of along the few high-variance directions every input
/// already excites; the cosine factor makes the image point along the direction rather than just
/// project strongly onto it. The cosine is floored (at `VisualisationObjective.cosineFloor`) so
/// an image that starts orthogonal to the direction still gets a gradient from the dot product.
public struct VisualisationTarget: Sendable, Equatable {
    /// The direction v in feature space; length = the network's `featureWidth`.
    public var direction: [Float]
    /// The vector the activation is dotted with, usually `Whitening.apply(direction)`; same length.
    public var whitened: [Float]
    /// k in dot × cos^k; 0 turns the objective into a plain dot product.
    public var cosinePower: Float
    /// When this target's restarts are compared, overriding `VisualisationSettings.selectionStep`
    /// (nil: the settings' step). A target whose best restart is settled early can drop the
    /// others early.
    public var selectionStep: Int?

    public init(direction: [Float], whitened: [Float], cosinePower: Float, selectionStep: Int? = nil) {
        precondition(direction.count == whitened.count,
                     "direction has \(direction.count) values, whitened \(whitened.count)")
        self.direction = direction
        self.whitened = whitened
        self.cosinePower = cosinePower
        self.selectionStep = selectionStep
    }

    /// A single unit: objective = activation of `unit` (one-hot direction and whitened vector, power 0).
    public static func neuron(_ unit: Int, featureWidth: Int) -> VisualisationTarget {
        precondition(unit >= 0 && unit < featureWidth, "unit \(unit) outside 0..<\(featureWidth)")
        var oneHot = [Float](repeating: 0, count: featureWidth)
        oneHot[unit] = 1
        return VisualisationTarget(direction: oneHot, whitened: oneHot, cosinePower: 0)
    }
}
