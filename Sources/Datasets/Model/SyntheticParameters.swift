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

    /// Defaults give 4 classes of 8×8 grey images, 100 train and 25 test per class: a few
    /// milliseconds of training for a small MLP. A noise of 0.3 keeps single pixels ambiguous
    /// while whole images stay clearly separable, so accuracy rises well above chance but not
    /// instantly to 100 %.
    public init(classes: Int = 4, trainPerClass: Int = 100, testPerClass: Int = 25,
                height: Int = 8, width: Int = 8, channels: Int = 1, noise: Float = 0.3, seed: UInt64 = 0) {
        self.classes = classes
        self.trainPerClass = trainPerClass
        self.testPerClass = testPerClass
        self.height = height
        self.width = width
        self.channels = channels
        self.noise = noise
        self.seed = seed
    }
}
