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

    public init(name: String, shape: ImageShape, classNames: [String], train: ImageSet, test: ImageSet) {
        precondition(train.shape == shape && test.shape == shape, "train/test shapes differ from \(shape)")
        self.name = name
        self.shape = shape
        self.classNames = classNames
        self.train = train
        self.test = test
    }

    public var classCount: Int { classNames.count }
}
