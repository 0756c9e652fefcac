/// Applying the scheduler's entries: the journal's half of docs/protocol.md §5.
extension Journal {
    /// Applies `entries` in one transaction (BEGIN IMMEDIATE … COMMIT): all of them are durable
    /// when this returns, none if it throws. Each entry also appends a row to `events`.
    ///
    /// An entry that does not fit its cell (an unknown key, a lease-ending entry for a lease that
    /// is not the cell's current one, a second result) throws and nothing of the batch is kept:
    /// the scheduler never emits such entries, so one means its state and the journal disagree.
    func apply(_ entries: [JournalEntry], at wallTime: Double) throws {
        guard !entries.isEmpty else { return }
        try database.transaction {
            for entry in entries {
                try apply(entry, at: wallTime)
            }
        }
    }

    private func apply(_ entry: JournalEntry, at time: Double) throws {
        let kind = entry.eventKind
        switch entry {
        case let .leased(key, attempt, leaseId, worker):
            let cell = try lookUp(key, kind)
            guard cell.state == .queued else {
                throw JournalError.invalidTransition(key: key, entry: kind.rawValue, state: cell.state,
                                                     detail: "only a queued cell can be leased")
            }
            guard Int(attempt) > cell.attemptsAssigned else {
                throw JournalError.invalidTransition(
                    key: key, entry: kind.rawValue, state: cell.state,
                    detail: "attempt \(attempt) is not above the \(cell.attemptsAssigned) already assigned")
            }
            let update = try database.cached("""
                UPDATE cells SET state = 'leased', attempts_assigned = ?2, lease_id = ?3, lease_worker = ?4
                WHERE key = ?1
                """)
            try update.bind(key, at: 1)
            try update.bind(Int(attempt), at: 2)
            try update.bind(leaseId, at: 3)
            try update.bind(worker, at: 4)
            try update.step()
            try appendEvent(time: time, kind: kind.rawValue, key: key, attempt: Int(attempt), worker: worker,
                            detail: leaseId)

        case let .adopted(key, attempt, leaseId, worker):
            let cell = try lookUp(key, kind)
            // Only the latest attempt: lease-ending entries name the cell's current attempt.
            guard cell.state == .queued, attempt >= 1, Int(attempt) == cell.attemptsAssigned else {
                throw JournalError.invalidTransition(
                    key: key, entry: kind.rawValue, state: cell.state,
                    detail: "only the latest attempt (\(cell.attemptsAssigned)) of a queued cell can be adopted, not \(attempt)")
            }
            let update = try database.cached("""
                UPDATE cells SET state = 'leased', lease_id = ?2, lease_worker = ?3 WHERE key = ?1
                """)
            try update.bind(key, at: 1)
            try update.bind(leaseId, at: 2)
            try update.bind(worker, at: 3)
            try update.step()
            try appendEvent(time: time, kind: kind.rawValue, key: key, attempt: Int(attempt), worker: worker,
                            detail: leaseId)

        case let .released(key, attempt, reason):
            let cell = try currentLease(key, attempt, kind)
            try endLease(key, state: .queued, failure: nil)
            try appendEvent(time: time, kind: kind.rawValue, key: key, attempt: Int(attempt), worker: cell.worker,
                            detail: reason)

        case let .attemptFailed(key, attempt, worker, error):
            _ = try currentLease(key, attempt, kind)
            try endLease(key, state: .queued, failure: error)
            try appendEvent(time: time, kind: kind.rawValue, key: key, attempt: Int(attempt), worker: worker,
                            detail: error)

        case let .cellFailed(key, attempt, worker, error):
            _ = try currentLease(key, attempt, kind)
            try endLease(key, state: .failed, failure: error)
            try appendEvent(time: time, kind: kind.rawValue, key: key, attempt: Int(attempt), worker: worker,
                            detail: error)

        case let .finished(key, attempt, worker, host, resultJSON, artifacts):
            try recordResult(key: key, attempt: attempt, worker: worker, host: host, resultJSON: resultJSON,
                             artifacts: artifacts, at: time)
            try appendEvent(time: time, kind: kind.rawValue, key: key, attempt: Int(attempt), worker: worker,
                            detail: host)

        case let .determinismWarning(key, worker, detail):
            _ = try lookUp(key, kind)
            try appendEvent(time: time, kind: kind.rawValue, key: key, attempt: nil, worker: worker, detail: detail)

        case let .workerRegistered(worker, host, slots, keyName):
            let key = keyName.map { " key=\($0)" } ?? ""
            try appendEvent(time: time, kind: kind.rawValue, key: nil, attempt: nil, worker: worker,
                            detail: "host=\(host) slots=\(slots)\(key)")

        case let .workerQuarantined(worker, keyName, detail):
            let key = keyName.map { " (key \($0))" } ?? ""
            try appendEvent(time: time, kind: kind.rawValue, key: nil, attempt: nil, worker: worker,
                            detail: detail + key)
        }
    }

