// docs/protocol.md §4 (heartbeating), §5.1 (lease expiry), §4.2 (sends that fail).
extension Dispatcher {
    /// Advances time: declares silent workers dead, expires leases, heartbeats idle sessions.
    mutating func tick(now: Duration) -> [DispatchAction] {
        var actions: [DispatchAction] = []
        // Workers told to go (done, drained, cancelled) get no more heartbeats; late results
        // from them are still answered until the loop exits.
        guard !isStopped else { return actions }
        if !held.isEmpty && now >= settings.adoptionWindow { releaseHeld() }
        for (peer, session) in sessions where now - session.lastHeard > settings.deadAfter {
            actions.append(.log("worker \(session.workerId) silent for \(settings.deadAfter); declared dead"))
            declareDead(peer, reason: "worker silent for \(settings.deadAfter) (liveness)", now: now, into: &actions)
        }
        for lease in leases.values where lease.expires < now {
            let coordinate = cells[lease.key].map { "\($0.coordinate)" } ?? Self.short(lease.key)
            actions.append(.log("lease on \(coordinate) attempt \(lease.attempt) held by \(lease.workerId) expired"))
            failAttempt(lease.id, error: "lease expired after \(settings.leaseDuration) without PROGRESS", now: now, into: &actions)
        }
        for (peer, session) in sessions where now - session.lastSent >= settings.heartbeatInterval {
            send(.heartbeat, to: peer, now: now, into: &actions)
        }
        drainIfIdle(now: now, into: &actions)
        dispatch(now: now, into: &actions)
        return actions
    }

    /// A send to `peer` failed with EHOSTUNREACH (§4.2 `ZMQ_ROUTER_MANDATORY`): the connection
    /// is gone, which ends its session as if it had died.
    mutating func peerUnreachable(_ peer: PeerID, now: Duration) -> [DispatchAction] {
        guard let session = sessions[peer] else { return [] }
        var actions: [DispatchAction] = [.log("worker \(session.workerId) unreachable; its session ends")]
        declareDead(peer, reason: "worker connection lost", now: now, into: &actions)
        dispatch(now: now, into: &actions)
        return actions
    }

    /// An `ASSIGN` could not be queued (EAGAIN at the high-water mark): the lease is released,
    /// not failed, and the credit comes back (§4.2).
    mutating func assignBounced(leaseId: String, to peer: PeerID, now: Duration) -> [DispatchAction] {
        var actions: [DispatchAction] = []
        guard leases[leaseId] != nil else { return actions }
        releaseLease(leaseId, reason: "ASSIGN not sent: high-water mark", into: &actions)
        if sessions[peer] != nil {
            sessions[peer]?.credit += 1
            creditPeers.insert(peer)
        }
        return actions
    }

    /// The session ends and its leases end as failed attempts (§4.1: a dead worker's cells go
    /// back to the queue, and the lost attempt counts).
    mutating func declareDead(_ peer: PeerID, reason: String, now: Duration, into actions: inout [DispatchAction]) {
        guard let session = sessions.removeValue(forKey: peer) else { return }
        if peerOfWorker[session.workerId] == peer { peerOfWorker[session.workerId] = nil }
        if workers[session.workerId]?.state == .alive { workers[session.workerId]?.state = .dead }
        for lease in leases.values where lease.workerId == session.workerId {
            failAttempt(lease.id, error: reason, now: now, into: &actions)
        }
    }

    /// The session ends without blame: its leases are released (worker `DISCONNECT`, cancel).
    mutating func endSession(_ peer: PeerID, releasing reason: String, now: Duration, into actions: inout [DispatchAction]) {
        guard let session = sessions.removeValue(forKey: peer) else { return }
        if peerOfWorker[session.workerId] == peer { peerOfWorker[session.workerId] = nil }
        for lease in leases.values where lease.workerId == session.workerId {
            releaseLease(lease.id, reason: reason, into: &actions)
        }
        dispatch(now: now, into: &actions)
    }
}
