import Datasets
import Shared

/// Keeps loaded datasets in memory by name, so a cell whose source and target tasks share a
/// dataset loads it once; with `files`, loading maps the worker's decoded-dataset cache files
/// (shared by all the cell processes of a worker) instead of decoding.
final class DatasetCache: @unchecked Sendable {
    // A worker runs its cells on one thread; the cache is never shared across threads.
    private var loaded: [String: Dataset] = [:]
    private let files: DatasetFileCache?
    private let log: (String) -> Void

    init(files: DatasetFileCache? = nil, log: @escaping (String) -> Void = { _ in }) {
        self.files = files
        self.log = log
    }

    func dataset(named name: String, in spec: SweepSpec) throws -> Dataset {
        if let dataset = loaded[name] { return dataset }
        guard let declared = spec.dataset(named: name) else { throw CellError.unknownDataset(name) }
        let source = DatasetSource(declared)
        let dataset = try files.map { try $0.load(source, log: log) } ?? DatasetLoader.load(source)
        loaded[name] = dataset
        return dataset
    }
}
