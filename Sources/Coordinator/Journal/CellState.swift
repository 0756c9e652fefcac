/// Where a cell stands in the journal (docs/protocol.md §5).
///
/// The raw values are what the `cells.state` column holds, so the file reads well in `sqlite3`.
enum CellState: String, Sendable {
    /// Waiting for a worker: never assigned, or its last lease ended without a result.
    case queued
    /// Assigned under a lease that has not ended yet.
    case leased
    /// Its result is committed; it is never assigned again.
    case finished
    /// It used up its failed attempts (`max_attempts`); terminal, shown in the report.
    case failed
}
