import Shared

/// A cell computed twice that gave different numbers (docs/protocol.md §5.5); the first result
/// stays, and the report says which cells are affected.
struct DeterminismWarning: Sendable, Equatable, Encodable {
    var key: String
    /// Nil when the key is no cell of the journal (it cannot happen through the coordinator).
    var cell: CellCoordinate?
    var worker: String?
    var detail: String
    /// Wall-clock seconds (Unix time) of the log entry.
    var time: Double

    /// The warnings in `events`, oldest first.
    static func all(from events: [Journal.EventRow], cells: [String: CellCoordinate]) -> [DeterminismWarning] {
        events.compactMap { event in
            guard event.kind == JournalEntry.EventKind.determinismWarning.rawValue, let key = event.key else { return nil }
            return DeterminismWarning(key: key, cell: cells[key], worker: event.worker, detail: event.detail ?? "",
                                      time: event.time)
        }
    }
}
