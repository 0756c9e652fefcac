/// How hard, and under which regularisers, one feature visualisation is optimised.
///
/// The defaults follow Olah et al. (2017, "Feature Visualization") and Lucid's activation-atlas
/// recipe, shrunk to the small images here (28×28 and smaller): a few pixels of jitter are to a
/// 28-pixel image what Lucid's 8–16 are to a 224-pixel one.
public struct VisualisationSettings: Sendable, Equatable {
    /// Adam steps per image.
    public var steps: Int
    /// Independent random starts per target; the one with the best objective at `selectionStep`
    /// is kept.
    public var restarts: Int
    /// The step after which only the best restart of each target (by its objective on the plain
    /// image) is carried on; ≥ `steps` compares the restarts at the end, as Lucid does.
    ///
    /// 128 of 256 steps: a third fewer image-steps (3 × 128 + 128 instead of 3 × 256), the
    /// visualisation about a third faster, for self-consistency within its seed-to-seed spread
    /// (AtlasBenchmark, Fashion-MNIST MLP, atlas seeds 11–15; direction consistency at width
    /// 1024: 0.88/0.87/0.85 against 0.90/0.88/0.86 when compared at the end, seed spread ±0.02;
    /// at width 64 a mean change of −0.004; the neuron sheets unchanged). Comparing at step 64
    /// halves the image-steps but cost 0.03 at width 1024 (0.88/0.84/0.84), at 32 the same;
    /// 128 steps in all cost 0.09.
    public var selectionStep: Int
    /// Adam's step size on the image parameters (spectral coefficients of the pixel logits).
    public var learningRate: Float
    /// k in dot × cos^k for direction targets: how strongly the image must point *along* the
    /// direction rather than merely have a large projection on it (neuron targets use 0).
    public var cosinePower: Float
    /// Largest random translation per step, in whole pixels (drawn from −jitter…jitter on each axis).
    public var jitterPixels: Int
    /// Random zoom factor per step, drawn uniformly from this range.
    public var scaleRange: ClosedRange<Float>
    /// Largest random rotation per step, in degrees either way.
    public var rotationDegrees: Float
    /// Exponent of the 1/f amplitude scaling of the spectral parameterisation: 0 is a plain
    /// (orthonormal, hence pixel-equivalent) basis, 1 makes steps favour low frequencies as
    /// natural images do.
    public var spectrumDecay: Float

    public init(steps: Int = 256, restarts: Int = 3, selectionStep: Int = 128, learningRate: Float = 0.05, cosinePower: Float = 2,
                jitterPixels: Int = 2, scaleRange: ClosedRange<Float> = 0.9...1.1, rotationDegrees: Float = 10,
                spectrumDecay: Float = 1) {
        self.steps = steps
        self.restarts = restarts
        self.selectionStep = selectionStep
        self.learningRate = learningRate
        self.cosinePower = cosinePower
        self.jitterPixels = jitterPixels
        self.scaleRange = scaleRange
        self.rotationDegrees = rotationDegrees
        self.spectrumDecay = spectrumDecay
    }
}
