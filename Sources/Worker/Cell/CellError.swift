import Shared

/// Why a cell could not run, beyond errors of the data loader and the engine (which pass through).
enum CellError: Error, CustomStringConvertible {
    /// The requested task is not declared under `tasks` in the spec.
    case unknownTask(String, known: [String])
    /// A task names a dataset the spec does not declare (the spec parser normally catches this).
    case unknownDataset(String)
    /// A target's images differ in shape from the source's, so the frozen network cannot read them.
    case incompatibleTarget(String, shape: String, source: String)

    var description: String {
        switch self {
        case let .unknownTask(name, known):
            return "no task named '\(name)' in the spec (tasks: \(known.joined(separator: ", ")))"
        case let .unknownDataset(name):
            return "no dataset named '\(name)' in the spec"
        case let .incompatibleTarget(name, shape, source):
            return "target '\(name)' has \(shape) images but the network was trained on \(source); a target must use images of the source's shape"
        }
    }
}
