/// Height × width × channels of one example stored NHWC (channels fastest).
public struct ImageShape: Hashable, Sendable, Codable, CustomStringConvertible {
    public var height: Int
    public var width: Int
    public var channels: Int

    public init(height: Int, width: Int, channels: Int) {
        self.height = height
        self.width = width
        self.channels = channels
    }

    /// Floats per example.
    public var count: Int { height * width * channels }
    public var description: String { "\(height)×\(width)×\(channels)" }
}
