/// The `transfer` section: how a fresh last layer is fitted on the frozen features of each
/// target task (docs/metrics.md), for the trained network and for its untrained control.
public struct TransferSection: Sendable, Hashable, SpecSection {
    /// Labelled examples per class available to the new readout — for fitting it and for choosing
    /// its L2 strength. At least 2 per class (the spec parser refuses fewer).
    public enum Budget: Hashable, Sendable, Codable, CustomStringConvertible {
        case perClass(Int)
        /// Every training example of the target task.
        case all

        public var description: String {
            switch self {
            case .perClass(let n): return "\(n)"
            case .all: return "all"
            }
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let n = try? container.decode(Int.self) { self = .perClass(n); return }
            guard try container.decode(String.self) == "all" else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a count or all")
            }
            self = .all
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .perClass(let n): try container.encode(n)
            case .all: try container.encode("all")
            }
        }
    }

    /// Default [10, 100, all]: the few-shot, moderate and full-data regimes, where the width
    /// effect of Gilboa & Gur-Ari is largest at the small budgets.
    public var budgets: [Budget]
    /// L2 strengths tried for each readout: chosen by cross-validation on a budget's own examples,
    /// or on the target's validation split for `all`; extended upward when the strongest wins.
    /// Default 10^-6 … 10^0: from nearly unregularised (full budget) to strong (10 per class).
    public var l2Grid: [Double]
    /// L-BFGS iteration cap per fit. Default 500: features of a trained net converge in well
    /// under 200; the cap only bounds pathological fits, which are then flagged unconverged.
    public var maxIterations: Int
    /// K of the equal-dimension control, or nil (the default: off). When set, every readout is
    /// also fitted on the top-K principal components of its own training examples' features, for
    /// the trained network and the control alike, so every width is read through K dimensions
    /// (docs/metrics.md, "Equal-dimension control"). At most the smallest feature width.
    public var equalDimension: Int?

    public static let defaultGrid: [Double] = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]

    public init(budgets: [Budget] = [.perClass(10), .perClass(100), .all], l2Grid: [Double] = Self.defaultGrid,
                maxIterations: Int = 500, equalDimension: Int? = nil) {
        self.budgets = budgets
        self.l2Grid = l2Grid
        self.maxIterations = maxIterations
        self.equalDimension = equalDimension
    }

    enum CodingKeys: String, CodingKey {
        case budgets, l2Grid = "l2_grid", maxIterations = "max_iterations", equalDimension = "equal_dimension"
    }

    static let key = "transfer"
    static let keys = ["budgets", "l2_grid", "max_iterations", "equal_dimension"]

    /// `equal_dimension` may not exceed `context.smallestFeatureWidth`.
    static func parse(_ node: SpecNode?, in context: SpecContext) throws -> TransferSection {
        var section = TransferSection()
        guard let node else { return section }
        let mapping = try node.mapping(allowing: keys)
        if let list = mapping.optional("budgets") {
            let items = try list.list("a list of examples per class (integers ≥ 2) or all")
            guard !items.isEmpty else { throw list.mismatch("a non-empty list", got: "an empty list") }
            var budgets: [Budget] = []
            for item in items {
                let budget: Budget
                if case .scalar(let scalar) = item.node, scalar.string == "all" {
                    budget = .all
                } else {
                    // A budget's L2 strength is chosen by cross-validation on its own examples,
                    // which needs two per class: one to fit on and one to hold out.
                    budget = .perClass(try item.integer(
                        "an integer ≥ 2 or all (a budget of 1 per class leaves no example to cross-validate "
                        + "the readout's L2 strength on)") { $0 >= 2 })
                }
                guard !budgets.contains(budget) else {
                    throw SpecError.duplicate(item.location, path: item.path, value: budget.description)
                }
                budgets.append(budget)
            }
            section.budgets = budgets
        }
        if let list = mapping.optional("l2_grid") {
            let items = try list.list("a list of positive numbers")
            guard !items.isEmpty else { throw list.mismatch("a non-empty list", got: "an empty list") }
            section.l2Grid = try items.map { try $0.number("a positive number") { $0 > 0 } }
        }
        if let value = mapping.optional("max_iterations") {
            section.maxIterations = try value.integer("a positive integer") { $0 > 0 }
        }
        if let value = mapping.optional("equal_dimension") {
            let smallestFeatureWidth = context.smallestFeatureWidth ?? Int.max
            section.equalDimension = try value.integer(
                "an integer from 1 to \(smallestFeatureWidth), the smallest feature width of the sweep "
                + "(every width must have that many dimensions to be read through)") { $0 >= 1 && $0 <= smallestFeatureWidth }
        }
        return section
    }

    var canonical: CanonicalJSON? {
        .object([
            "budgets": .array(budgets.map {
                switch $0 {
                case .perClass(let n): return .int(n)
                case .all: return .string("all")
                }
            }),
            "l2_grid": .array(l2Grid.map(CanonicalJSON.number)),
            "max_iterations": .int(maxIterations),
        ].merging(equalDimension.map { ["equal_dimension": CanonicalJSON.int($0)] } ?? [:]) { a, _ in a })
    }
}
