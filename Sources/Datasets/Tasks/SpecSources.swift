import Shared

// The spec's data vocabulary in the loader's: the one place a `DatasetSpec` becomes a
// `DatasetSource` and a `LabelSelection` becomes `TaskLabels`, for the worker that loads cells
// and the coordinator that checks a spec's data before leasing any (`SpecDataCheck`).

extension DatasetSource {
    /// The source a spec's dataset declares.
    public init(_ spec: DatasetSpec) {
        let format: DatasetFormat
        switch spec.format {
        case .idx: format = .idx
        case .cifar10: format = .cifar10
        case .cifar100: format = .cifar100
        case .digitsCSV: format = .digitsCSV
        case .synthetic: format = .synthetic
        case .npz: format = .npz
        case .npy: format = .npy
        }
        self.init(name: spec.name, format: format, path: spec.path ?? "", synthetic: spec.synthetic, arrays: spec.arrays)
    }
}

extension TaskLabels {
    /// The labels a spec's class selection asks for from a dataset of `classCount` classes.
    public init(_ selection: LabelSelection, classCount: Int) {
        switch selection {
        case .all: self = .classes(Array(0..<classCount))
        case .classes(let ids): self = .classes(ids)
        case .groups(let groups): self = .groups(groups.map { ClassGroup(name: $0.name, classes: $0.classes) })
        }
    }
}
