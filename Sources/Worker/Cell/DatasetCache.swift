import Datasets
import Shared

/// Keeps loaded datasets in memory by name, so the many cells a worker runs load each file once.
final class DatasetCache: @unchecked Sendable {
    // A worker runs its cells on one thread; the cache is never shared across threads.
    private var loaded: [String: Dataset] = [:]

    func dataset(named name: String, in spec: SweepSpec) throws -> Dataset {
        if let dataset = loaded[name] { return dataset }
        guard let declared = spec.dataset(named: name) else { throw CellError.unknownDataset(name) }
        let dataset = try DatasetLoader.load(SpecTranslation.source(declared))
        loaded[name] = dataset
        return dataset
    }
}
