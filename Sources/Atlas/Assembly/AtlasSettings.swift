/// How one atlas is made (the spec's `atlas` section, docs/spec.md): how many inputs are laid
/// out, how finely the layout is gridded, and how hard each tile's visualisation is optimised.
///
/// No defaults here: they live in the spec's `AtlasSection`, which the worker translates.
public struct AtlasSettings: Sendable, Equatable {
    /// Source-task inputs whose activations are laid out (train split first, then test).
    public var examples: Int
    /// Layout cells per side.
    public var grid: Int
    /// Fewest examples a layout cell needs to get a tile; sparser cells average too few
    /// activations to stand for a region.
    public var minPoints: Int
    /// Hidden units drawn at random for the single-neuron sheet (fewer if the layer is narrower).
    public var neurons: Int
    /// Gradient-ascent steps and random restarts per visualisation.
    public var steps: Int
    public var restarts: Int

    public init(examples: Int, grid: Int, minPoints: Int, neurons: Int, steps: Int, restarts: Int) {
        self.examples = examples
        self.grid = grid
        self.minPoints = minPoints
        self.neurons = neurons
        self.steps = steps
        self.restarts = restarts
    }
}
