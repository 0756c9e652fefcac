import Shared

/// The sweep's spec and cells: what resume reads at start-up.
extension Journal {
    /// The current spec and the engine version it was recorded with; nil for a new journal.
    func storedSpec() throws -> (yaml: String, engineVersion: String)? {
        let statement = try database.cached("SELECT yaml, engine_version FROM specs ORDER BY id DESC LIMIT 1")
        defer { statement.reset() }  // An unfinished statement would hold a read transaction open.
        guard try statement.step() else { return nil }
        return (statement.text(0), statement.text(1))
    }

    /// Makes `yaml` the current spec. Earlier specs stay in `specs` as history; recording the
    /// current one again (a plain resume) adds nothing.
    func recordSpec(yaml: String, engineVersion: String, at wallTime: Double) throws {
        if let current = try storedSpec(), current.yaml == yaml, current.engineVersion == engineVersion { return }
        let insert = try database.cached(
            "INSERT INTO specs (yaml, engine_version, recorded_at) VALUES (?1, ?2, ?3)")
        try insert.bind(yaml, at: 1)
        try insert.bind(engineVersion, at: 2)
        try insert.bind(wallTime, at: 3)
        try insert.step()
    }

    /// Inserts new cells as queued; for keys already present only the ordinal and the variant name
    /// change, since an additive spec edit re-orders dispatch (and turning a single model value
    /// into a list names the variant its cells belong to) but must not touch states, attempts or
    /// results.
    ///
    /// Every resume passes every cell, so unchanged cells cost one read and no write; new cells
    /// are inserted in key order, which appends to the key-ordered tables instead of splitting
    /// pages all over them (about twice as fast for a new 100,000-cell sweep).
    func upsertCells(_ cells: [(key: String, cell: CellCoordinate, ordinal: Int, keyMaterial: String)]) throws {
        try database.transaction {
            let existing = try ordinalsByKey()
            let reorder = try database.cached("UPDATE cells SET ordinal = ?2, variant = ?3 WHERE key = ?1")
            var fresh: [Int] = []
            for (index, entry) in cells.enumerated() {
                guard let stored = existing[entry.key] else {
                    fresh.append(index)
                    continue
                }
                guard stored.ordinal != entry.ordinal || stored.variant != entry.cell.variant else { continue }
                reorder.reset()
                try reorder.bind(entry.key, at: 1)
                try reorder.bind(entry.ordinal, at: 2)
                try reorder.bind(entry.cell.variant, at: 3)
                try reorder.step()
            }
            fresh.sort { (cells[$0].key, $0) < (cells[$1].key, $1) }
            // ON CONFLICT: a key listed twice in `cells` keeps its last ordinal instead of failing.
            let insertCell = try database.cached("""
                INSERT INTO cells (key, width, seed, task, ordinal, variant) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                ON CONFLICT (key) DO UPDATE SET ordinal = excluded.ordinal
                """)
            // The key is the digest of its material, so an existing row already holds the same text.
            let insertMaterial = try database.cached(
                "INSERT INTO key_material (key, material) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING")
            for index in fresh {
                let entry = cells[index]
                insertCell.reset()
                try insertCell.bind(entry.key, at: 1)
                try insertCell.bind(entry.cell.width, at: 2)
                try insertCell.bind(entry.cell.seed, at: 3)
                try insertCell.bind(entry.cell.task, at: 4)
                try insertCell.bind(entry.ordinal, at: 5)
                try insertCell.bind(entry.cell.variant, at: 6)
                try insertCell.step()
                insertMaterial.reset()
                try insertMaterial.bind(entry.key, at: 1)
                try insertMaterial.bind(entry.keyMaterial, at: 2)
                try insertMaterial.step()
            }
        }
    }

    private func ordinalsByKey() throws -> [String: (ordinal: Int, variant: String)] {
        let statement = try database.cached("SELECT key, ordinal, variant FROM cells")
        var ordinals: [String: (ordinal: Int, variant: String)] = [:]
        while try statement.step() {
            ordinals[statement.text(0)] = (statement.int(1), statement.text(2))
        }
        return ordinals
    }

    /// Every cell in dispatch order, without key material or results.
    func cells() throws -> [JournalCell] {
        let statement = try database.cached("""
            SELECT key, width, seed, task, ordinal, state, attempts_assigned, failed_attempts, last_error, variant
            FROM cells ORDER BY ordinal
            """)
        var cells: [JournalCell] = []
        while try statement.step() {
            cells.append(JournalCell(
                key: statement.text(0),
                cell: CellCoordinate(width: statement.int(1), seed: statement.int(2), task: statement.text(3),
                                     variant: statement.text(9)),
                ordinal: statement.int(4),
                state: try cellState(statement.text(5)),
                attemptsAssigned: statement.int(6),
                failedAttempts: statement.int(7),
                lastError: statement.optionalText(8)))
        }
        return cells
    }

    /// The canonical text `key` is the digest of, or nil for an unknown key.
    func keyMaterial(forKey key: String) throws -> String? {
        let statement = try database.cached("SELECT material FROM key_material WHERE key = ?1")
        defer { statement.reset() }
        try statement.bind(key, at: 1)
        guard try statement.step() else { return nil }
        return statement.text(0)
    }

    /// Resume (docs/protocol.md §5.2): every leased cell goes back to queued as a released lease,
    /// not a failed attempt; `attemptsAssigned` stays, so the next ASSIGN carries attempt + 1.
    /// Logs a `released` event per cell and returns how many there were.
    func requeueInFlight(at wallTime: Double) throws -> Int {
        try database.transaction {
            let inFlight = try database.cached(
                "SELECT key, attempts_assigned, lease_worker FROM cells WHERE state = 'leased'")
            var leases: [(key: String, attempt: Int, worker: String?)] = []
            while try inFlight.step() {
                leases.append((inFlight.text(0), inFlight.int(1), inFlight.optionalText(2)))
            }
            for lease in leases {
                try appendEvent(time: wallTime, kind: JournalEntry.EventKind.released.rawValue, key: lease.key,
                                attempt: lease.attempt, worker: lease.worker, detail: "coordinator restart")
            }
            try database.execute(
                "UPDATE cells SET state = 'queued', lease_id = NULL, lease_worker = NULL WHERE state = 'leased'")
            return leases.count
        }
    }
}
