import Foundation
import Shared

/// Starts or resumes a sweep in its directory (docs/architecture.md §6): compares the spec with the one the
/// journal holds, adds new cells, refuses edits that change existing cells, and re-queues what
/// a previous coordinator left in flight.
struct SweepOpening {
    struct Opened {
        var spec: SweepSpec
        var specYAML: String
        var journal: Journal
        var lock: SweepDirectoryLock
        var cells: [JournalCell]
        /// One line per thing that happened on opening, for the log.
        var notes: [String]
    }

    let directory: SweepDirectory
    let engineVersion: String

    /// Reads and parses the spec file; the caller needs its name to choose the directory. The
    /// text returned — what the journal records, `spec.yaml` holds and every ASSIGN carries — has
    /// the file's relative dataset paths made absolute (`SweepSpec.resolvingRelativePaths`), so a
    /// worker in its lease folder, a resume and a report read the paths this file means.
    static func readSpec(path: String) throws -> (yaml: String, spec: SweepSpec) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SpecFileError.unreadable(path: path)
        }
        let yaml = try SweepSpec.resolvingRelativePaths(yaml: text, file: path)
        return (yaml, try SweepSpec.parse(yaml: yaml, file: path))
    }

    func open(yaml: String, spec: SweepSpec, startOver: Bool, now wallTime: Double) throws -> Opened {
        try directory.create()
        let lock = try SweepDirectoryLock(directory: directory.path)
        var journal = try Journal.open(directory: directory.path)
        var notes: [String] = []

        if let stored = try journal.storedSpec() {
            let changes = try meaningChanges(stored: stored, new: spec, newYAML: yaml)
            if !changes.isEmpty {
                guard startOver else {
                    throw CoordinatorError.specChangesMeaning(directory: directory.path, changes: changes)
                }
                journal.close()
                let aside = try setAside(at: wallTime)
                notes.append("started over: the previous journal and artifacts are in \(aside)")
                journal = try Journal.open(directory: directory.path)
            }
        }

        let stored = try journal.storedSpec()
        if stored?.yaml != yaml || stored?.engineVersion != engineVersion {
            // New sweep, or an edit that keeps every key (additive or cosmetic): record the spec
            // as run and insert the cells it adds. An unchanged spec skips this, which keeps
            // resuming a 100,000-cell sweep cheap.
            let before = stored == nil ? 0 : try journal.cells().count
            try journal.recordSpec(yaml: yaml, engineVersion: engineVersion, at: wallTime)
            let keys = spec.cellKeysAndMaterial(engineVersion: engineVersion).enumerated().map { ordinal, entry in
                (key: entry.key, cell: entry.cell, ordinal: ordinal, keyMaterial: entry.material)
            }
            try journal.upsertCells(keys)
            try yaml.write(toFile: directory.specFile, atomically: true, encoding: .utf8)
            if stored == nil {
                notes.append("new sweep \(spec.name): \(keys.count) cells in \(directory.path)")
            } else if keys.count > before {
                notes.append("the spec adds \(keys.count - before) cells to the \(before) already in the journal")
            }
        }
        let requeued = try journal.requeueInFlight(at: wallTime)
        if requeued > 0 { notes.append("re-queued \(requeued) cell\(requeued == 1 ? "" : "s") a previous coordinator left in flight") }
        let cells = try journal.cells()
        return Opened(spec: spec, specYAML: yaml, journal: journal, lock: lock, cells: cells, notes: notes)
    }

    /// What the edit changes about existing cells, in the spec's vocabulary; empty when every
    /// existing cell keeps its key.
    private func meaningChanges(stored: (yaml: String, engineVersion: String), new spec: SweepSpec, newYAML: String) throws -> [String] {
        if stored.yaml == newYAML && stored.engineVersion == engineVersion { return [] }
        let old: SweepSpec
        do { old = try SweepSpec.parse(yaml: stored.yaml, file: directory.specFile) } catch {
            throw CoordinatorError.storedSpecUnreadable(path: directory.path, problem: "\(error)")
        }
        var changes: [String] = []
        if stored.engineVersion != engineVersion {
            changes.append("engine version changed from \(stored.engineVersion) to \(engineVersion), which is part of every cell key")
        }
        if case .changesMeaning(let list) = spec.diff(from: old) { changes += list }
        return changes
    }

    /// Moves the journal and artifacts to `discarded-<time>/` (`-2`, `-3`, … when a start-over
    /// in the same second already took that name) so nothing is deleted.
    private func setAside(at wallTime: Double) throws -> String {
        let fm = FileManager.default
        var aside = directory.path + "/discarded-\(Int(wallTime))"
        var suffix = 1
        while fm.fileExists(atPath: aside) {
            suffix += 1
            aside = directory.path + "/discarded-\(Int(wallTime))-\(suffix)"
        }
        try fm.createDirectory(atPath: aside, withIntermediateDirectories: true)
        for name in [Journal.fileName, Journal.fileName + "-wal", Journal.fileName + "-shm", "artifacts", "spec.yaml", "report"]
        where fm.fileExists(atPath: directory.path + "/" + name) {
            try fm.moveItem(atPath: directory.path + "/" + name, toPath: aside + "/" + name)
        }
        try directory.create()
        return aside
    }
}

/// The spec file itself could not be read.
enum SpecFileError: Error, CustomStringConvertible {
    case unreadable(path: String)
    var description: String { "cannot read the sweep spec \(path): no such file or not UTF-8 text" }
    private var path: String { if case .unreadable(let p) = self { return p } else { return "" } }
}