    /// §5.4 step 3: the result verbatim, its artifact rows and the finished state, once per key.
    private func recordResult(key: String, attempt: UInt32, worker: String, host: String, resultJSON: [UInt8],
                              artifacts: [ArtifactRecord], at time: Double) throws {
        let cell = try lookUp(key, .finished)
        // Checked here as well as by the scheduler: overwriting a committed result is the one
        // mistake a resend storm must never cause.
        guard cell.state != .finished else { throw JournalError.alreadyFinished(key: key) }
        guard attempt >= 1, Int(attempt) <= cell.attemptsAssigned else {
            throw JournalError.attemptNotAssigned(key: key, attempt: attempt, highest: cell.attemptsAssigned)
        }
        let insert = try database.cached("""
            INSERT INTO results (key, attempt, worker, host, result_json, finished_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """)
        try insert.bind(key, at: 1)
        try insert.bind(Int(attempt), at: 2)
        try insert.bind(worker, at: 3)
        try insert.bind(host, at: 4)
        try insert.bind(resultJSON, at: 5)
        try insert.bind(time, at: 6)
        try insert.step()
        let insertArtifact = try database.cached(
            "INSERT INTO artifacts (key, name, size, sha256) VALUES (?1, ?2, ?3, ?4)")
        for artifact in artifacts {
            insertArtifact.reset()
            try insertArtifact.bind(key, at: 1)
            try insertArtifact.bind(artifact.name, at: 2)
            try insertArtifact.bind(artifact.size, at: 3)
            try insertArtifact.bind(artifact.sha256, at: 4)
            try insertArtifact.step()
        }
        // A result ends whatever lease the cell is under (§5.4: the key, not the lease, decides).
        try endLease(key, state: .finished, failure: nil)
    }

    /// What `apply` needs to know about a cell before changing it.
    private struct CellSnapshot {
        var state: CellState
        var attemptsAssigned: Int
        var worker: String?
    }

    private func lookUp(_ key: String, _ kind: JournalEntry.EventKind) throws -> CellSnapshot {
        let statement = try database.cached(
            "SELECT state, attempts_assigned, lease_worker FROM cells WHERE key = ?1")
        defer { statement.reset() }
        try statement.bind(key, at: 1)
        guard try statement.step() else { throw JournalError.unknownCell(key: key, entry: kind.rawValue) }
        return CellSnapshot(state: try cellState(statement.text(0)), attemptsAssigned: statement.int(1),
                            worker: statement.optionalText(2))
    }

    /// The cell, if `attempt` is its current lease; lease-ending entries apply to nothing else.
    private func currentLease(_ key: String, _ attempt: UInt32, _ kind: JournalEntry.EventKind) throws -> CellSnapshot {
        let cell = try lookUp(key, kind)
        guard cell.state == .leased, Int(attempt) == cell.attemptsAssigned else {
            throw JournalError.invalidTransition(
                key: key, entry: kind.rawValue, state: cell.state,
                detail: "attempt \(attempt) is not the current lease (attempt \(cell.attemptsAssigned))")
        }
        return cell
    }

    /// Clears the lease and moves the cell to `state`; a `failure` counts a failed attempt.
    private func endLease(_ key: String, state: CellState, failure: String?) throws {
        let update = try database.cached("""
            UPDATE cells SET state = ?2, lease_id = NULL, lease_worker = NULL,
                failed_attempts = failed_attempts + ?3, last_error = coalesce(?4, last_error)
            WHERE key = ?1
            """)
        try update.bind(key, at: 1)
        try update.bind(state.rawValue, at: 2)
        try update.bind(failure == nil ? 0 : 1, at: 3)
        try update.bind(failure, at: 4)
        try update.step()
    }

    /// Appends one row to the append-only event log.
    func appendEvent(time: Double, kind: String, key: String?, attempt: Int?, worker: String?,
                     detail: String?) throws {
        let insert = try database.cached(
            "INSERT INTO events (time, kind, key, attempt, worker, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        try insert.bind(time, at: 1)
        try insert.bind(kind, at: 2)
        try insert.bind(key, at: 3)
        try insert.bind(attempt, at: 4)
        try insert.bind(worker, at: 5)
        try insert.bind(detail, at: 6)
        try insert.step()
    }
}
