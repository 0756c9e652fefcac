/// The network family of a sweep.
public enum Architecture: Hashable, Sendable {
    /// `depth` hidden layers of `width` units each, ReLU, then a linear readout.
    case mlp(depth: Int)
    /// Three 3×3 convolutions with width, 2·width and 4·width channels (ReLU; 2×2 max-pool after
    /// the first two), global average pooling, then a linear readout. `width` is the channel
    /// multiplier, so the penultimate layer has 4·width features.
    case cnn
}

/// Everything that fixes a network's shape and initial scale.
public struct ModelConfig: Hashable, Sendable {
    public var architecture: Architecture
    public var inputShape: ImageShape
    public var classes: Int
    public var width: Int
    public var parameterization: Parameterization
    /// Width at which μP coincides with the standard parameterization (learning rates are tuned
    /// there). Irrelevant under `.standard`.
    public var baseWidth: Int

    public init(architecture: Architecture, inputShape: ImageShape, classes: Int, width: Int,
                parameterization: Parameterization, baseWidth: Int) {
        self.architecture = architecture
        self.inputShape = inputShape
        self.classes = classes
        self.width = width
        self.parameterization = parameterization
        self.baseWidth = baseWidth
    }

    /// width / baseWidth, the μP scaling factor m.
    public var widthMultiplier: Double { Double(width) / Double(baseWidth) }
}
