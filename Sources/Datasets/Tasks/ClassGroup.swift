/// A named set of a dataset's classes that a task treats as one label (e.g. Fashion-MNIST's
/// "footwear" = {5 sandal, 7 sneaker, 9 ankle boot}).
///
/// A struct rather than a `(name, classes)` tuple so `TaskLabels` can be `Hashable`.
public struct ClassGroup: Sendable, Hashable, Codable {
    public var name: String
    /// Class ids of the dataset, in any order.
    public var classes: [Int]

    public init(name: String, classes: [Int]) {
        self.name = name
        self.classes = classes
    }
}
