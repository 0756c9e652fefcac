/// One whole multipart message as `ZMQSocket.receive` read it, with what it had to drop.
public struct ReceivedMessage: Sendable {
    /// The frames kept, in order: a prefix of the message (all of it unless `overflowed`).
    public var frames: [[UInt8]]
    /// The `User-Id` metadata property the ZAP handler assigned (docs/protocol.md §7.3), e.g.
    /// `worker:node7`; nil when the connection has none (NULL mechanism without ZAP).
    public var userId: String?
    /// True if frames or bytes beyond the receive limits were read and discarded.
    public var overflowed: Bool
    /// Frames actually received, including discarded ones.
    public var frameCount: Int
    /// Bytes actually received, including discarded ones.
    public var totalBytes: Int

    public init(frames: [[UInt8]], userId: String? = nil, overflowed: Bool = false,
                frameCount: Int? = nil, totalBytes: Int? = nil) {
        self.frames = frames
        self.userId = userId
        self.overflowed = overflowed
        self.frameCount = frameCount ?? frames.count
        self.totalBytes = totalBytes ?? frames.reduce(0) { $0 + $1.count }
    }
}
