import Foundation
import Testing
@testable import Shared

/// The pure WSP/1 codec against docs/protocol.md §2 (framing) and §6 (validation).
struct ProtocolCodecTests {
    static let key = String(repeating: "ab", count: 32)
    static let lease = "0123456789abcdef"

    static func cellResult(key: String = key, accuracy: Double = 0.9) -> CellResult {
        let fit = ReadoutFit(accuracy: 0.8, l2: 0.01, selection: ReadoutFit.crossValidation, selectionAccuracy: 0.7,
                             folds: 5, l2AtGridEdge: false, converged: true)
        let hs = HiddenStateMetrics(reconstructionR2: 0.5, reconstructionL2: 1, fineProbeAccuracy: nil,
                                    participationRatio: 3, collapseRatio: 0.2, neuronSelectivity: 0.1,
                                    directionSelectivity: 0.3, deadUnits: 2)
        return CellResult(
            cellKey: key, cell: CellCoordinate(width: 64, seed: 0, task: "split"), engineVersion: "0.2.0",
            model: ModelSummary(family: "mlp", depth: 2, width: 64, parameterization: "mup", baseWidth: 16,
                                featureWidth: 64, parameterCount: 1000),
            source: SourceResult(task: "split", classes: ["a", "b"], testAccuracy: accuracy, validationAccuracy: 0.9,
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
    }

    static let caps = WorkerCapabilities(slots: 2, threads: 4, host: "node7", engineVersion: "0.2.0",
                                         implementation: "pyworker 1")

    static func frames(_ command: WireConstants.Command, _ rest: [String]) -> [[UInt8]] {
        [Array("WSP01".utf8), [command.rawValue]] + rest.map { Array($0.utf8) }
    }

    static func readyWith(_ json: String) -> [[UInt8]] { frames(.ready, ["node7:1", json]) }

    static func error(_ body: () throws -> Void) -> ProtocolError? {
        do { try body(); return nil } catch let e as ProtocolError { return e } catch { return nil }
    }

    // MARK: Round trips — docs/protocol.md §2.4

    @Test func everyWorkerCommandSurvivesARoundTrip() throws {
        let delivery = try ResultDelivery(leaseId: Self.lease, cellKey: Self.key, attempt: 2, result: Self.cellResult(),
                                          artifacts: [.init(name: "atlas.png", data: [0, 1, 255]), .init(name: "b", data: [])])
        let messages: [WorkerMessage] = [
            .ready(workerId: "node7:4121", capabilities: Self.caps),         // §2.4 READY
            .request(n: 256),                                                  // §2.4 REQUEST
            .progress(leaseId: Self.lease, cellKey: Self.key, attempt: 1,
                      report: ProgressReport(phase: .train, epoch: 3, line: "epoch 3 loss 0.61")), // §2.4 PROGRESS
            .result(delivery),                                                 // §2.4 RESULT
            .failed(leaseId: Self.lease, cellKey: Self.key, attempt: 1, error: "key-mismatch: x"), // §2.4 FAILED
            .heartbeat,                                                        // §2.4 HEARTBEAT
            .disconnect(reason: "shutdown", detail: ""),                       // §2.4 DISCONNECT
        ]
        for message in messages {
            let frames = WireCodec.encode(message)
            #expect(frames.count == (message.command == .result ? 10 : message.command.frameCount))
            #expect(try WireCodec.decodeFromWorker(frames) == message)
            #expect(try WireCodec.decodeAtCoordinator(frames) == .worker(message))
        }
    }

    @Test func everyCoordinatorCommandSurvivesARoundTrip() throws {
        let status = StatusReport(
            sweep: "s", state: .running, engineVersion: "0.2.0",
            cells: .init(total: 4, finished: 1, failed: 0, running: 1, queued: 2), determinismWarnings: 0,
            workers: [.init(id: "node7:1", host: "node7", slots: 2, running: 1, credit: 1, state: .alive, finished: 1,
                            consecutiveFailures: 0, lastSeenMilliseconds: 12)],
            running: [.init(cell: "split/w64/s0", key: Self.key, attempt: 1, worker: "node7:1", phase: "train",
                            epoch: 2, leaseRemainingMilliseconds: 1000)],
            failed: [.init(cell: "split/w8/s0", key: Self.key, attempts: 3, error: "nan")])
        let messages: [CoordinatorMessage] = [
            .welcome(SessionParameters(sweep: "s", engineVersion: "0.2.0")),  // §2.4 WELCOME
            .assign(leaseId: Self.lease, cellKey: Self.key, attempt: 1,
                    cell: CellAssignment(cell: CellCoordinate(width: 64, seed: 0, task: "split"),
                                         keyMaterial: "{\"a\":\"/x\"}", specYAML: "name: s\n", leaseMilliseconds: 120_000)),
            .ack(cellKey: Self.key, attempt: 1, status: .duplicate, detail: "mismatch"), // §2.4 ACK
            .heartbeat,
            .disconnect(reason: "not-registered", detail: ""),
            .statusReply(requestId: [0, 255, 7], status: status),             // §2.4 STATUS-REPLY
        ]
        for message in messages {
            #expect(try WireCodec.decodeFromCoordinator(WireCodec.encode(message)) == message)
        }
    }

    @Test func everyClientCommandSurvivesARoundTrip() throws {
        // docs/protocol.md §2.4 STATUS, CANCEL
        for message in [ClientMessage.status(requestId: Array("r1".utf8)), .cancel(requestId: [9], mode: .now)] {
            #expect(try WireCodec.decodeFromClient(WireCodec.encode(message)) == message)
            #expect(try WireCodec.decodeAtCoordinator(WireCodec.encode(message)) == .client(message))
        }
    }

    @Test func requestCarriesABigEndianU32() {
        // docs/protocol.md §2.3 u32
        #expect(WireCodec.encode(WorkerMessage.request(n: 258))[2] == [0, 0, 1, 2])
    }

    // MARK: Envelope — docs/protocol.md §6.1 steps 1–5

    @Test func envelopeViolationsGiveTheirSpecificErrors() {
        let ready = WireCodec.encode(WorkerMessage.ready(workerId: "w", capabilities: Self.caps))
        #expect(Self.error { _ = try WireCodec.decodeFromWorker([Array("WSP01".utf8)]) }
                == .wrongFrameCount(command: nil, count: 1, expected: "2...38"))
        #expect(Self.error { _ = try WireCodec.decodeFromWorker([Array("WSP02".utf8), [8]]) } == .wrongTag)
        #expect(Self.error { _ = try WireCodec.decodeFromWorker([Array("WSP01".utf8), [8, 8]]) } == .commandFrameSize(size: 2))
        #expect(Self.error { _ = try WireCodec.decodeFromWorker([Array("WSP01".utf8), [0x0B]]) } == .unknownCommand(byte: 0x0B))
        #expect(Self.error { _ = try WireCodec.decodeFromWorker(Self.frames(.welcome, ["{}"])) }
                == .unexpectedCommand(command: "WELCOME", from: "a worker"))
        #expect(Self.error { _ = try WireCodec.decodeFromCoordinator(ready) }
                == .unexpectedCommand(command: "READY", from: "the coordinator"))
        #expect(Self.error { _ = try WireCodec.decodeFromWorker(Array(ready.prefix(3))) }
                == .wrongFrameCount(command: "READY", count: 3, expected: "4"))
        #expect(Self.error { _ = try WireCodec.decodeFromWorker(Self.frames(.result, ["a", "b", "c", "d", "e"])) }
                == .wrongFrameCount(command: "RESULT", count: 7, expected: "an even count 6...38"))
    }

    @Test func oversizeJSONFrameIsRejectedBeforeJSONParsing() {
        // docs/protocol.md §2.6: READY capabilities ≤ 64 KiB; §6.1 step 5 precedes step 7.
        let garbage = String(repeating: "{", count: 64 * 1024 + 1)
        #expect(Self.error { _ = try WireCodec.decodeFromWorker(Self.readyWith(garbage)) }
                == .frameTooLarge(command: "READY", frame: 3, size: 64 * 1024 + 1, limit: 64 * 1024))
    }

    @Test func resultOverSixtyFourMebibytesIsRejected() {
        // docs/protocol.md §2.6: whole message ≤ 64 MiB even when every artifact is within 16 MiB.
        let big = [UInt8](repeating: 0, count: 16 * 1024 * 1024)
        var frames = Self.frames(.result, [Self.lease, Self.key, "\0\0\0\u{1}", "{}"])
        for i in 0..<5 { frames += [Array("a\(i)".utf8), big] }
        #expect(Self.error { _ = try WireCodec.decodeFromWorker(frames) }
                == .messageTooLarge(command: "RESULT", size: frames.reduce(0) { $0 + $1.count }, limit: 64 * 1024 * 1024))
    }

    // MARK: Typed frames — docs/protocol.md §2.3, §6.1 step 6

    @Test func typedFrameViolationsGiveTheirSpecificErrors() {
        let one = "\0\0\0\u{1}"
        func failed(_ lease: String, _ key: String, _ attempt: String, _ text: String = "e") -> ProtocolError? {
            Self.error { _ = try WireCodec.decodeFromWorker(Self.frames(.failed, [lease, key, attempt, text])) }
        }
        #expect(failed("0123456789ABCDEF", Self.key, one) == .invalidLeaseId(command: "FAILED", frame: 2))
        #expect(failed("0123456789abcde", Self.key, one) == .invalidLeaseId(command: "FAILED", frame: 2))
        #expect(failed(Self.lease, Self.key.uppercased(), one) == .invalidCellKey(command: "FAILED", frame: 3))
        #expect(failed(Self.lease, String(Self.key.dropLast()), one) == .invalidCellKey(command: "FAILED", frame: 3))
        #expect(failed(Self.lease, Self.key, "\0\u{1}") == .invalidU32(command: "FAILED", frame: 4, size: 2))
        #expect(failed(Self.lease, Self.key, "\0\0\0\0") == .valueOutOfRange(command: "FAILED", frame: 4, value: 0))
        #expect(failed(Self.lease, Self.key, one, "a\0b") == .containsNUL(command: "FAILED", frame: 5))
        var bad = Self.frames(.failed, [Self.lease, Self.key, one, ""])
        bad[5] = [0xC3, 0x28]
        #expect(Self.error { _ = try WireCodec.decodeFromWorker(bad) } == .invalidUTF8(command: "FAILED", frame: 5))
        #expect(Self.error { _ = try WireCodec.decodeFromWorker(Self.frames(.request, ["\0\0\u{1}\u{1}"])) }
                == .valueOutOfRange(command: "REQUEST", frame: 2, value: 257))
        #expect(Self.error { _ = try WireCodec.decodeFromWorker(Self.frames(.ready, ["bad id", "{}"])) }
                == .invalidWorkerId(command: "READY", frame: 2))
        #expect(Self.error { _ = try WireCodec.decodeFromWorker(Self.frames(.disconnect, ["Shutdown", ""])) }
                == .invalidToken(command: "DISCONNECT", frame: 2, token: "Shutdown"))
        #expect(Self.error { _ = try WireCodec.decodeFromClient(Self.frames(.cancel, ["r", "later"])) }
                == .invalidToken(command: "CANCEL", frame: 3, token: "later"))
        #expect(Self.error { _ = try WireCodec.decodeFromClient(Self.frames(.status, [""])) }
                == .invalidRequestId(command: "STATUS", frame: 2))
        #expect(Self.error { _ = try WireCodec.decodeFromCoordinator(Self.frames(.ack, [Self.key, one, "maybe", ""])) }
                == .invalidToken(command: "ACK", frame: 4, token: "maybe"))
    }

    // MARK: JSON — docs/protocol.md §2.5, §6.1 step 7

    @Test func jsonRuleViolationsGiveTheirSpecificErrors() {
        func ready(_ json: String) -> ProtocolError? { Self.error { _ = try WireCodec.decodeFromWorker(Self.readyWith(json)) } }
        let valid = #""slots":2,"threads":2,"host":"h","engine_version":"0.2.0""#
        #expect(ready("{\(valid),\"future\":[1,{\"x\":null}]}") == nil)   // unknown members are ignored
        #expect(ready("[1]") == .malformedJSON(command: "READY", frame: 3, reason: "top level is not an object"))
        if case .malformedJSON = ready("{\(valid)") {} else { Issue.record("truncated object accepted") }
        if case .malformedJSON = ready("{\(valid)} x") {} else { Issue.record("trailing bytes accepted") }
        #expect(ready("{\(valid),\"slots\":3}") == .duplicateMember(command: "READY", frame: 3, name: "slots"))
        #expect(ready("{\(valid),\"x\":1e999}") == .nonFiniteNumber(command: "READY", frame: 3))
        let deep = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        #expect(ready("{\(valid),\"x\":\(deep)}") == .jsonTooDeep(command: "READY", frame: 3))
        var bad = Self.readyWith("")
        bad[3] = Array("{\"host\":\"".utf8) + [0xFF] + Array("\"}".utf8)
        #expect(Self.error { _ = try WireCodec.decodeFromWorker(bad) } == .invalidUTF8(command: "READY", frame: 3))
        #expect(ready(#"{"threads":2,"host":"h","engine_version":"0.2.0"}"#)
                == .missingMember(command: "READY", frame: 3, member: "slots"))
        #expect(ready(#"{"slots":"2","threads":2,"host":"h","engine_version":"0.2.0"}"#)
                == .wrongType(command: "READY", frame: 3, member: "slots"))
        #expect(ready(#"{"slots":null,"threads":2,"host":"h","engine_version":"0.2.0"}"#)
                == .wrongType(command: "READY", frame: 3, member: "slots"))
        if case .invalidMember(_, _, "slots", _) = ready(#"{"slots":257,"threads":2,"host":"h","engine_version":"0.2.0"}"#) {}
        else { Issue.record("slots 257 accepted") }
        if case .invalidMember(_, _, "host", _) = ready(#"{"slots":1,"threads":2,"host":"","engine_version":"0.2.0"}"#) {}
        else { Issue.record("empty host accepted") }
    }

    @Test func progressWithUnknownPhaseIsRejected() {
        // docs/protocol.md §2.4 PROGRESS: phase is one of the PhaseTimings phases.
        let frames = Self.frames(.progress, [Self.lease, Self.key, "\0\0\0\u{1}", #"{"phase":"nap","epoch":0,"line":""}"#])
        #expect(Self.error { _ = try WireCodec.decodeFromWorker(frames) }
                == .invalidMember(command: "PROGRESS", frame: 5, member: "phase", problem: "is not an allowed value"))
    }

    @Test func welcomeWithHeartbeatBelowOneHundredMillisecondsIsRejected() {
        // docs/protocol.md §2.4 WELCOME: heartbeat_ms 100–60000.
        let json = #"{"heartbeat_ms":99,"liveness":5,"lease_ms":120000,"sweep":"s","engine_version":"0.2.0"}"#
        if case .invalidMember(_, 2, "heartbeat_ms", _) = Self.error({ _ = try WireCodec.decodeFromCoordinator(Self.frames(.welcome, [json])) }) {}
        else { Issue.record("heartbeat_ms 99 accepted") }
    }

    // MARK: RESULT — docs/protocol.md §2.4 RESULT, §6.2

    @Test func resultWhoseCellKeyDiffersFromFrameThreeIsRejectedForAnAck() throws {
        let other = String(repeating: "cd", count: 32)
        var frames = WireCodec.encode(WorkerMessage.result(
            try ResultDelivery(leaseId: Self.lease, cellKey: Self.key, attempt: 1, result: Self.cellResult(key: other))))
        #expect(frames.count == 6)
        if case .resultRejected(Self.key, 1, _) = Self.error({ _ = try WireCodec.decodeFromWorker(frames) }) {}
        else { Issue.record("mismatched cellKey accepted") }
        frames = WireCodec.encode(WorkerMessage.result(
            try ResultDelivery(leaseId: Self.lease, cellKey: Self.key, attempt: 1, result: Self.cellResult(accuracy: 1.5))))
        if case let .resultRejected(_, _, reason) = Self.error({ _ = try WireCodec.decodeFromWorker(frames) }) {
            #expect(reason.contains("source.testAccuracy"))
        } else { Issue.record("accuracy 1.5 accepted") }
    }

    @Test func resultWithBadOrRepeatedArtifactNamesIsDropped() throws {
        let base = WireCodec.encode(WorkerMessage.result(
            try ResultDelivery(leaseId: Self.lease, cellKey: Self.key, attempt: 1, result: Self.cellResult())))
        #expect(Self.error { _ = try WireCodec.decodeFromWorker(base + [Array("Atlas.png".utf8), []]) }
                == .invalidArtifactName(command: "RESULT", frame: 6))
        #expect(Self.error { _ = try WireCodec.decodeFromWorker(base + [Array("a".utf8), [], Array("a".utf8), [1]]) }
                == .duplicateArtifactName(command: "RESULT", frame: 8, name: "a"))
    }

    /// §6.2: valid JSON that is not a CellResult is a result that fails the checks: the
    /// coordinator answers it `ACK rejected` (with the key and attempt of frames 3 and 4), not a
    /// message it drops unanswered. JSON that breaks §2.5 is still a malformed message.
    @Test func resultThatIsNotACellResultIsRejectedWithItsKeyAndAttempt() {
        for json in [#"{"schemaVersion":2}"#, "{}"] {
            let frames = Self.frames(.result, [Self.lease, Self.key, "\0\0\0\u{1}", json])
            if case let .resultRejected(key, attempt, reason) = Self.error({ _ = try WireCodec.decodeFromWorker(frames) }) {
                #expect(key == Self.key && attempt == 1)
                #expect(reason.contains("no member"), "\(reason)")
            } else { Issue.record("incomplete CellResult \(json) not rejected") }
        }
        let broken = Self.frames(.result, [Self.lease, Self.key, "\0\0\0\u{1}", #"{"a":1,"a":2}"#])
        if case .duplicateMember = Self.error({ _ = try WireCodec.decodeFromWorker(broken) }) {}
        else { Issue.record("a §2.5 violation must stay a malformed message") }
    }

    @Test func everyErrorDescriptionNamesItsCommandAndFrame() {
        let e = ProtocolError.invalidCellKey(command: "ASSIGN", frame: 3)
        #expect(e.description.contains("ASSIGN") && e.description.contains("frame 3"))
    }

    // MARK: Robustness — docs/protocol.md §6.1 "the decoder MUST NOT trap"

    @Test func randomFramesNeverCrashTheDecoders() {
        var rng = SplitMix64(seed: 0x5eed)
        let commands = WireConstants.Command.allCases.map(\.rawValue) + [0, 0x0B, 0xFF]
        var decoded = 0, refused = 0
        for _ in 0..<4000 {
            let count = Int(rng.next() % 40)
            var frames: [[UInt8]] = (0..<count).map { _ in
                let size = Int(rng.next() % (rng.next() % 4 == 0 ? 80 : 20))
                return (0..<size).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            }
            if count >= 1, rng.next() % 4 != 0 { frames[0] = WireConstants.tag }
            if count >= 2, rng.next() % 4 != 0 { frames[1] = [commands[Int(rng.next() % UInt64(commands.count))]] }
            if count >= 3, rng.next() % 3 == 0 { frames[2] = Array(Self.lease.utf8) }
            if count >= 4, rng.next() % 3 == 0 { frames[3] = Array(Self.key.utf8) }
            if count >= 6, rng.next() % 3 == 0 { frames[count - 1] = Array(#"{"phase":"train","epoch":1,"line":""}"#.utf8) }
            for decode in [{ _ = try WireCodec.decodeFromWorker($0) }, { _ = try WireCodec.decodeFromCoordinator($0) },
                           { _ = try WireCodec.decodeAtCoordinator($0) }, { _ = try WireCodec.decodeFromClient($0) }]
                as [([[UInt8]]) throws -> Void] {
                do { try decode(frames); decoded += 1 } catch is ProtocolError { refused += 1 } catch { Issue.record("untyped error \(error)") }
            }
        }
        // The frames reach both outcomes, so neither path went untested.
        #expect(decoded > 0 && refused > 0, "decoded \(decoded), refused \(refused)")
    }
}

/// A seeded generator, so a failing random case can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
