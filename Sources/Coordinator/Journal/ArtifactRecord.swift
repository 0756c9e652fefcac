/// A stored artifact as the journal lists it (docs/protocol.md §5.4 step 3).
struct ArtifactRecord: Sendable, Equatable {
    /// File name under `artifacts/<cell-key>/`.
    var name: String
    /// Size in bytes.
    var size: Int
    /// SHA-256 of the content, lowercase hex; the determinism check compares these (§5.5).
    var sha256: String
}
