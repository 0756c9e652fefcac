/// The on-disk formats `DatasetLoader` reads; the raw value is how a sweep spec names it.
public enum DatasetFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// LeCun's IDX files (MNIST, Fashion-MNIST), raw or gzipped:
    /// `{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]` in one directory.
    case idx
    /// The CIFAR-10 binary version: `data_batch_1…5.bin` and `test_batch.bin`.
    case cifar10
    /// The CIFAR-100 binary version: `train.bin` and `test.bin`, fine labels.
    case cifar100
    /// scikit-learn's 8×8 digits, `digits.csv.gz`.
    case digitsCSV = "digits-csv"
    /// Generated in memory from a `SyntheticDataSpec`; no files.
    case synthetic
    /// NumPy arrays in one `.npz` archive (`NumPyReader`).
    case npz
    /// NumPy arrays in a directory of `.npy` files (`NumPyReader`).
    case npy
}
