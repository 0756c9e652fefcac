// Implements docs/protocol.md §6.1 (every message, checks in the document's order) and §6.2
// (the result object) on top of the frame layouts of §2.4. Never traps on any byte sequence.

extension WireCodec {
    typealias Command = WireConstants.Command

    private static let workerCommands: Set<Command> = [.ready, .request, .progress, .result, .failed, .heartbeat, .disconnect]
    private static let clientCommands: Set<Command> = [.status, .cancel]
    private static let coordinatorCommands: Set<Command> = [.welcome, .assign, .ack, .heartbeat, .disconnect, .statusReply]
    private static let coordinatorInbound = workerCommands.union(clientCommands)

    /// Decodes a message a worker sent (what the coordinator receives once the peer is a worker).
    public static func decodeFromWorker(_ frames: [[UInt8]]) throws(ProtocolError) -> WorkerMessage {
        let command = try checkEnvelope(frames, allowed: workerCommands, from: "a worker")
        return try decodeWorker(command, frames)
    }

    /// Decodes a message a client sent (`STATUS`, `CANCEL`).
    public static func decodeFromClient(_ frames: [[UInt8]]) throws(ProtocolError) -> ClientMessage {
        let command = try checkEnvelope(frames, allowed: clientCommands, from: "a client")
        return try decodeClient(command, frames)
    }

    /// Decodes whatever may arrive at the coordinator's ROUTER (routing-id frame already removed):
    /// a worker command or a client command (§1.3: the first valid command fixes the role).
    public static func decodeAtCoordinator(_ frames: [[UInt8]]) throws(ProtocolError) -> PeerMessage {
        let command = try checkEnvelope(frames, allowed: coordinatorInbound, from: "a worker or client")
        if clientCommands.contains(command) { return .client(try decodeClient(command, frames)) }
        return .worker(try decodeWorker(command, frames))
    }

    /// Decodes a message the coordinator sent (what a worker or client receives).
    public static func decodeFromCoordinator(_ frames: [[UInt8]]) throws(ProtocolError) -> CoordinatorMessage {
        let command = try checkEnvelope(frames, allowed: coordinatorCommands, from: "the coordinator")
        let name = command.description
        switch command {
        case .welcome:
            return .welcome(try body(SessionParameters.self, frames, 2, command))
        case .assign:
            let lease = try WireFields.readLeaseId(frames[2], command, 2)
            let key = try WireFields.readCellKey(frames[3], command, 3)
            let attempt = try WireFields.readAttempt(frames[4], command, 4)
            return .assign(leaseId: lease, cellKey: key, attempt: attempt,
                           cell: try body(CellAssignment.self, frames, 5, command))
        case .ack:
            let key = try WireFields.readCellKey(frames[2], command, 2)
            let attempt = try WireFields.readAttempt(frames[3], command, 3)
            let token = try WireFields.readToken(frames[4], command, 4)
            guard let status = CoordinatorMessage.AckStatus(rawValue: token) else {
                throw .invalidToken(command: name, frame: 4, token: token)
            }
            return .ack(cellKey: key, attempt: attempt, status: status, detail: try WireFields.readText(frames[5], command, 5))
        case .heartbeat:
            return .heartbeat
        case .disconnect:
            return .disconnect(reason: try WireFields.readToken(frames[2], command, 2),
                               detail: try WireFields.readText(frames[3], command, 3))
        case .statusReply:
            let requestId = try WireFields.readRequestId(frames[2], command, 2)
            return .statusReply(requestId: requestId, status: try body(StatusReport.self, frames, 3, command))
        default:
            throw .unexpectedCommand(command: name, from: "the coordinator")
        }
    }

