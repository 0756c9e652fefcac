// Implements docs/protocol.md §6.1 (every message) and §6.2 (the result object): each check that
// can fail has its own case, so a log line says exactly which one did.

/// Why a multipart message is not a valid WSP/1 message. Decoding never traps; it throws one of these.
public enum ProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message has fewer than 2 or more than 38 frames, or not the count its command requires.
    case wrongFrameCount(command: String?, count: Int, expected: String)
    /// Frame 0 is not exactly `WSP01`.
    case wrongTag
    /// Frame 1 is not exactly one byte long.
    case commandFrameSize(size: Int)
    /// Frame 1 holds a reserved command byte.
    case unknownCommand(byte: UInt8)
    /// The command is valid but not one this peer may send in this direction.
    case unexpectedCommand(command: String, from: String)
    /// A frame is larger than its limit.
    case frameTooLarge(command: String, frame: Int, size: Int, limit: Int)
    /// The frames together exceed 64 MiB.
    case messageTooLarge(command: String, size: Int, limit: Int)
    /// A `u32` frame is not exactly 4 bytes.
    case invalidU32(command: String, frame: Int, size: Int)
    /// A `u32` value is outside the range the command allows (`REQUEST` n, attempt ≥ 1).
    case valueOutOfRange(command: String, frame: Int, value: UInt32)
    /// A cell key is not 64 lowercase hex characters.
    case invalidCellKey(command: String, frame: Int)
    /// A lease id is not 16 lowercase hex characters.
    case invalidLeaseId(command: String, frame: Int)
    /// A worker id does not match `^[A-Za-z0-9._:@-]{1,64}$`.
    case invalidWorkerId(command: String, frame: Int)
    /// A request id is empty or longer than 64 bytes.
    case invalidRequestId(command: String, frame: Int)
    /// A token does not match `^[a-z][a-z0-9-]{0,31}$` or is not one the command allows.
    case invalidToken(command: String, frame: Int, token: String)
    /// A text or JSON frame is not valid UTF-8.
    case invalidUTF8(command: String, frame: Int)
    /// A text frame contains a NUL byte.
    case containsNUL(command: String, frame: Int)
    /// A JSON frame is not RFC 8259 JSON with an object at top level.
    case malformedJSON(command: String, frame: Int, reason: String)
    /// A JSON frame nests deeper than 32 levels.
    case jsonTooDeep(command: String, frame: Int)
    /// A JSON object has the same member name twice.
    case duplicateMember(command: String, frame: Int, name: String)
    /// A JSON number overflows to infinity when read as an IEEE-754 double (e.g. `1e999`).
    case nonFiniteNumber(command: String, frame: Int)
    /// A required JSON member is missing.
    case missingMember(command: String, frame: Int, member: String)
    /// A JSON member has the wrong type (or `null` where the table does not allow it).
    case wrongType(command: String, frame: Int, member: String)
    /// A JSON member has the right type but a value outside what the table allows.
    case invalidMember(command: String, frame: Int, member: String, problem: String)
    /// An artifact name does not match `^[a-z0-9][a-z0-9._-]{0,63}$`.
    case invalidArtifactName(command: String, frame: Int)
    /// Two artifacts in one `RESULT` share a name.
    case duplicateArtifactName(command: String, frame: Int, name: String)
    /// A well-formed `RESULT` whose `CellResult` fails §6.2 (wrong `cellKey`, `validate()`);
    /// the coordinator answers `ACK rejected` with this reason instead of dropping it.
    case resultRejected(cellKey: String, attempt: UInt32, reason: String)

    public var description: String {
        switch self {
        case let .wrongFrameCount(command, count, expected):
            "\(command ?? "message"): \(count) frames, expected \(expected)"
        case .wrongTag:
            "message: frame 0 is not the tag WSP01"
        case let .commandFrameSize(size):
            "message: frame 1 (command) is \(size) bytes, expected 1"
        case let .unknownCommand(byte):
            "message: frame 1 holds reserved command byte 0x\(String(byte, radix: 16))"
        case let .unexpectedCommand(command, from):
            "\(command): frame 1 names a command \(from) may not send"
        case let .frameTooLarge(command, frame, size, limit):
            "\(command): frame \(frame) is \(size) bytes, limit \(limit)"
        case let .messageTooLarge(command, size, limit):
            "\(command): message is \(size) bytes, limit \(limit)"
        case let .invalidU32(command, frame, size):
            "\(command): frame \(frame) is \(size) bytes, expected a 4-byte u32"
        case let .valueOutOfRange(command, frame, value):
            "\(command): frame \(frame) value \(value) is out of range"
        case let .invalidCellKey(command, frame):
            "\(command): frame \(frame) is not a cell key (64 lowercase hex)"
        case let .invalidLeaseId(command, frame):
            "\(command): frame \(frame) is not a lease id (16 lowercase hex)"
        case let .invalidWorkerId(command, frame):
            "\(command): frame \(frame) is not a worker id"
        case let .invalidRequestId(command, frame):
            "\(command): frame \(frame) is not a request id (1-64 bytes)"
        case let .invalidToken(command, frame, token):
            "\(command): frame \(frame) token \"\(token)\" is not allowed"
        case let .invalidUTF8(command, frame):
            "\(command): frame \(frame) is not valid UTF-8"
        case let .containsNUL(command, frame):
            "\(command): frame \(frame) text contains NUL"
        case let .malformedJSON(command, frame, reason):
            "\(command): frame \(frame) is not a JSON object: \(reason)"
        case let .jsonTooDeep(command, frame):
            "\(command): frame \(frame) JSON nests deeper than \(WireConstants.maxJSONDepth)"
        case let .duplicateMember(command, frame, name):
            "\(command): frame \(frame) JSON repeats member \"\(name)\""
        case let .nonFiniteNumber(command, frame):
            "\(command): frame \(frame) JSON holds a number that is not finite"
        case let .missingMember(command, frame, member):
            "\(command): frame \(frame) JSON lacks required member \(member)"
        case let .wrongType(command, frame, member):
            "\(command): frame \(frame) JSON member \(member) has the wrong type"
        case let .invalidMember(command, frame, member, problem):
            "\(command): frame \(frame) JSON member \(member) \(problem)"
        case let .invalidArtifactName(command, frame):
            "\(command): frame \(frame) is not a valid artifact name"
        case let .duplicateArtifactName(command, frame, name):
            "\(command): frame \(frame) repeats artifact name \"\(name)\""
        case let .resultRejected(cellKey, attempt, reason):
            "RESULT: frame 5 rejected for cell \(cellKey) attempt \(attempt): \(reason)"
        }
    }
}
