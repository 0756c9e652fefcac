import Engine

/// A whole dataset as loaded from disk: its official train and test sets and its class names.
///
/// Tasks (class subsets, groupings, validation splits) are views built from this by
/// `TaskBuilder`; the dataset itself stays exactly what the files hold, so every task of one
/// dataset is cut from the same data.
public struct Dataset: Sendable {
    /// The name the dataset was loaded under (`DatasetSource.name`), used in error messages.
    public let name: String
    public let shape: ImageShape
    /// The name of each class, indexed by label.
    public let classNames: [String]
    public let train: ImageSet
    public let test: ImageSet
    /// Mean and population standard deviation of every training pixel: the one scale every task
    /// of the dataset is standardised with (`TaskBuilder`). Computed once per load — 47 M floats
    /// for Fashion-MNIST, ~0.06 s — instead of once per task built, and stored in the decoded
    /// cache file so a cell that maps it computes nothing.
    public let trainPixelMoments: PixelMoments

    /// `trainPixelMoments` nil computes them from `train` (a cache file passes its stored ones).
    public init(name: String, shape: ImageShape, classNames: [String], train: ImageSet, test: ImageSet,
                trainPixelMoments: PixelMoments? = nil) {
        precondition(train.shape == shape && test.shape == shape, "train/test shapes differ from \(shape)")
        self.name = name
        self.shape = shape
        self.classNames = classNames
        self.train = train
        self.test = test
        self.trainPixelMoments = trainPixelMoments ?? PixelMoments(train.images)
    }

    public var classCount: Int { classNames.count }
}
