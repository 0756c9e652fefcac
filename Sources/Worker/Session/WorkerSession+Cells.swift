import Shared

// What the worker does when one of its cell processes reports, finishes or fails.
extension WorkerSession {
    /// Forwards progress at most once per `progressForwardInterval` per lease; a later tick sends
    /// the newest report that was held back (§2.4 PROGRESS: SHOULD send one after each epoch).
    mutating func cellProgress(_ leaseId: String, _ report: ProgressReport, _ now: Duration, _ actions: inout [Action]) {
        guard let index = running.firstIndex(where: { $0.leaseId == leaseId }) else { return }
        running[index].update(WireText.clipped(report))
        if connection == .registered,
           running[index].progressDue(at: now, forwardInterval: configuration.progressForwardInterval) {
            sendProgress(index, now, &actions)
        }
    }

    /// Stores the result until an `ACK` for its key arrives (§5.4) and sends it if registered;
    /// otherwise it goes out right after the next `WELCOME`.
    mutating func cellFinished(_ leaseId: String, _ delivery: ResultDelivery, _ now: Duration, _ actions: inout [Action]) {
        guard let index = running.firstIndex(where: { $0.leaseId == leaseId }) else { return }
        let cell = running.remove(at: index)
        // A key computed twice (a reassigned lease) needs one stored result: any ACK settles the key.
        outbox.removeAll { $0.delivery.cellKey == delivery.cellKey }
        var stored = StoredResult(delivery: delivery)
        actions.append(.log("\(cell.coordinate) finished in \((now - cell.startedAt).logText)"))
        if connection == .registered {
            stored.lastSent = now
            send(.result(delivery), now, &actions)
        }
        outbox.append(stored)
        requestCredit(now, &actions)
    }

    /// Reports the failure (§2.4 FAILED); while unregistered it waits for the next `WELCOME`.
    /// If it is lost, the lease expires and the attempt counts as failed anyway.
    mutating func cellFailed(_ leaseId: String, _ error: String, _ now: Duration, _ actions: inout [Action]) {
        guard let index = running.firstIndex(where: { $0.leaseId == leaseId }) else { return }
        let cell = running.remove(at: index)
        let message = WorkerMessage.failed(leaseId: cell.leaseId, cellKey: cell.cellKey, attempt: cell.attempt,
                                           error: WireText.clipped(error.isEmpty ? "cell failed without a message" : error,
                                                                   toBytes: WireConstants.maxErrorTextBytes))
        actions.append(.log("\(cell.coordinate) failed: \(error.split(separator: "\n").last ?? "")"))
        if connection == .registered {
            send(message, now, &actions)
        } else {
            pendingFailures.append(message)
        }
        requestCredit(now, &actions)
    }
}
