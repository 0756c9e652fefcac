/// Which arrays of a NumPy dataset (`format: npz` or `npy`, docs/spec.md §3) hold what: the
/// `arrays` mapping of the dataset. In an `.npz` file they are member names (without `.npy`); in
/// an `npy` directory, file names (`<name>.npy`).
///
/// The defaults are what `np.savez(path, x_train=…, y_train=…, x_test=…, y_test=…)` writes, the
/// names Keras's dataset loaders return.
public struct NumPyArrayNames: Codable, Sendable, Hashable {
    /// Training images: N×H×W or N×H×W×C, uint8 (scaled by 1/255) or float32 (used as they are).
    public var xTrain = "x_train"
    /// Training labels: N integers ≥ 0.
    public var yTrain = "y_train"
    public var xTest = "x_test"
    public var yTest = "y_test"
    /// Optional: one name per class, a 1-D array of strings; absent, classes are "class 0", ….
    public var classNames = "class_names"

    public init() {}

    public static let defaults = NumPyArrayNames()

    static let keys = ["x_train", "y_train", "x_test", "y_test", "class_names"]

    /// Reads the `arrays` mapping, each name defaulted when absent.
    static func parse(_ node: SpecNode) throws -> NumPyArrayNames {
        let mapping = try node.mapping(allowing: keys)
        var names = NumPyArrayNames()
        func name(_ key: String) throws -> String? {
            guard let value = mapping.optional(key) else { return nil }
            let text = try value.string("an array name")
            // A name becomes a member or file name: no path separators, nothing empty.
            guard !text.isEmpty, !text.contains("/"), text != ".", text != ".." else {
                throw value.mismatch("an array name without '/'", got: text)
            }
            return text
        }
        if let n = try name("x_train") { names.xTrain = n }
        if let n = try name("y_train") { names.yTrain = n }
        if let n = try name("x_test") { names.xTest = n }
        if let n = try name("y_test") { names.yTest = n }
        if let n = try name("class_names") { names.classNames = n }
        let all = [names.xTrain, names.yTrain, names.xTest, names.yTest, names.classNames]
        if let repeated = all.first(where: { name in all.filter { $0 == name }.count > 1 }) {
            throw node.mismatch("five different array names", got: "\(repeated) used twice")
        }
        return names
    }

    /// Members merged into the dataset's canonical object (every name, defaults filled in).
    var canonical: CanonicalJSON {
        .object(["x_train": .string(xTrain), "y_train": .string(yTrain), "x_test": .string(xTest),
                 "y_test": .string(yTest), "class_names": .string(classNames)])
    }

    enum CodingKeys: String, CodingKey {
        case xTrain = "x_train", yTrain = "y_train", xTest = "x_test", yTest = "y_test", classNames = "class_names"
    }
}
