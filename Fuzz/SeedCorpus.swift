import Foundation

// The seed corpus: one valid message of every WSP/1 command (docs/protocol.md §2.4), made with
// the encoders under test, plus a few near misses that reach the deeper checks. Every "valid"
// seed is decoded before it is written, so a corpus that drifts from the protocol is caught here.

enum SeedCorpus {
    static let key = String(repeating: "ab", count: 32)
    static let lease = "0123456789abcdef"

    static func cellResult(atlas: Bool) -> CellResult {
        let fit = ReadoutFit(accuracy: 0.8, l2: 0.01, selection: ReadoutFit.crossValidation, selectionAccuracy: 0.7,
                             folds: 5, l2AtGridEdge: false, converged: true)
        let hs = HiddenStateMetrics(reconstructionR2: 0.5, reconstructionL2: 1, fineProbeAccuracy: nil,
                                    participationRatio: 3, collapseRatio: 0.2, neuronSelectivity: 0.1,
                                    directionSelectivity: 0.3, deadUnits: 2)
        var result = CellResult(
            cellKey: key, cell: CellCoordinate(width: 64, seed: 0, task: "split"), engineVersion: WidthsweepVersion.engine,
            model: ModelSummary(family: "mlp", depth: 2, width: 64, parameterization: "mup", baseWidth: 16,
                                featureWidth: 64, parameterCount: 1000),
            source: SourceResult(task: "split", classes: ["a", "b"], testAccuracy: 0.9, validationAccuracy: 0.9,
                                 targetAccuracy: nil, targetMet: true, epochs: 1, steps: 10, examplesSeen: 100, epochsSeen: 1,
                                 checkEvery: 10, trainExamples: 100, validationExamples: 10, testExamples: 10,
                                 history: [EpochSummary(epoch: 1, trainLoss: 0.5, trainAccuracy: 0.8,
                                                        validationAccuracy: 0.9, learningRate: 0.1)],
                                 checks: [CheckSummary(step: 10, validationAccuracy: 0.9)]),
            transfer: [TransferResult(target: "t", budget: "10", examples: 20, trained: fit, control: fit)],
            information: InformationResult(probeExamples: 10, fitExamples: 20, trained: hs, control: hs),
            timings: PhaseTimings(loadSeconds: 1, trainSeconds: 2, evaluateSeconds: 0, transferSeconds: 1,
                                  informationSeconds: 1),
            environment: RunEnvironment(host: "h", blasCore: "Haswell", blasThreads: 1))
        if atlas {
            let tile = AtlasTile(row: 1, column: 2, points: 12, unit: nil, label: 1, predicted: 1, objective: 3.5)
            let unit = AtlasTile(row: 0, column: 0, points: nil, unit: 7, label: 0, predicted: 1, objective: 0.8)
            result.atlas = AtlasResult(
                examples: 400, layout: "umap", trustworthiness: 0.93, trustworthinessNeighbours: 10, grid: 4, minPoints: 5,
                tileSize: 32, directions: AtlasSheet(image: "atlas-directions.png", columns: 4, rows: 4, tiles: [tile], consistency: 1),
                neurons: AtlasSheet(image: "atlas-neurons.png", columns: 1, rows: 1, tiles: [unit], consistency: 0),
                seconds: 2)
        }
        return result
    }

    static func status() -> StatusReport {
        StatusReport(
            sweep: "s", state: .running, engineVersion: WidthsweepVersion.engine,
            cells: .init(total: 4, finished: 1, failed: 0, running: 1, queued: 2), determinismWarnings: 0,
            workers: [.init(id: "node7:1", host: "node7", slots: 2, running: 1, credit: 1, state: .alive, finished: 1,
                            consecutiveFailures: 0, lastSeenMilliseconds: 12)],
            running: [.init(cell: "split/w64/s0", key: key, attempt: 1, worker: "node7:1", phase: "train",
                            epoch: 2, leaseRemainingMilliseconds: 1000)],
            failed: [.init(cell: "split/w8/s0", key: key, attempts: 3, error: "nan")])
    }

