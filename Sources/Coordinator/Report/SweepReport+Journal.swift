import Foundation
import Shared

/// Reading a report's inputs from the journal. Only reads: a coordinator may hold the sweep
/// directory and keep writing while this runs; SQLite's WAL gives a consistent snapshot per query.
extension SweepReport {
    /// Atlas images are read from `artifacts`, by default the artifact folder beside the journal.
    static func load(from journal: Journal, options: ReportOptions = ReportOptions(), now: Date = Date(),
                     artifacts: ArtifactStore? = nil) throws -> SweepReport {
        let stored = try journal.storedSpec()
        var finished: [String: Journal.FinishedRow] = [:]
        for row in try journal.finishedResults() { finished[row.key] = row }
        let decoder = JSONDecoder()
        let cells = try journal.cells().map { entry -> ReportCell in
            var cell = ReportCell(key: entry.key, cell: entry.cell, status: .queued, failedAttempts: entry.failedAttempts)
            switch entry.state {
            case .queued: cell.status = .queued
            case .leased: cell.status = .running
            case .failed:
                cell.status = .failed
                cell.problem = entry.lastError
            case .finished:
                guard let row = finished[entry.key] else {
                    cell.status = .unreadable
                    cell.problem = "the journal marks the cell finished but holds no result"
                    return cell
                }
                cell.worker = row.worker
                cell.host = row.host
                cell.attempt = row.attempt
                do {
                    let result = try decoder.decode(CellResult.self, from: Data(row.resultJSON))
                    try result.validate()
                    cell.result = result
                    cell.status = .finished
                } catch {
                    cell.status = .unreadable
                    cell.problem = Self.describe(error)
                }
            }
            return cell
        }
        // The journal is `<sweep dir>/journal.sqlite`: without its file name the path is the directory.
        let directory = String(journal.path.dropLast(Journal.fileName.count))
        return SweepReport(specYAML: stored?.yaml, engineVersion: stored?.engineVersion, cells: cells,
                           events: try journal.events(), options: options, generatedAt: now,
                           artifacts: artifacts ?? ArtifactStore(directory: directory.isEmpty ? "." : directory))
    }

    /// One line for a result that does not decode or validate.
    private static func describe(_ error: any Error) -> String {
        switch error {
        case let invalid as InvalidResult: return invalid.description
        case DecodingError.keyNotFound(let key, let context):
            return "missing field \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default: return "\(error)"
        }
    }
}
