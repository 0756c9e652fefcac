/// The `metrics` section: the probe set on which the information in the hidden state is
/// measured (docs/metrics.md), for the trained network and its untrained control.
public struct MetricsSection: Codable, Sendable, Hashable, SpecSection {
    /// Held-out source-task test examples in the probe set (a deterministic subsample, the same
    /// for every width and seed). Default 5,000: participation ratio and selectivity are stable
    /// to ~1% there, and the eigen-solves stay cheap at width 4096.
    public var probeExamples: Int
    /// Source-task training examples on which the reconstruction and probe regressions are
    /// fitted before being scored on the probe set. Default 5,000, for the same reasons.
    public var fitExamples: Int
    /// Top principal directions whose class selectivity is compared with single units'. Nil,
    /// the default, means one fewer than the classes on the probe set: centred class means span
    /// at most C − 1 dimensions, so only that many directions can carry class structure, and
    /// scoring more averages in within-class directions no class owns (docs/metrics.md).
    public var directions: Int?

    public init(probeExamples: Int = 5000, fitExamples: Int = 5000, directions: Int? = nil) {
        self.probeExamples = probeExamples
        self.fitExamples = fitExamples
        self.directions = directions
    }

    enum CodingKeys: String, CodingKey {
        case probeExamples = "probe_examples", fitExamples = "fit_examples", directions
    }

    static let key = "metrics"
    static let keys = ["probe_examples", "fit_examples", "directions"]

    static func parse(_ node: SpecNode?, in context: SpecContext) throws -> MetricsSection {
        var section = MetricsSection()
        guard let node else { return section }
        let mapping = try node.mapping(allowing: keys)
        // Fewer than 100 examples make every covariance-based number noise.
        let atLeast100 = "an integer ≥ 100"
        if let v = mapping.optional("probe_examples") { section.probeExamples = try v.integer(atLeast100) { $0 >= 100 } }
        if let v = mapping.optional("fit_examples") { section.fitExamples = try v.integer(atLeast100) { $0 >= 100 } }
        if let v = mapping.optional("directions"), !v.isNull {
            section.directions = try v.integer("a positive integer or null") { $0 > 0 }
        }
        return section
    }

    var canonical: CanonicalJSON? {
        .object([
            "probe_examples": .int(probeExamples), "fit_examples": .int(fitExamples),
            "directions": directions.map(CanonicalJSON.int) ?? .string("classes-1"),
        ])
    }
}
