import Foundation
import Yams

/// Reading a sweep spec from YAML text, walking the node tree so that every error names the
/// file, line, column and key path.
extension SweepSpec {
    /// Keys of the top-level mapping, in the order docs/spec.md describes them. A new section
    /// adds its `key` here and one `parse` line below.
    static let topLevelKeys = ["name", "seed", "datasets", ModelSpec.key, "widths", "seeds", "tasks",
                               TrainingSpec.key, TransferSection.key, MetricsSection.key, AtlasSection.key,
                               ReportSection.key]

    /// Parses spec text. `file` names the text in messages, and its directory (relative to the
    /// working directory if `file` is relative) anchors relative dataset paths.
    public static func parse(yaml: String, file: String) throws -> SweepSpec {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error, yaml: yaml, file: file)
        } catch {
            throw SpecError.syntax(SourceLocation(file: file, line: 1, column: 1), message: "\(error)")
        }
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard let root else {
            throw SpecError.unexpectedValue(start, path: "", expected: "a mapping of sweep settings",
                                            got: "an empty document")
        }
        let document = SpecNode(node: root, path: "", file: file, fallback: start)
        let mapping = try document.mapping(allowing: topLevelKeys, expected: "a mapping of sweep settings")
        let context = SpecContext(file: file, rootLocation: document.location,
                                  baseDirectory: FilePath.directory(of: file))

        let name = try mapping.required("name").name()
        let seed = try mapping.optional("seed")?.unsigned64("an integer in 0…2^64-1") ?? 0
        let datasets = try parseDatasets(try mapping.required("datasets"), context: context)
        let models = try ModelSpec.parseVariants(mapping.optional(ModelSpec.key), in: context)
        let widths = try parseNonEmpty(try mapping.required("widths"), element: "a positive integer",
                                       list: "a list of positive integers") { $0 > 0 }
        let seeds = try parseNonEmpty(try mapping.required("seeds"), element: "an integer ≥ 0",
                                      list: "a list of integers ≥ 0") { $0 >= 0 }
        let tasksNode = try mapping.required("tasks")
        let taskEntries = try tasksNode.namedEntries("a mapping from task name to {source, targets}")
        guard !taskEntries.isEmpty else { throw tasksNode.mismatch("at least one task", got: "none") }
        let tasks = try taskEntries.map { try TaskSpec.parse(name: $0.name, node: $0.value, datasets: datasets) }
        let trainings = try TrainingSpec.parseVariants(mapping.optional(TrainingSpec.key), in: context)
        var variants: [SpecVariant] = []
        for model in models {
            for training in trainings {
                variants.append(SpecVariant(settings: model.settings + training.settings, model: model.model,
                                            optimizer: training.training.optimizer,
                                            learningRate: training.training.learningRate))
            }
        }
        let model = models[0].model, training = trainings[0].training
        // The readout sees width features from an MLP, 4·width from the CNN's last convolution;
        // the bound holds for every variant.
        let featureScale = models.map { $0.model.family == .cnn ? 4 : 1 }.min() ?? 1
        var transferContext = context
        transferContext.smallestFeatureWidth = (widths.min() ?? 1) * featureScale
        let transfer = try TransferSection.parse(mapping.optional(TransferSection.key), in: transferContext)
        let metrics = try MetricsSection.parse(mapping.optional(MetricsSection.key), in: context)
        let atlas = try AtlasSection.parse(mapping.optional(AtlasSection.key), seeds: seeds, tasks: tasks.map(\.name))
        let report = try ReportSection.parse(mapping.optional(ReportSection.key), in: context)
        return SweepSpec(name: name, seed: seed, datasets: datasets, model: model, widths: widths, seeds: seeds,
                         tasks: tasks, training: training, transfer: transfer, metrics: metrics, atlas: atlas,
                         report: report, variants: variants.count == 1 && variants[0].settings.isEmpty ? [] : variants)
    }

    /// Reads and parses the spec file at `path`.
    public static func load(path: String) throws -> SweepSpec {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "it is not readable" : "no such file"
            throw SpecError.unreadable(file: path, reason: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SpecError.unreadable(file: path, reason: "it is not UTF-8 text")
        }
        return try parse(yaml: text, file: path)
    }

    private static func parseDatasets(_ node: SpecNode, context: SpecContext) throws -> [DatasetSpec] {
        let entries = try node.namedEntries("a mapping from dataset name to {format, path}")
        guard !entries.isEmpty else { throw node.mismatch("at least one dataset", got: "none") }
        return try entries.map {
            try DatasetSpec.parse(name: $0.name, node: $0.value, baseDirectory: context.baseDirectory)
        }
    }

    /// A non-empty list of unique integers (widths, seeds).
    private static func parseNonEmpty(_ node: SpecNode, element: String, list: String,
                                      where valid: (Int) -> Bool) throws -> [Int] {
        let values = try node.uniqueIntegers(element, list: list, where: valid)
        guard !values.isEmpty else { throw node.mismatch("a non-empty list", got: "an empty list") }
        return values
    }

    /// Turns a Yams error into a `SpecError.syntax` with the line and column libyaml reported.
    static func syntaxError(_ error: YamlError, yaml: String, file: String) -> SpecError {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line, column: mark.column)
        }
        func explain(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context else { return problem }
            return "\(problem) (\(context.text) at line \(context.mark.line))"
        }
        switch error {
        case let .composer(_, problem, mark, _) where problem == "but found another document":
            return .syntax(at(mark), message: "a second YAML document starts here (after ---); "
                           + "a sweep spec is a single document")
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return .syntax(at(mark), message: explain(problem, context))
        case let .reader(problem, offset, _, _):
            let (line, column) = lineAndColumn(ofCharacterOffset: offset ?? 0, in: yaml)
            return .syntax(SourceLocation(file: file, line: line, column: column), message: problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? "?"
            let first = at(context.mark)
            guard let second = secondOccurrence(ofKey: key, after: first, in: yaml) else {
                return .syntax(first, message: "key \"\(key)\" is written twice in the same mapping")
            }
            return .syntax(second, message: "key \"\(key)\" is written twice in the same mapping "
                           + "(first at line \(first.line))")
        default:
            return .syntax(SourceLocation(file: file, line: 1, column: 1), message: "\(error)")
        }
    }

    /// 1-based line and column of the character at `offset`.
    private static func lineAndColumn(ofCharacterOffset offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// Where a duplicated block-mapping key is written again: a later line with `key:` at the same
    /// column, preceded only by indentation (or a list dash). Yams reports the first occurrence;
    /// the second is the one to delete. Nil when not found (flow mappings, say).
    private static func secondOccurrence(ofKey key: String, after first: SourceLocation,
                                         in yaml: String) -> SourceLocation? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line < lines.count else { return nil }
        for index in first.line..<lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            let start = first.column - 1
            guard start >= 0, start < scalars.count else { continue }
            let indent = scalars[..<start]
            if !indent.allSatisfy({ $0 == " " || $0 == "-" }) { continue }
            var rest = String(String.UnicodeScalarView(scalars[start...]))
            guard rest.hasPrefix(key) else { continue }
            rest.removeFirst(key.count)
            if rest.drop(while: { $0 == " " }).hasPrefix(":") {
                return SourceLocation(file: first.file, line: index + 1, column: first.column)
            }
        }
        return nil
    }
}
