import Foundation
@testable import Shared
@testable import Worker

/// Builds sessions, assignments and results for the `WorkerSession` tests, and reads actions.
enum WorkerSessionFixtures {
    static let engine = "0.2.0"
    static let parameters = SessionParameters(heartbeatMilliseconds: 1000, liveness: 5, leaseMilliseconds: 120_000,
                                              sweep: "smoke", engineVersion: engine)

    static func session(slots: Int = 2, seed: UInt64 = 1) -> WorkerSession {
        let capabilities = WorkerCapabilities(slots: slots, threads: 4, host: "node7", engineVersion: engine)
        return WorkerSession(configuration: .init(workerId: "node7:4121", capabilities: capabilities), jitterSeed: seed)
    }

    static func lease(_ n: Int) -> String { String(format: "%016x", n) }

    /// A cell whose key material hashes to its key and names `engineVersion`.
    static func assignment(width: Int, engineVersion: String = engine, leaseMilliseconds: Int = 120_000)
        -> (key: String, cell: CellAssignment) {
        let material = #"{"engine_version":"\#(engineVersion)","seed":0,"width":\#(width)}"#
        let cell = CellAssignment(cell: CellCoordinate(width: width, seed: 0, task: "split"), keyMaterial: material,
                                  specYAML: "name: smoke\n", leaseMilliseconds: leaseMilliseconds)
        return (SHA256.hexDigest(of: material), cell)
    }

    static func assign(_ n: Int, width: Int, attempt: UInt32 = 1, leaseMilliseconds: Int = 120_000) -> CoordinatorMessage {
        let (key, cell) = assignment(width: width, leaseMilliseconds: leaseMilliseconds)
        return .assign(leaseId: lease(n), cellKey: key, attempt: attempt, cell: cell)
    }

    static func delivery(_ n: Int, width: Int, attempt: UInt32 = 1) throws -> ResultDelivery {
        let key = assignment(width: width).key
        return try ResultDelivery(leaseId: lease(n), cellKey: key, attempt: attempt, result: result(key: key, width: width))
    }

    static func result(key: String, width: Int) -> CellResult {
        let fit = ReadoutFit(accuracy: 0.8, l2: 0.01, selection: ReadoutFit.crossValidation, selectionAccuracy: 0.7,
                             folds: 5, l2AtGridEdge: false, converged: true)
        let hs = HiddenStateMetrics(reconstructionR2: 0.5, reconstructionL2: 1, fineProbeAccuracy: nil,
                                    participationRatio: 3, collapseRatio: 0.2, neuronSelectivity: 0.1,
                                    directionSelectivity: 0.3, deadUnits: 2)
        return CellResult(
            cellKey: key, cell: CellCoordinate(width: width, seed: 0, task: "split"), engineVersion: engine,
            model: ModelSummary(family: "mlp", depth: 2, width: width, parameterization: "standard", baseWidth: width,
                                featureWidth: width, parameterCount: 100),
            source: SourceResult(task: "split", classes: ["a", "b"], testAccuracy: 0.9, validationAccuracy: 0.9,
                                 targetAccuracy: nil, targetMet: true, epochs: 1, steps: 10, examplesSeen: 100, epochsSeen: 1,
                                 checkEvery: 10, trainExamples: 100, validationExamples: 10, testExamples: 10,
                                 history: [], checks: [CheckSummary(step: 10, validationAccuracy: 0.9)]),
            transfer: [TransferResult(target: "t", budget: "10", examples: 20, trained: fit, control: fit)],
            information: InformationResult(probeExamples: 10, fitExamples: 20, trained: hs, control: hs),
            timings: PhaseTimings(loadSeconds: 0, trainSeconds: 0, evaluateSeconds: 0, transferSeconds: 0,
                                  informationSeconds: 0),
            environment: RunEnvironment(host: "node7", blasCore: "Haswell", blasThreads: 1))
    }
}

extension WorkerSession {
    /// Connects at `now` and registers with `parameters`; returns what WELCOME produced.
    @discardableResult
    mutating func register(at now: Duration, _ parameters: SessionParameters = WorkerSessionFixtures.parameters) -> [Action] {
        _ = handle(.connected(now: now))
        return handle(.received(.welcome(parameters), now: now))
    }

    /// Ticks every 100 ms from `start` to `end` inclusive and collects the actions.
    mutating func ticks(from start: Duration, to end: Duration, every step: Duration = .milliseconds(100)) -> [Action] {
        var actions: [Action] = []
        var now = start
        while now <= end {
            actions += handle(.tick(now: now))
            now += step
        }
        return actions
    }
}

extension Array where Element == WorkerSession.Action {
    var sent: [WorkerMessage] {
        compactMap { if case let .send(message) = $0 { message } else { nil } }
    }

    var commands: [WireConstants.Command] { sent.map(\.command) }

    var requests: [UInt32] {
        sent.compactMap { if case let .request(n) = $0 { n } else { nil } }
    }

    var started: [String] {
        compactMap { if case let .startCell(leaseId, _, _, _) = $0 { leaseId } else { nil } }
    }

    var logs: [String] {
        compactMap { if case let .log(line) = $0 { line } else { nil } }
    }

    var reconnectWait: Duration? {
        lazy.compactMap { if case let .reconnect(wait) = $0 { wait } else { nil } }.first
    }

    var exit: (code: Int32, message: String)? {
        lazy.compactMap { if case let .exit(code, message) = $0 { (code, message) } else { nil } }.first
    }
}
