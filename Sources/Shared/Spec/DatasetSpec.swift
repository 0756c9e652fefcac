/// One named data source of a sweep: where its images come from and in what format.
///
/// Tasks refer to datasets by name; a cell's key includes the full source of every dataset its
/// task uses (not the name), so renaming a dataset re-runs nothing and moving its files does.
public struct DatasetSpec: Codable, Sendable, Hashable {
    /// File formats the data loader reads, plus a generator for tests.
    public enum Format: String, Codable, Sendable, Hashable, CaseIterable {
        /// MNIST-style IDX files (`train-images-idx3-ubyte[.gz]` …) in the directory `path`.
        case idx
        /// CIFAR-10 binary batches in the directory `path`.
        case cifar10
        /// CIFAR-100 binary files in the directory `path` (fine labels).
        case cifar100
        /// scikit-learn's `digits.csv.gz` (8×8 images, 64 values then the label per row) at `path`.
        case digitsCSV = "digits-csv"
        /// A NumPy `.npz` archive at `path` holding the arrays `arrays` names.
        case npz
        /// A directory `path` holding one `.npy` file per array `arrays` names.
        case npy
        /// Images generated from `synthetic` parameters; no files.
        case synthetic
    }

    /// The key under `datasets`.
    public var name: String
    public var format: Format
    /// Absolute, normalised file or directory path; nil exactly when `format` is `.synthetic`.
    /// A relative path in the YAML is taken relative to the spec file's directory.
    public var path: String?
    /// Generator parameters; non-nil exactly when `format` is `.synthetic`.
    public var synthetic: SyntheticDataSpec?
    /// The arrays' names; non-nil exactly when `format` is `.npz` or `.npy`.
    public var arrays: NumPyArrayNames?

    public init(name: String, format: Format, path: String? = nil, synthetic: SyntheticDataSpec? = nil,
                arrays: NumPyArrayNames? = nil) {
        self.name = name
        self.format = format
        self.path = path
        self.synthetic = synthetic
        self.arrays = arrays ?? (format == .npz || format == .npy ? .defaults : nil)
    }

    static let keys = ["format", "path", "arrays"] + SyntheticDataSpec.keys

    /// Reads `datasets.<name>`; relative paths are resolved against `baseDirectory`.
    static func parse(name: String, node: SpecNode, baseDirectory: String) throws -> DatasetSpec {
        let mapping = try node.mapping(allowing: keys)
        let formatNode = try mapping.required("format")
        let formatName = try formatNode.choice(Format.allCases.map(\.rawValue))
        guard let format = Format(rawValue: formatName) else { throw formatNode.mismatch("a dataset format") }
        if format != .npz && format != .npy {
            try mapping.forbid("arrays", because: "arrays applies only to formats npz and npy")
        }
        if format == .synthetic {
            try mapping.forbid("path", because: "path does not apply to format synthetic (its images are generated)")
            return DatasetSpec(name: name, format: format, synthetic: try SyntheticDataSpec.parse(mapping))
        }
        for key in SyntheticDataSpec.keys {
            try mapping.forbid(key, because: "\(key) applies only to format synthetic")
        }
        let pathNode = try mapping.required("path")
        let raw = try pathNode.string("a file or directory path")
        guard !raw.isEmpty else { throw pathNode.mismatch("a file or directory path") }
        let arrays = try mapping.optional("arrays").map(NumPyArrayNames.parse)
        return DatasetSpec(name: name, format: format, path: FilePath.absolute(raw, base: baseDirectory), arrays: arrays)
    }

    /// The source as it enters a cell key: everything that decides which images and labels load.
    var canonical: CanonicalJSON {
        var members: [String: CanonicalJSON] = ["format": .string(format.rawValue)]
        if let path { members["path"] = .string(path) }
        if let synthetic { members.merge(synthetic.canonical) { _, new in new } }
        if let arrays { members["arrays"] = arrays.canonical }
        return .object(members)
    }
}
