/// The `report` section: how the report judges the sweep's results. It changes no cell's
/// result, so it is not part of any cell key, and editing it never re-runs a cell.
public struct ReportSection: Codable, Sendable, Hashable, SpecSection {
    /// How far source test accuracy may move across the sweep's widths and still count as
    /// matched, as a fraction (0.005 = 0.5 points). The report claims "matched" only when an
    /// equivalence test shows the fitted change from the narrowest to the widest width lies
    /// within ± this (docs/report.md, "Matched accuracy"). Default 0.005: about the seed-to-seed
    /// spread of a Fashion-MNIST MLP's test accuracy, and small next to the transfer effects
    /// under study (several points).
    public var matchMargin: Double

    public init(matchMargin: Double = 0.005) {
        self.matchMargin = matchMargin
    }

    enum CodingKeys: String, CodingKey {
        case matchMargin = "match_margin"
    }

    static let key = "report"
    static let keys = ["match_margin"]

    static func parse(_ node: SpecNode?, in context: SpecContext) throws -> ReportSection {
        var section = ReportSection()
        guard let node else { return section }
        let mapping = try node.mapping(allowing: keys)
        if let value = mapping.optional("match_margin") {
            section.matchMargin = try value.number("a number in (0, 0.5]") { $0 > 0 && $0 <= 0.5 }
        }
        return section
    }

    /// Nil: the report section cannot change any cell's result.
    var canonical: CanonicalJSON? { nil }
}
