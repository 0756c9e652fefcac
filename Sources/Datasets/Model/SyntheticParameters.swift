import Shared

/// The recipe for a generated dataset: one random prototype image per class, and examples that
/// are that prototype plus Gaussian pixel noise.
///
/// Tests need data that is learnable (classes differ), tiny (milliseconds to train), and
/// reproducible (same seed, same bytes) without files on disk.
public struct SyntheticParameters: Sendable, Hashable, Codable {
    public var classes: Int
    public var trainPerClass: Int
    public var testPerClass: Int
    public var height: Int
    public var width: Int
    public var channels: Int
    /// Standard deviation of the per-pixel Gaussian noise, in pixel units (pixels span [0, 1]).
    public var noise: Float
    public var seed: UInt64

    /// The defaults are the spec's (`SyntheticDataSpec`, docs/spec.md §3), so a dataset written
    /// `{format: synthetic}` and one built here without arguments are the same data.
    public init(classes: Int = SyntheticDataSpec.defaults.classes,
                trainPerClass: Int = SyntheticDataSpec.defaults.trainPerClass,
                testPerClass: Int = SyntheticDataSpec.defaults.testPerClass,
                height: Int = SyntheticDataSpec.defaults.height, width: Int = SyntheticDataSpec.defaults.width,
                channels: Int = SyntheticDataSpec.defaults.channels, noise: Float = Float(SyntheticDataSpec.defaults.noise),
                seed: UInt64 = SyntheticDataSpec.defaults.seed) {
        self.init(SyntheticDataSpec(classes: classes, trainPerClass: trainPerClass, testPerClass: testPerClass,
                                    height: height, width: width, channels: channels, noise: Double(noise), seed: seed))
    }

    /// The generator's recipe for a spec's synthetic dataset (the noise as the engine's Float).
    public init(_ spec: SyntheticDataSpec) {
        classes = spec.classes
        trainPerClass = spec.trainPerClass
        testPerClass = spec.testPerClass
        height = spec.height
        width = spec.width
        channels = spec.channels
        noise = Float(spec.noise)
        seed = spec.seed
    }
}
