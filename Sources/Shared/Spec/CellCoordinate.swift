/// One unit of work: a network of one width and seed trained on one source task, then evaluated
/// on every target of that task.
public struct CellCoordinate: Codable, Sendable, Hashable, CustomStringConvertible {
    /// Hidden width (MLP units, or the CNN's channel multiplier).
    public var width: Int
    /// Cell seed: initialisation and batch order.
    public var seed: Int
    /// Name of the source task under `tasks`.
    public var task: String

    public init(width: Int, seed: Int, task: String) {
        self.width = width
        self.seed = seed
        self.task = task
    }

    /// `task/w64/s0`, short enough for logs and file names.
    public var description: String { "\(task)/w\(width)/s\(seed)" }
}
