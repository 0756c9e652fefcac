/// Why an atlas step could not be carried out on the data or settings it was given.
///
/// These describe the input (too few examples for the neighbourhood asked for, a diverged
/// network's NaN activations, a grid too fine for the examples), not bugs: the cell fails with
/// this message, which names the spec setting to change.
public enum AtlasError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A layout was asked of `n` points but its neighbourhood graph needs at least `needed`.
    case tooFewPoints(n: Int, needed: Int)
    /// An input holds NaN or infinity; `what` names the input and the first bad position.
    case nonFinite(what: String)
    /// The points have no coordinates at all (zero columns); `what` names the input.
    case noFeatures(what: String)
    /// No layout cell holds `minPoints` points, so the atlas would have no tile.
    case emptyGrid(grid: Int, minPoints: Int, examples: Int)
    /// A setting lies outside the range its method is defined for; the message names it.
    case invalidSetting(String)

    public var description: String {
        switch self {
        case let .tooFewPoints(n, needed):
            return "too few points for the layout: \(n) given, at least \(needed) needed "
                + "(one more than the neighbours per point); lay out more examples or ask for fewer neighbours"
        case let .nonFinite(what):
            return "non-finite value: \(what) is NaN or infinite"
        case let .noFeatures(what):
            return "\(what) has no columns: there is nothing to lay out"
        case let .emptyGrid(grid, minPoints, examples):
            return "no cell of the \(grid) × \(grid) atlas grid holds \(minPoints) of the \(examples) points; "
                + "lower atlas.grid or atlas.min_points, or raise atlas.examples"
        case let .invalidSetting(message):
            return "invalid setting: \(message)"
        }
    }
}
