/// Loads a `DatasetSource` into memory: the one entry point the worker calls.
///
/// Loading is all-or-nothing and checks every file it reads (magic, sizes, counts, label
/// ranges), so a dataset that loads is whole; a bad file is a `DatasetError` whose description
/// names it.
public enum DatasetLoader {
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
            return try SyntheticGenerator.generate(source.synthetic ?? SyntheticParameters(), name: source.name)
        }
    }
}
