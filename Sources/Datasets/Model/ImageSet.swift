import Engine

/// Decoded images with their labels, as every reader produces them.
///
/// Pixels are `value / maxValue`, so in [0, 1] whatever the file's integer range (255 for IDX
/// and CIFAR, 16 for the scikit-learn digits), stored NHWC (channels fastest) because that is
/// the layout the engine's convolutions expect.
public struct ImageSet: Sendable {
    /// `count × shape.count` floats, image after image.
    public let images: PixelBuffer
    /// One label per image, in 0..<the dataset's class count.
    public let labels: [Int32]
    public let shape: ImageShape

    /// Builds a set; images and labels must agree (a programming error otherwise, not bad input:
    /// readers check file contents before they get here).
    public init(images: [Float], labels: [Int32], shape: ImageShape) {
        self.init(pixels: PixelBuffer(images), labels: labels, shape: shape)
    }

    /// Builds a set on pixels that may live in a mapped cache file.
    public init(pixels: PixelBuffer, labels: [Int32], shape: ImageShape) {
        precondition(shape.count > 0 && pixels.count == labels.count * shape.count,
                     "\(pixels.count) floats do not make \(labels.count) images of \(shape)")
        self.images = pixels
        self.labels = labels
        self.shape = shape
    }

    public var count: Int { labels.count }

    /// How many images carry each label, indexed by label (labels must lie in 0..<classCount).
    public func countPerClass(_ classCount: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels where label >= 0 && Int(label) < classCount { counts[Int(label)] += 1 }
        return counts
    }
}