    /// (file name, frames) for every seed.
    static func all() throws -> [(String, [[UInt8]])] {
        let caps = WorkerCapabilities(slots: 2, threads: 4, host: "node7", engineVersion: WidthsweepVersion.engine,
                                      implementation: "pyworker 1", blasCore: "Haswell")
        let plain = try ResultDelivery(leaseId: lease, cellKey: key, attempt: 2, result: cellResult(atlas: false))
        let withAtlas = try ResultDelivery(
            leaseId: lease, cellKey: key, attempt: 1, result: cellResult(atlas: true),
            artifacts: [.init(name: "atlas-directions.png", data: [0x89, 0x50, 0x4E, 0x47]), .init(name: "atlas-neurons.png", data: [])])
        let worker: [(String, WorkerMessage)] = [
            ("ready", .ready(workerId: "node7:4121", capabilities: caps)),
            ("request", .request(n: 4)),
            ("progress", .progress(leaseId: lease, cellKey: key, attempt: 1,
                                   report: ProgressReport(phase: .train, epoch: 3, line: "epoch 3 loss 0.61 \u{00e9}\\n"))),
            ("result", .result(plain)),
            ("result-atlas", .result(withAtlas)),
            ("failed", .failed(leaseId: lease, cellKey: key, attempt: 1, error: "key-mismatch: x")),
            ("worker-heartbeat", .heartbeat),
            ("worker-disconnect", .disconnect(reason: "shutdown", detail: "bye")),
        ]
        let coordinator: [(String, CoordinatorMessage)] = [
            ("welcome", .welcome(SessionParameters(sweep: "s", engineVersion: WidthsweepVersion.engine))),
            ("assign", .assign(leaseId: lease, cellKey: key, attempt: 1,
                               cell: CellAssignment(cell: CellCoordinate(width: 64, seed: 0, task: "split"),
                                                    keyMaterial: "{\"a\":\"/x\",\"b\":[1,2.5e-3,true,null]}",
                                                    specYAML: "name: s\nwidths: [4, 16]\n", leaseMilliseconds: 120_000))),
            ("ack", .ack(cellKey: key, attempt: 1, status: .duplicate, detail: "mismatch")),
            ("coordinator-disconnect", .disconnect(reason: "not-registered", detail: "")),
            ("status-reply", .statusReply(requestId: [0, 255, 7], status: status())),
        ]
        let client: [(String, ClientMessage)] = [
            ("status", .status(requestId: Array("r1".utf8))),
            ("cancel", .cancel(requestId: [9], mode: .drain)),
        ]
        var seeds: [(String, [[UInt8]])] = []
        for (name, message) in worker {
            let frames = WireCodec.encode(message)
            guard (try? WireCodec.decodeFromWorker(frames)) == message else { throw SeedError.invalid(name) }
            seeds.append((name, frames))
        }
        for (name, message) in coordinator {
            let frames = WireCodec.encode(message)
            guard (try? WireCodec.decodeFromCoordinator(frames)) == message else { throw SeedError.invalid(name) }
            seeds.append((name, frames))
        }
        for (name, message) in client {
            let frames = WireCodec.encode(message)
            guard (try? WireCodec.decodeFromClient(frames)) == message else { throw SeedError.invalid(name) }
            seeds.append((name, frames))
        }
        // Near misses: each fails one late check, so mutations start next to the interesting branches.
        let tag = WireConstants.tag
        seeds += [
            ("miss-version", [Array("WSP02".utf8), [0x01], Array("w".utf8), Array("{}".utf8)]),
            ("miss-reserved-command", [tag, [0xFF]]),
            ("miss-credit", [tag, [0x02], [0, 0, 1, 1]]),
            ("miss-json-duplicate", [tag, [0x01], Array("w".utf8), Array(#"{"slots":1,"slots":2}"#.utf8)]),
            ("miss-json-deep", [tag, [0x0A], Array((String(repeating: "[", count: 40) + String(repeating: "]", count: 40)).utf8)]),
            ("miss-json-escapes", [tag, [0x04], Array(lease.utf8), Array(key.utf8), [0, 0, 0, 1],
                                   Array(#"{"phase":"load","epoch":0,"line":"\ud83d\ude00 \u0000 \"q\""}"#.utf8)]),
            ("miss-number", [tag, [0x01], Array("w".utf8),
                             Array(#"{"slots":1e2,"threads":-0,"host":"h","engine_version":"0.2.0"}"#.utf8)]),
            ("miss-artifact-name", plain.frames + [Array("Bad Name".utf8), [1]]),
        ]
        return seeds
    }

    enum SeedError: Error, CustomStringConvertible {
        case invalid(String)
        var description: String {
            switch self { case let .invalid(name): "seed \(name) does not decode to the message it encodes" }
        }
    }
}

extension ResultDelivery {
    var frames: [[UInt8]] { WireCodec.encode(WorkerMessage.result(self)) }
}
