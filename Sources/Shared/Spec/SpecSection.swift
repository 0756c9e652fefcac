/// One top-level section of the sweep spec (`model`, `training`, later `transfer`, `metrics`,
/// `atlas`, `scheduling`): how it is read and what it adds to cell keys.
///
/// Adding a section is one new file (`Spec/<Name>Section.swift`) with a type conforming to this
/// protocol, then one line in each of four places that name every section: the stored property
/// and `init` parameter of `SweepSpec`, `SweepSpec.topLevelKeys` and `parse` in
/// `SweepSpec+Parsing.swift`, and `SweepSpec.sectionsCanonical`. Unknown-key checks, cell keys
/// and diffs then cover the section with no further code (docs/spec.md, "Adding a section").
protocol SpecSection: Codable, Sendable, Hashable {
    /// The section's top-level YAML key.
    static var key: String { get }
    /// Reads the section. `node` is nil when the key is absent: a required section throws
    /// `SpecError.missingKey`, an optional one returns its defaults.
    static func parse(_ node: SpecNode?, in context: SpecContext) throws -> Self
    /// The section in YAML spelling with defaults filled in: its part of every cell key and of
    /// diffs. Nil for a section that cannot change any cell's result (scheduling, say).
    var canonical: CanonicalJSON? { get }
}

/// What a section parser may need besides its own node.
struct SpecContext {
    /// File name for messages.
    let file: String
    /// Location of the document's top mapping, where missing top-level keys are reported.
    let rootLocation: SourceLocation
    /// Absolute directory against which relative paths are resolved.
    let baseDirectory: String
    /// The fewest features any width of the sweep gives a readout (the smallest width, or 4 × it
    /// for the CNN), once `model` and `widths` are read: the bound of `transfer.equal_dimension`.
    var smallestFeatureWidth: Int? = nil
}
