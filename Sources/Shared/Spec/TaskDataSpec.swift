/// Which images and which labels a task uses: a dataset and a selection of its classes.
public struct TaskDataSpec: Codable, Sendable, Hashable {
    /// Name of a dataset under `datasets`.
    public var dataset: String
    public var labels: LabelSelection

    public init(dataset: String, labels: LabelSelection) {
        self.dataset = dataset
        self.labels = labels
    }

    static let keys = ["dataset", "classes", "groups"]

    /// Reads `{dataset: …, classes: …}` or `{dataset: …, groups: …}`; the dataset must be declared.
    static func parse(_ node: SpecNode, datasets: [DatasetSpec]) throws -> TaskDataSpec {
        let mapping = try node.mapping(allowing: keys, expected: "a mapping with dataset and classes or groups")
        let datasetNode = try mapping.required("dataset")
        let dataset = try datasetNode.name()
        guard datasets.contains(where: { $0.name == dataset }) else {
            throw SpecError.unknownDataset(datasetNode.location, path: datasetNode.path, name: dataset,
                                           declared: datasets.map(\.name))
        }
        switch (mapping.optional("classes"), mapping.optional("groups")) {
        case (.some, .some):
            throw SpecError.notApplicable(mapping.keyLocation("groups"), path: node.path(key: "groups"),
                                          reason: "give either classes or groups, not both")
        case (nil, nil):
            throw SpecError.missingKey(node.location, path: node.path(key: "classes"))
        case (.some(let classes), nil):
            return TaskDataSpec(dataset: dataset, labels: try parseClasses(classes))
        case (nil, .some(let groups)):
            return TaskDataSpec(dataset: dataset, labels: try parseGroups(groups))
        }
    }

    private static let classID = "a class id (an integer ≥ 0)"

    /// `all`, or a list of at least two distinct class ids: one class is no classification task.
    private static func parseClasses(_ node: SpecNode) throws -> LabelSelection {
        if case .scalar(let scalar) = node.node, scalar.string == "all" { return .all }
        guard case .sequence = node.node else { throw node.mismatch("all or a list of class ids") }
        let classes = try node.uniqueIntegers(classID, list: "all or a list of class ids") { $0 >= 0 }
        guard classes.count >= 2 else { throw node.mismatch("at least 2 class ids", got: "\(classes.count)") }
        return .classes(classes)
    }

    /// At least two named groups, each a non-empty list of class ids, no class in two groups.
    private static func parseGroups(_ node: SpecNode) throws -> LabelSelection {
        let entries = try node.namedEntries("a mapping from group name to a list of class ids")
        guard entries.count >= 2 else { throw node.mismatch("at least 2 groups", got: "\(entries.count)") }
        var seen = Set<Int>()
        var groups: [ClassGroupSpec] = []
        for (name, value) in entries {
            let classes = try value.uniqueIntegers(classID, list: "a list of class ids") { $0 >= 0 }
            guard !classes.isEmpty else { throw value.mismatch("a non-empty list of class ids", got: "an empty list") }
            for (index, id) in classes.enumerated() where !seen.insert(id).inserted {
                let element = try value.list()[index]
                throw SpecError.duplicate(element.location, path: element.path,
                                          value: "class \(id) (a class can belong to one group only)")
            }
            groups.append(ClassGroupSpec(name: name, classes: classes))
        }
        return .groups(groups)
    }

    /// The selection in YAML spelling with `dataset` standing for the dataset: the full source in
    /// cell keys (so renaming a dataset changes nothing), the name in diffs.
    func canonical(dataset: CanonicalJSON) -> CanonicalJSON {
        var members: [String: CanonicalJSON] = ["dataset": dataset]
        switch labels {
        case .all: members["classes"] = .string("all")
        case .classes(let ids): members["classes"] = .array(ids.map(CanonicalJSON.int))
        case .groups(let groups):
            members["groups"] = .array(groups.map {
                .object(["name": .string($0.name), "classes": .array($0.classes.map(CanonicalJSON.int))])
            })
        }
        return .object(members)
    }
}
