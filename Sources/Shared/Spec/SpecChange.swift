/// How an edited spec relates to the spec a sweep was started with; the coordinator decides on
/// resume whether to continue, add cells, or refuse.
public enum SpecChange: Sendable, Hashable {
    /// Every cell of the old spec is in the new one with the same key, and there are no new
    /// cells. Edits that cannot change a result (the sweep name, an unused dataset, the order of
    /// widths) count as identical.
    case identical
    /// The new spec keeps every old cell with its key and adds these cells (new widths, seeds or
    /// tasks), in the new spec's dispatch order.
    case additive([CellCoordinate])
    /// Some old cell is gone or means something else (its key changed); each string says one
    /// thing that changed, in the spec's vocabulary, e.g.
    /// "training.learning_rate changed from 0.05 to 0.1".
    case changesMeaning([String])
}
