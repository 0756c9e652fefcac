/// The image found for one visualisation target.
public struct VisualisedInput: Sendable, Equatable {
    /// Pixels in [0, 1], height × width × channels row-major (channels fastest): displayable as is.
    public var pixels: [Float]
    /// The target's objective for these pixels as they are (no jitter, scale or rotation).
    public var objective: Double

    public init(pixels: [Float], objective: Double) {
        self.pixels = pixels
        self.objective = objective
    }
}