    private static func decodeWorker(_ command: Command, _ frames: [[UInt8]]) throws(ProtocolError) -> WorkerMessage {
        switch command {
        case .ready:
            let id = try WireFields.readWorkerId(frames[2], command, 2)
            return .ready(workerId: id, capabilities: try body(WorkerCapabilities.self, frames, 3, command))
        case .request:
            let n = try WireFields.readU32(frames[2], command, 2)
            guard WireConstants.creditRange.contains(n) else {
                throw .valueOutOfRange(command: command.description, frame: 2, value: n)
            }
            return .request(n: n)
        case .progress:
            let lease = try WireFields.readLeaseId(frames[2], command, 2)
            let key = try WireFields.readCellKey(frames[3], command, 3)
            let attempt = try WireFields.readAttempt(frames[4], command, 4)
            return .progress(leaseId: lease, cellKey: key, attempt: attempt,
                             report: try body(ProgressReport.self, frames, 5, command))
        case .result:
            return .result(try decodeResult(frames))
        case .failed:
            let lease = try WireFields.readLeaseId(frames[2], command, 2)
            let key = try WireFields.readCellKey(frames[3], command, 3)
            let attempt = try WireFields.readAttempt(frames[4], command, 4)
            return .failed(leaseId: lease, cellKey: key, attempt: attempt, error: try WireFields.readText(frames[5], command, 5))
        case .heartbeat:
            return .heartbeat
        case .disconnect:
            return .disconnect(reason: try WireFields.readToken(frames[2], command, 2),
                               detail: try WireFields.readText(frames[3], command, 3))
        default:
            throw .unexpectedCommand(command: command.description, from: "a worker")
        }
    }

    private static func decodeClient(_ command: Command, _ frames: [[UInt8]]) throws(ProtocolError) -> ClientMessage {
        let requestId = try WireFields.readRequestId(frames[2], command, 2)
        switch command {
        case .status:
            return .status(requestId: requestId)
        case .cancel:
            let token = try WireFields.readToken(frames[3], command, 3)
            guard let mode = ClientMessage.CancelMode(rawValue: token) else {
                throw .invalidToken(command: command.description, frame: 3, token: token)
            }
            return .cancel(requestId: requestId, mode: mode)
        default:
            throw .unexpectedCommand(command: command.description, from: "a client")
        }
    }

    /// §2.4 RESULT and §6.2: typed frames and artifacts first, then the JSON, then the result rules.
    private static func decodeResult(_ frames: [[UInt8]]) throws(ProtocolError) -> ResultDelivery {
        let command = Command.result
        let lease = try WireFields.readLeaseId(frames[2], command, 2)
        let key = try WireFields.readCellKey(frames[3], command, 3)
        let attempt = try WireFields.readAttempt(frames[4], command, 4)
        var artifacts: [ResultDelivery.Artifact] = []
        var names = Set<String>()
        var index = 6
        while index + 1 < frames.count {
            guard WireFields.isArtifactName(frames[index]) else {
                throw .invalidArtifactName(command: command.description, frame: index)
            }
            let name = String(decoding: frames[index], as: UTF8.self)
            guard names.insert(name).inserted else {
                throw .duplicateArtifactName(command: command.description, frame: index, name: name)
            }
            artifacts.append(.init(name: name, data: frames[index + 1]))
            index += 2
        }
        let result: CellResult
        do {
            result = try JSONFrameRules.decodeCellResult(from: frames[5], command: command, frame: 5)
        } catch .missingMember(_, _, let member) {
            // §6.2: valid JSON that is not a CellResult is a result that fails the checks.
            throw .resultRejected(cellKey: key, attempt: attempt, reason: "the result has no member \(member)")
        } catch .wrongType(_, _, let member) {
            throw .resultRejected(cellKey: key, attempt: attempt, reason: "the result's \(member) has the wrong type")
        } catch .invalidMember(_, _, let member, let problem) {
            throw .resultRejected(cellKey: key, attempt: attempt, reason: "the result's \(member): \(problem)")
        }
        guard result.cellKey == key else {
            throw .resultRejected(cellKey: key, attempt: attempt, reason: "cellKey \(result.cellKey) differs from frame 3")
        }
        do {
            try result.validate()
        } catch {
            throw .resultRejected(cellKey: key, attempt: attempt, reason: "\(error)")
        }
        return ResultDelivery(leaseId: lease, cellKey: key, attempt: attempt, result: result,
                              resultJSON: frames[5], artifacts: artifacts)
    }

