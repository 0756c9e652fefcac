/// Failures of training itself (bad data and bad specs are caught before the engine runs).
public enum EngineError: Error, CustomStringConvertible, Sendable {
    /// The loss became NaN or infinite — usually a learning rate too large for this width.
    case diverged(epoch: Int, step: Int, loss: Double)
    /// Training or validation data cannot feed this network (wrong feature count or classes).
    case incompatibleData(String)

    public var description: String {
        switch self {
        case let .diverged(epoch, step, loss):
            return "training diverged at epoch \(epoch), step \(step) (loss \(loss)); lower the learning rate"
        case let .incompatibleData(message):
            return "data does not fit the network: \(message)"
        }
    }
}
