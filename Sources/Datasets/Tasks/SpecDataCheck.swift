import Shared

/// What can be checked of a spec's data on one host before any cell is leased: every dataset a
/// task uses loads (files, format, sizes, label ranges — the same readers the worker runs), every
/// class id a task names exists in its dataset, no class is used twice, and every target's images
/// have the source's shape (the trained network must read them). A spec that fails here would
/// fail every one of its cells on every worker.
public enum SpecDataCheck {
    /// One problem, under the dotted spec key it is about (`datasets.fashion.path`,
    /// `tasks.split.source`, `tasks.split.targets.rest`).
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// Every problem of `spec`'s data, in spec order; each dataset is loaded once, with `load`.
    public static func problems(in spec: SweepSpec,
                                load: (DatasetSource) throws -> Dataset = DatasetLoader.load) -> [Problem] {
        var problems: [Problem] = []
        var loaded: [String: Dataset] = [:]
        var unloadable: Set<String> = []
        func dataset(_ name: String) -> Dataset? {
            if let known = loaded[name] { return known }
            guard !unloadable.contains(name), let declared = spec.dataset(named: name) else { return nil }
            do {
                let data = try load(DatasetSource(declared))
                loaded[name] = data
                return data
            } catch {
                unloadable.insert(name)
                problems.append(Problem(path: "datasets.\(name)" + (declared.path == nil ? "" : ".path"), message: "\(error)"))
                return nil
            }
        }
        for task in spec.tasks {
            let source = dataset(task.source.dataset)
            if let source { check(task.source.labels, of: source, at: "tasks.\(task.name).source", into: &problems) }
            for target in task.targets {
                guard let data = dataset(target.data.dataset) else { continue }
                let path = "tasks.\(task.name).targets.\(target.name)"
                check(target.data.labels, of: data, at: path, into: &problems)
                if let source, data.shape != source.shape {
                    problems.append(Problem(path: path, message: "dataset \(data.name) has \(data.shape) images but the "
                        + "source dataset \(source.name) has \(source.shape); a target must use images of the source's shape"))
                }
            }
        }
        return problems
    }

    private static func check(_ selection: LabelSelection, of dataset: Dataset, at path: String, into problems: inout [Problem]) {
        do {
            _ = try TaskBuilder.labelMapping(dataset, TaskLabels(selection, classCount: dataset.classCount))
        } catch {
            problems.append(Problem(path: path, message: "\(error)"))
        }
    }
}
