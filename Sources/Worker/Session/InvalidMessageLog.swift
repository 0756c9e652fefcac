/// Logs dropped invalid messages at most once per interval, with a count of the ones suppressed
/// in between (docs/protocol.md §6.1), so a peer sending garbage cannot flood the log.
struct InvalidMessageLog: Equatable, Sendable {
    private(set) var lastLogged: Duration?
    private(set) var suppressed = 0

    mutating func note(_ reason: String, now: Duration, interval: Duration, _ actions: inout [WorkerSession.Action]) {
        if let lastLogged, now - lastLogged < interval {
            suppressed += 1
            return
        }
        var line = "dropped invalid message from the coordinator: \(reason)"
        if suppressed > 0 { line += " (\(suppressed) more dropped since the last line)" }
        actions.append(.log(line))
        lastLogged = now
        suppressed = 0
    }
}
