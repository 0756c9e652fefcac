/// Parameters of the synthetic dataset: Gaussian noise around one random prototype image per
/// class, so tests get a learnable task with known structure and no files.
public struct SyntheticDataSpec: Codable, Sendable, Hashable {
    /// Number of classes. Default 4: enough for a split task (2 → 2) or two coarse groups.
    public var classes: Int
    /// Training images per class. Default 200: a tiny MLP fits it in well under a second.
    public var trainPerClass: Int
    /// Test images per class. Default 100: enough that test accuracy moves in 1% steps or finer.
    public var testPerClass: Int
    /// Image height in pixels. Default 8, the size of scikit-learn's digits.
    public var height: Int
    /// Image width in pixels. Default 8.
    public var width: Int
    /// Channels per pixel. Default 1 (grey); 3 exercises the CNN's colour input path.
    public var channels: Int
    /// Standard deviation of the per-pixel Gaussian noise added to a class prototype whose pixels
    /// have unit variance. Default 1.0: classes overlap, so accuracy is informative, not 100%.
    public var noise: Double
    /// Seed of the generator (prototypes and noise), independent of the sweep seed so the data
    /// stays put when the sweep seed changes. Default 0.
    public var seed: UInt64

    public init(classes: Int = 4, trainPerClass: Int = 200, testPerClass: Int = 100, height: Int = 8,
                width: Int = 8, channels: Int = 1, noise: Double = 1.0, seed: UInt64 = 0) {
        self.classes = classes
        self.trainPerClass = trainPerClass
        self.testPerClass = testPerClass
        self.height = height
        self.width = width
        self.channels = channels
        self.noise = noise
        self.seed = seed
    }

    /// Every key at its default: the one place the synthetic dataset's defaults live (the
    /// generator in Datasets reads this type itself).
    public static let defaults = SyntheticDataSpec()

    static let keys = ["classes", "train_per_class", "test_per_class", "height", "width", "channels",
                       "noise", "seed"]

    /// Reads the synthetic keys of a dataset mapping, each defaulted when absent.
    static func parse(_ mapping: SpecMapping) throws -> SyntheticDataSpec {
        var spec = SyntheticDataSpec()
        let positive = "a positive integer"
        if let node = mapping.optional("classes") {
            spec.classes = try node.integer("an integer ≥ 2", where: { $0 >= 2 })
        }
        if let node = mapping.optional("train_per_class") { spec.trainPerClass = try node.integer(positive) { $0 > 0 } }
        if let node = mapping.optional("test_per_class") { spec.testPerClass = try node.integer(positive) { $0 > 0 } }
        if let node = mapping.optional("height") { spec.height = try node.integer(positive) { $0 > 0 } }
        if let node = mapping.optional("width") { spec.width = try node.integer(positive) { $0 > 0 } }
        if let node = mapping.optional("channels") { spec.channels = try node.integer(positive) { $0 > 0 } }
        if let node = mapping.optional("noise") { spec.noise = try node.number("a number ≥ 0") { $0 >= 0 } }
        if let node = mapping.optional("seed") { spec.seed = try node.unsigned64("an integer in 0…2^64-1") }
        return spec
    }

    /// Members merged into the dataset's canonical object.
    var canonical: [String: CanonicalJSON] {
        [
            "classes": .int(classes), "train_per_class": .int(trainPerClass),
            "test_per_class": .int(testPerClass), "height": .int(height), "width": .int(width),
            "channels": .int(channels), "noise": .number(noise),
            "seed": .unsigned(seed),
        ]
    }

    enum CodingKeys: String, CodingKey {
        case classes, trainPerClass = "train_per_class", testPerClass = "test_per_class", height, width,
             channels, noise, seed
    }
}
