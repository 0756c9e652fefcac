import Shared

/// Where and how to load a dataset: what a sweep spec's dataset entry maps onto.
public struct DatasetSource: Sendable, Hashable, Codable {
    /// Names the dataset in errors and reports (e.g. "fashion-mnist").
    public var name: String
    public var format: DatasetFormat
    /// A directory for IDX, CIFAR and `.npy` files; the archive for `.npz`; for digits, the CSV
    /// file or a directory holding `digits.csv.gz` (or `digits.csv`). Ignored for synthetic data.
    public var path: String
    /// Parameters for `.synthetic`, the spec's own type; `nil` means `SyntheticDataSpec.defaults`.
    public var synthetic: SyntheticDataSpec?
    /// The arrays' names for `.npz` and `.npy`; `nil` means `NumPyArrayNames.defaults`.
    public var arrays: NumPyArrayNames?

    public init(name: String, format: DatasetFormat, path: String = "", synthetic: SyntheticDataSpec? = nil,
                arrays: NumPyArrayNames? = nil) {
        self.name = name
        self.format = format
        self.path = path
        self.synthetic = synthetic
        self.arrays = arrays
    }

    /// The arrays' names a NumPy source reads (defaults filled in); nil for other formats.
    public var numPyArrays: NumPyArrayNames? {
        format == .npz || format == .npy ? arrays ?? .defaults : nil
    }

    /// Fashion-MNIST where Debian's `dataset-fashion-mnist` package installs it.
    public static let fashionMNIST = DatasetSource(
        name: "fashion-mnist", format: .idx, path: "/usr/share/datasets/fashion-mnist")
}
