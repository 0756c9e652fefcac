/// The `atlas` section: which cells draw an activation atlas (docs/metrics.md, "Activation atlas") and how.
///
/// Atlases are selected by seed (every width of a selected seed, so each row of the report
/// compares widths at one seed) and optionally by task. Only selected cells carry the section in
/// their key material: adding, removing or retuning atlases re-runs the selected cells and no
/// others (`SweepSpec.cellKeyMaterial`). Absent section: no atlases.
public struct AtlasSection: Codable, Sendable, Hashable {
    /// Seeds whose cells get atlases. Default: the first seed of `seeds`.
    public var seeds: [Int]
    /// Tasks whose cells get atlases; nil (the default) means every task.
    public var tasks: [String]?
    /// Source-task inputs laid out. Default 10,000 (Carter et al. use far more for ImageNet; for a
    /// 20 × 20 grid this leaves ~25 points per cell, enough for stable cell means).
    public var examples: Int
    /// Layout cells per side. Default 20.
    public var grid: Int
    /// Fewest points a layout cell needs to get a tile. Default 10.
    public var minPoints: Int
    /// Hidden units drawn for the single-neuron sheet. Default 25.
    public var neurons: Int
    /// Gradient-ascent steps and restarts per visualisation. Defaults 256 and 3.
    public var steps: Int
    public var restarts: Int

    public init(seeds: [Int], tasks: [String]? = nil, examples: Int = 10_000, grid: Int = 20, minPoints: Int = 10,
                neurons: Int = 25, steps: Int = 256, restarts: Int = 3) {
        self.seeds = seeds
        self.tasks = tasks
        self.examples = examples
        self.grid = grid
        self.minPoints = minPoints
        self.neurons = neurons
        self.steps = steps
        self.restarts = restarts
    }

    enum CodingKeys: String, CodingKey {
        case seeds, tasks, examples, grid, minPoints = "min_points", neurons, steps, restarts
    }

    static let key = "atlas"
    static let keys = ["seeds", "tasks", "examples", "grid", "min_points", "neurons", "steps", "restarts"]

    /// Whether the cell of `task` and `seed` draws an atlas.
    public func selects(task: String, seed: Int) -> Bool {
        seeds.contains(seed) && (tasks?.contains(task) ?? true)
    }

    /// Reads the section; `seeds` and `tasks` must name the sweep's own, so a typo cannot
    /// silently select nothing.
    static func parse(_ node: SpecNode?, seeds sweepSeeds: [Int], tasks sweepTasks: [String]) throws -> AtlasSection? {
        guard let node else { return nil }
        let mapping = try node.mapping(allowing: keys)
        var section = AtlasSection(seeds: Array(sweepSeeds.prefix(1)))
        if let list = mapping.optional("seeds") {
            section.seeds = try list.uniqueIntegers("an integer ≥ 0", list: "a list of the sweep's seeds") { $0 >= 0 }
            for (item, seed) in zip(try list.list(), section.seeds) where !sweepSeeds.contains(seed) {
                throw item.mismatch("one of the sweep's seeds \(sweepSeeds.map(String.init).joined(separator: ", "))")
            }
        }
        if let list = mapping.optional("tasks") {
            var names: [String] = []
            for item in try list.list("a list of task names") {
                let name = try item.string("a task name")
                guard sweepTasks.contains(name) else {
                    throw item.mismatch("one of the tasks \(sweepTasks.joined(separator: ", "))")
                }
                guard !names.contains(name) else { throw SpecError.duplicate(item.location, path: item.path, value: name) }
                names.append(name)
            }
            section.tasks = names
        }
        // A layout needs a few hundred points to be more than noise; the grid and restarts bound
        // the work per atlas.
        if let v = mapping.optional("examples") { section.examples = try v.integer("an integer in 200…1,000,000") { (200...1_000_000).contains($0) } }
        if let v = mapping.optional("grid") { section.grid = try v.integer("an integer in 2…64") { (2...64).contains($0) } }
        if let v = mapping.optional("min_points") { section.minPoints = try v.integer("a positive integer") { $0 > 0 } }
        if let v = mapping.optional("neurons") { section.neurons = try v.integer("an integer in 1…400") { (1...400).contains($0) } }
        if let v = mapping.optional("steps") { section.steps = try v.integer("an integer in 1…10,000") { (1...10_000).contains($0) } }
        if let v = mapping.optional("restarts") { section.restarts = try v.integer("an integer in 1…16") { (1...16).contains($0) } }
        return section
    }

    /// What a selected cell's key material holds: everything that changes the atlas, not the
    /// selection itself (a cell is either selected, and carries this, or not).
    var canonical: CanonicalJSON {
        .object([
            "examples": .int(examples), "grid": .int(grid), "min_points": .int(minPoints),
            "neurons": .int(neurons), "steps": .int(steps), "restarts": .int(restarts),
        ])
    }
}
