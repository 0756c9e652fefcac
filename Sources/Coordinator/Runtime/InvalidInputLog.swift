/// docs/protocol.md §6.1: invalid input is logged at most once per peer per second, with a
/// count of what was suppressed, so a peer sending garbage cannot flood the log. The table is
/// bounded: past `maxPeers` entries it starts over.
struct InvalidInputLog {
    private struct Entry {
        var lastLogged: Duration
        var suppressed: Int
        var lastProblem: String
    }

    private var entries: [PeerID: Entry] = [:]
    private var ready: [String] = []
    let maxPeers = 10_000
    private(set) var dropped = 0

    mutating func note(peer: PeerID, problem: String, now: Duration) {
        dropped += 1
        if entries.count >= maxPeers { entries.removeAll() }
        if var entry = entries[peer], now - entry.lastLogged < .seconds(1) {
            entry.suppressed += 1
            entry.lastProblem = problem
            entries[peer] = entry
            return
        }
        let suppressed = entries[peer]?.suppressed ?? 0
        ready.append("dropped a message from \(Dispatcher.describe(peer)): \(problem)"
            + (suppressed > 0 ? " (and \(suppressed) more from this peer)" : ""))
        entries[peer] = Entry(lastLogged: now, suppressed: 0, lastProblem: problem)
    }

    mutating func flush(now: Duration) -> [String] {
        defer { ready.removeAll() }
        return ready
    }
}