    /// A JSON frame decoded per §2.5, then range-checked per the command's table.
    private static func body<T: WireBody>(_ type: T.Type, _ frames: [[UInt8]], _ index: Int,
                                          _ command: Command) throws(ProtocolError) -> T {
        let value = try JSONFrameRules.decode(T.self, from: frames[index], command: command, frame: index)
        if let (member, problem) = value.rangeProblem() {
            throw .invalidMember(command: command.description, frame: index, member: member, problem: problem)
        }
        return value
    }

    /// §6.1 steps 1–5: frame count, tag, command byte, count for the command, sizes. Returns the
    /// command; afterwards every frame index the command's layout names exists.
    static func checkEnvelope(_ frames: [[UInt8]], allowed: Set<Command>, from sender: String) throws(ProtocolError) -> Command {
        guard (WireConstants.minFrames...WireConstants.maxFrames).contains(frames.count) else {
            throw .wrongFrameCount(command: nil, count: frames.count,
                                   expected: "\(WireConstants.minFrames)...\(WireConstants.maxFrames)")
        }
        guard frames[0] == WireConstants.tag else { throw .wrongTag }
        guard frames[1].count == 1 else { throw .commandFrameSize(size: frames[1].count) }
        guard let command = Command(rawValue: frames[1][0]) else { throw .unknownCommand(byte: frames[1][0]) }
        guard allowed.contains(command) else { throw .unexpectedCommand(command: command.description, from: sender) }
        let name = command.description
        if command == .result {
            let artifacts = (frames.count - 6) / 2
            guard frames.count >= 6, frames.count % 2 == 0, artifacts <= WireConstants.maxArtifacts else {
                throw .wrongFrameCount(command: name, count: frames.count, expected: "an even count 6...38")
            }
        } else if frames.count != command.frameCount {
            throw .wrongFrameCount(command: name, count: frames.count, expected: "\(command.frameCount)")
        }
        var total = 0
        for (index, frame) in frames.enumerated() {
            let limit = frameLimit(command, index)
            guard frame.count <= limit else {
                throw .frameTooLarge(command: name, frame: index, size: frame.count, limit: limit)
            }
            total += frame.count
        }
        guard total <= WireConstants.maxMessageBytes else {
            throw .messageTooLarge(command: name, size: total, limit: WireConstants.maxMessageBytes)
        }
        return command
    }

    /// The size limit of frame `index` of `command` (§2.4 tables, §2.6).
    static func frameLimit(_ command: Command, _ index: Int) -> Int {
        typealias W = WireConstants
        switch index {
        case 0: return W.tag.count
        case 1: return 1
        default: break
        }
        let limits: [Int]
        switch command {
        case .ready: limits = [W.maxWorkerIdBytes, W.maxSmallJSONBytes]
        case .welcome: limits = [W.maxSmallJSONBytes]
        case .request: limits = [W.u32Bytes]
        case .assign: limits = [W.leaseIdBytes, W.cellKeyBytes, W.u32Bytes, W.maxLargeJSONBytes]
        case .progress: limits = [W.leaseIdBytes, W.cellKeyBytes, W.u32Bytes, W.maxSmallJSONBytes]
        case .result:
            if index >= 6 { return index % 2 == 0 ? W.maxArtifactNameBytes : W.maxArtifactBytes }
            limits = [W.leaseIdBytes, W.cellKeyBytes, W.u32Bytes, W.maxLargeJSONBytes]
        case .ack: limits = [W.cellKeyBytes, W.u32Bytes, W.maxTokenBytes, W.maxDetailBytes]
        case .failed: limits = [W.leaseIdBytes, W.cellKeyBytes, W.u32Bytes, W.maxErrorTextBytes]
        case .heartbeat: limits = []
        case .disconnect: limits = [W.maxTokenBytes, W.maxDetailBytes]
        case .status: limits = [W.maxRequestIdBytes]
        case .statusReply: limits = [W.maxRequestIdBytes, W.maxLargeJSONBytes]
        case .cancel: limits = [W.maxRequestIdBytes, W.maxTokenBytes]
        }
        let slot = index - 2
        return slot < limits.count ? limits[slot] : W.maxFrameBytes
    }
}
