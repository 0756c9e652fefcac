// Implements docs/protocol.md §2.1 (frame layout), §2.2 (command bytes), §2.3 (field sizes) and
// §2.6 (limits). Every wire constant of WSP/1 lives in this file and nowhere else.

/// The constants of WSP/1, exactly as the tables of docs/protocol.md give them.
public enum WireConstants {
    /// Frame 0 of every message (§2.1).
    public static let tag: [UInt8] = Array("WSP01".utf8)

    /// Frames per message, without the routing-id frame (§2.6).
    public static let minFrames = 2
    public static let maxFrames = 38

    /// Any single frame: `ZMQ_MAXMSGSIZE` (§2.6).
    public static let maxFrameBytes = 16 * 1024 * 1024
    /// The whole message, checked after receipt (§2.6).
    public static let maxMessageBytes = 64 * 1024 * 1024

    /// JSON frames of `READY`, `WELCOME`, `PROGRESS` (§2.6).
    public static let maxSmallJSONBytes = 64 * 1024
    /// JSON frames of `ASSIGN`, `RESULT`, `STATUS-REPLY` (§2.6).
    public static let maxLargeJSONBytes = 1024 * 1024
    /// JSON nesting depth (§2.5).
    public static let maxJSONDepth = 32
    /// Largest magnitude a member typed integer may have (§2.5): ±2⁵³.
    public static let maxJSONInteger: Int64 = 1 << 53

    /// Artifacts per `RESULT` and their limits (§2.4 RESULT, §2.6).
    public static let maxArtifacts = 16
    public static let maxArtifactBytes = 16 * 1024 * 1024
    public static let maxArtifactNameBytes = 64

    /// `FAILED` error text (§2.6).
    public static let maxErrorTextBytes = 64 * 1024
    /// `ACK` and `DISCONNECT` detail (§2.6).
    public static let maxDetailBytes = 1024
    /// `PROGRESS` `line` member (§2.4 PROGRESS).
    public static let maxProgressLineBytes = 1024

    /// Typed field sizes (§2.3).
    public static let u32Bytes = 4
    public static let cellKeyBytes = 64
    public static let leaseIdBytes = 16
    public static let maxWorkerIdBytes = 64
    public static let maxRequestIdBytes = 64

    /// §4.1: the longest wait between a worker's reconnection attempts. The worker's backoff stops
    /// growing here, and a restarted coordinator keeps cells open for adoption this long past a
    /// worker's liveness window (and libzmq's own reconnect interval stops there), so all read it
    /// from this one place.
    public static let reconnectBackoffCeilingMilliseconds = 32_000
    public static let reconnectBackoffCeiling: Duration = .milliseconds(reconnectBackoffCeilingMilliseconds)
    public static let maxTokenBytes = 32

    /// `REQUEST` n and `slots` (§2.4, §2.6).
    public static let creditRange: ClosedRange<UInt32> = 1...256
    public static let slotsRange = 1...256
    /// `READY` capabilities (§2.4 READY).
    public static let threadsRange = 1...1024
    public static let hostBytesRange = 1...255
    public static let engineVersionBytesRange = 1...32
    public static let maxImplementationBytes = 64
    public static let maxBlasCoreBytes = 64
    /// `WELCOME` session parameters (§2.4 WELCOME).
    public static let heartbeatMillisecondsRange = 100...60_000
    public static let livenessRange = 2...100
    public static let leaseMillisecondsRange = 1_000...86_400_000

    /// Command bytes (§2.2). Every other byte is reserved.
    public enum Command: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        case ready = 0x01
        case request = 0x02
        case assign = 0x03
        case progress = 0x04
        case result = 0x05
        case ack = 0x06
        case failed = 0x07
        case heartbeat = 0x08
        case disconnect = 0x09
        case welcome = 0x0A
        case status = 0x10
        case statusReply = 0x11
        case cancel = 0x12

        /// The command's name as the document writes it.
        public var description: String {
            switch self {
            case .ready: "READY"
            case .request: "REQUEST"
            case .assign: "ASSIGN"
            case .progress: "PROGRESS"
            case .result: "RESULT"
            case .ack: "ACK"
            case .failed: "FAILED"
            case .heartbeat: "HEARTBEAT"
            case .disconnect: "DISCONNECT"
            case .welcome: "WELCOME"
            case .status: "STATUS"
            case .statusReply: "STATUS-REPLY"
            case .cancel: "CANCEL"
            }
        }

        /// Frames including tag and command (§2.2); `RESULT` is `6 + 2k`, checked separately.
        public var frameCount: Int {
            switch self {
            case .heartbeat: 2
            case .request, .welcome, .status: 3
            case .ready, .disconnect, .statusReply, .cancel: 4
            case .assign, .progress, .result, .ack, .failed: 6
            }
        }
    }
}
