import Foundation
import Shared

/// `RESULT` messages for no-op cells, built by splicing into frames encoded once.
///
/// The fake workers answer thousands of `ASSIGN`s per second on the same two cores as the
/// coordinator, so they must not spend a JSON encoding per cell: the template is a valid
/// `CellResult` (schema 3, every number finite, accuracies in [0, 1]) encoded once by `WireCodec`,
/// and each reply substitutes the cell key and the coordinate into its result frame.
struct ResultTemplate {
    private let frames: [[UInt8]]
    /// Frame 5 cut around the placeholders, in the order they occur.
    private let pieces: [[UInt8]]
    private let order: [Placeholder]
    /// Encoded `"task"` strings, one per task name seen.
    private var encodedTasks: [String: [UInt8]] = [:]

    private enum Placeholder { case key, coordinate }
    private static let placeholderKey = String(repeating: "e", count: 64)
    private static let placeholderCell = CellCoordinate(width: 987_654_321, seed: 876_543_219, task: "placeholder-task")

    init() throws {
        let delivery = try ResultDelivery(leaseId: String(repeating: "0", count: 16), cellKey: Self.placeholderKey,
                                          attempt: 1, result: Self.sampleResult())
        frames = WireCodec.encode(.result(delivery))
        let json = frames[5]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let keyBytes = Array("\"\(Self.placeholderKey)\"".utf8)
        let cellBytes = Array(try encoder.encode(Self.placeholderCell))
        guard let keyAt = Self.find(keyBytes, in: json), let cellAt = Self.find(cellBytes, in: json) else {
            throw BenchmarkError.unexpected(what: "the result template lacks its placeholders", log: "-")
        }
        let cuts = [(keyAt, keyBytes.count, Placeholder.key), (cellAt, cellBytes.count, Placeholder.coordinate)]
            .sorted { $0.0 < $1.0 }
        var pieces: [[UInt8]] = []
        var position = 0
        for (start, length, _) in cuts {
            pieces.append(Array(json[position..<start]))
            position = start + length
        }
        pieces.append(Array(json[position...]))
        self.pieces = pieces
        self.order = cuts.map(\.2)
    }

    /// The `RESULT` answering an `ASSIGN` whose frames 2–4 (lease id, cell key, attempt) are given
    /// as received, for the cell at `coordinate`.
    mutating func result(leaseId: [UInt8], cellKey: [UInt8], attempt: [UInt8], coordinate: CellCoordinate) -> [[UInt8]] {
        var json: [UInt8] = []
        json.reserveCapacity(frames[5].count + 32)
        for (index, placeholder) in order.enumerated() {
            json += pieces[index]
            switch placeholder {
            case .key:
                json.append(UInt8(ascii: "\""))
                json += cellKey
                json.append(UInt8(ascii: "\""))
            case .coordinate:
                json += Array("{\"seed\":\(coordinate.seed),\"task\":".utf8)
                json += encodedTask(coordinate.task)
                json += Array(",\"width\":\(coordinate.width)}".utf8)
            }
        }
        json += pieces[order.count]
        var message = frames
        message[2] = leaseId
        message[3] = cellKey
        message[4] = attempt
        message[5] = json
        return message
    }

    /// Size of one `RESULT` in bytes (all frames), for the report.
    var messageBytes: Int { frames.reduce(0) { $0 + $1.count } }

    private mutating func encodedTask(_ task: String) -> [UInt8] {
        if let bytes = encodedTasks[task] { return bytes }
        let bytes = (try? JSONEncoder().encode(task)).map(Array.init) ?? Array("\"\(task)\"".utf8)
        encodedTasks[task] = bytes
        return bytes
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }

    /// Plausible numbers for a small MLP on the synthetic split task: what a real cell reports,
    /// so the coordinator validates and stores a result of realistic size (about 1.5 KB).
    private static func sampleResult() -> CellResult {
        let history = (1...3).map {
            EpochSummary(epoch: $0, trainLoss: 0.7 / Double($0), trainAccuracy: 0.6 + 0.1 * Double($0),
                         validationAccuracy: 0.55 + 0.1 * Double($0), learningRate: 0.1)
        }
        let fit = ReadoutFit(accuracy: 0.81, l2: 0.001, selection: ReadoutFit.crossValidation, selectionAccuracy: 0.8,
                             folds: 5, l2AtGridEdge: false, converged: true)
        let control = ReadoutFit(accuracy: 0.62, l2: 0.01, selection: ReadoutFit.crossValidation, selectionAccuracy: 0.6,
                                 folds: 5, l2AtGridEdge: false, converged: true)
        let metrics = HiddenStateMetrics(reconstructionR2: 0.71, reconstructionL2: 0.001, fineProbeAccuracy: 0.77,
                                         participationRatio: 3.2, collapseRatio: 0.4, neuronSelectivity: 0.3,
                                         directionSelectivity: 0.35, deadUnits: 0)
        return CellResult(
            cellKey: placeholderKey, cell: placeholderCell, engineVersion: WidthsweepVersion.engine,
            model: ModelSummary(family: "mlp", depth: 1, width: 16, parameterization: "standard", baseWidth: 16,
                                featureWidth: 16, parameterCount: 1_090),
            source: SourceResult(task: "split", classes: ["0", "1"], testAccuracy: 0.86, validationAccuracy: 0.85,
                                 targetAccuracy: nil, targetMet: false, epochs: 3, steps: 39, examplesSeen: 1_080, epochsSeen: 3,
                                 checkEvery: 13, trainExamples: 360, validationExamples: 40, testExamples: 200,
                                 history: history,
                                 checks: history.map { CheckSummary(step: 13 * $0.epoch, validationAccuracy: $0.validationAccuracy) }),
            transfer: [TransferResult(target: "other", budget: "all", examples: 400, trained: fit, control: control)],
            information: InformationResult(probeExamples: 200, fitExamples: 400, trained: metrics, control: metrics),
            timings: PhaseTimings(loadSeconds: 0.01, trainSeconds: 0.2, evaluateSeconds: 0.01, transferSeconds: 0.05,
                                  informationSeconds: 0.03),
            environment: RunEnvironment(host: "benchmark", blasCore: "none", blasThreads: 1))
    }
}
