/// Why a hidden-state metric could not be computed from the data it was given.
///
/// These are properties of the data (a network whose units all died, a probe set with one
/// class), not bugs: the worker records the metric as missing with this message and carries on.
public enum MetricError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two inputs that must describe the same examples or the same units differ in size.
    case shapeMismatch(String)
    /// A label lies outside 0..<classes.
    case labelOutOfRange(label: Int32, classes: Int)
    /// Fewer examples, or fewer distinct classes, than the metric needs.
    case tooFewExamples(String)
    /// An activation or input is NaN or infinite.
    case nonFinite(String)
    /// Class selectivity needs non-negative activations (ReLU units); this unit has a negative one.
    case negativeActivation(unit: Int, value: Float)
    /// The data has no spread where the metric divides by it (e.g. every activation is identical).
    case degenerate(String)

    public var description: String {
        switch self {
        case let .shapeMismatch(message): return "shape mismatch: \(message)"
        case let .labelOutOfRange(label, classes): return "label \(label) outside 0..<\(classes)"
        case let .tooFewExamples(message): return "too few examples: \(message)"
        case let .nonFinite(message): return "non-finite value: \(message)"
        case let .negativeActivation(unit, value):
            return "unit \(unit) has a negative activation (\(value)); class selectivity needs non-negative (ReLU) units"
        case let .degenerate(message): return "degenerate data: \(message)"
        }
    }
}
