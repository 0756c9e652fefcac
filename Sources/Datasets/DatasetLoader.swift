import Shared

/// Loads a `DatasetSource` into memory: the one entry point the worker calls.
///
/// Loading is all-or-nothing and checks every file it reads (magic, sizes, counts, label
/// ranges), so a dataset that loads is whole; a bad file is a `DatasetError` whose description
/// names it.
public enum DatasetLoader {
    /// The version of what the readers produce from a given file. Decoded-dataset caches record
    /// it and are rebuilt when it differs, so **raise it whenever a reader changes the values,
    /// order, shapes or class names it produces** (a cache built by the old reader would
    /// otherwise keep serving the old decoding).
    public static let decoderVersion = 1

    public static func load(_ source: DatasetSource) throws -> Dataset {
        switch source.format {
        case .idx:
            return try IDXReader.load(directory: source.path, name: source.name)
        case .cifar10:
            return try CIFARReader.load(path: source.path, name: source.name, variant: .cifar10)
        case .cifar100:
            return try CIFARReader.load(path: source.path, name: source.name, variant: .cifar100)
        case .digitsCSV:
            return try DigitsCSVReader.load(path: source.path, name: source.name)
        case .synthetic:
            return try SyntheticGenerator.generate(source.synthetic ?? SyntheticDataSpec.defaults, name: source.name)
        case .npz, .npy:
            return try NumPyReader.load(source)
        }
    }

    /// Every file `load(source)` reads, in a fixed order; empty for synthetic data. Missing
    /// files are the same `DatasetError` that `load` would throw.
    public static func sourceFiles(_ source: DatasetSource) throws -> [String] {
        switch source.format {
        case .idx: return try IDXReader.files(directory: source.path)
        case .cifar10: return try CIFARReader.files(path: source.path, variant: .cifar10)
        case .cifar100: return try CIFARReader.files(path: source.path, variant: .cifar100)
        case .digitsCSV: return [try DigitsCSVReader.file(path: source.path)]
        case .synthetic: return []
        case .npz, .npy: return try NumPyReader.files(source)
        }
    }
}
