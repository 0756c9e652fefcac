import Shared

extension WorkerSession {
    /// Something that happened to the worker; `now` is monotonic time since it started.
    enum Event: Sendable {
        /// A new socket was opened and connected (first start or after a reconnect wait).
        case connected(now: Duration)
        /// A valid message from the coordinator (already checked by `WireCodec`, §6.1).
        case received(CoordinatorMessage, now: Duration)
        /// A message that failed validation: dropped, logged at a limited rate (§6.1).
        case invalidMessage(reason: String, now: Duration)
        /// Time passed; the loop sends one at least every few hundred milliseconds.
        case tick(now: Duration)
        /// A running cell reported progress.
        case cellProgress(leaseId: String, report: ProgressReport, now: Duration)
        /// A running cell finished and produced its result.
        case cellFinished(leaseId: String, delivery: ResultDelivery, now: Duration)
        /// A running cell could not be computed; `error` becomes the `FAILED` text.
        case cellFailed(leaseId: String, error: String, now: Duration)
        /// SIGINT (Ctrl-C): the first drains, the second stops at once (§3.6).
        case interrupt(now: Duration)
        /// SIGTERM: stop at once, releasing leases without counting a failure (§3.6).
        case terminate(now: Duration)

        var now: Duration {
            switch self {
            case let .connected(now), let .received(_, now), let .invalidMessage(_, now), let .tick(now),
                 let .cellProgress(_, _, now), let .cellFinished(_, _, now), let .cellFailed(_, _, now),
                 let .interrupt(now), let .terminate(now):
                now
            }
        }
    }

    /// What the loop must do, in the order given.
    enum Action: Sendable, Equatable {
        /// Send this message on the current socket.
        case send(WorkerMessage)
        /// Spawn a process for this cell; report back with `cellProgress`/`cellFinished`/`cellFailed`.
        case startCell(leaseId: String, cellKey: String, attempt: UInt32, cell: CellAssignment)
        /// Kill every running cell process; the session has already forgotten them.
        case killCells
        /// Close the socket now; open a new one after `after` and send `connected` (§4.1).
        case reconnect(after: Duration)
        /// Close the socket and leave with this code; `message` is the one line for the user.
        case exit(code: Int32, message: String)
        /// One line for the worker's log (stderr).
        case log(String)
    }
}
