import Engine

/// A task ready for the engine: train, validation and test splits on the same input scale.
public struct TaskData: Sendable {
    /// Name of each task label, indexed by label.
    public let classNames: [String]
    public let shape: ImageShape
    public let train: TaskSplit
    /// Held out from the dataset's train set; the stopping rule watches accuracy on this split.
    public let validation: TaskSplit
    /// From the dataset's test set; only reported, never used to decide anything.
    public let test: TaskSplit
    /// Mean and standard deviation of all the dataset's training pixels, subtracted and divided
    /// out of every feature (see `TaskBuilder`).
    public let pixelMean: Float
    public let pixelStandardDeviation: Float

    public init(classNames: [String], shape: ImageShape, train: TaskSplit, validation: TaskSplit, test: TaskSplit,
                pixelMean: Float, pixelStandardDeviation: Float) {
        self.classNames = classNames
        self.shape = shape
        self.train = train
        self.validation = validation
        self.test = test
        self.pixelMean = pixelMean
        self.pixelStandardDeviation = pixelStandardDeviation
    }

    public var classCount: Int { classNames.count }
}
