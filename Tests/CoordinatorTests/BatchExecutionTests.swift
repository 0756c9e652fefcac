import Testing
@testable import Coordinator
import Shared

/// The order `BatchExecution` keeps between the journal and the socket, which the exactly-once
/// promise rests on (docs/architecture.md §7.1, docs/protocol.md §5.1 and §5.4): the dispatcher's
/// real actions, carried out against a journal and a socket that record what reached them.
struct BatchExecutionTests {
    /// §5.1: the WELCOME and both ASSIGNs leave only after the commit that holds both leases, and
    /// each ASSIGN carries the key material the journal holds for its key.
    @Test func nothingIsSentBeforeTheBatchIsCommitted() throws {
        var rig = BatchRig(cells: 2)
        var actions = rig.h.ready(worker: "w1", slots: 2)
        actions += rig.h.request(2, from: "w1")
        #expect(actions.assigns.count == 2)
        try rig.execute(actions)

        let events = rig.ledger.events
        let firstSend = try #require(events.firstIndex { if case .sent = $0 { true } else { false } })
        #expect(events[..<firstSend].count == 1, "one commit, then the sends: \(events)")
        let committed = rig.ledger.commits.flatMap { $0 }
        let leased = committed.compactMap { if case .leased(let key, _, _, _) = $0 { key } else { nil } }
        #expect(Set(leased) == Set(actions.assigns.map(\.cellKey)))
        #expect(events[firstSend...].allSatisfy { if case .sent = $0 { true } else { false } })

        let assigned = rig.ledger.sends.compactMap { sent -> (String, String)? in
            if case .assign(_, let key, _, let cell) = sent.message { (key, cell.keyMaterial) } else { nil }
        }
        #expect(assigned.count == 2)
        for (key, material) in assigned { #expect(material == rig.journal.keyMaterial[key]) }
    }

    /// A result ACKed accepted is committed before its ACK leaves, in the same batch.
    @Test func anAcceptedResultIsCommittedBeforeItsAck() throws {
        var rig = BatchRig(cells: 1)
        try rig.execute(rig.h.ready(worker: "w1") + rig.h.request(1, from: "w1"))
        let lease = rig.h.history.assigns[0]
        try rig.execute(try rig.h.deliver(lease))

        let finished = try #require(rig.ledger.events.firstIndex {
            if case .committed(let entries) = $0 { entries.contains { if case .finished = $0 { true } else { false } } } else { false }
        })
        let ack = try #require(rig.ledger.events.firstIndex {
            if case .sent(_, .ack(let key, _, .accepted, _)) = $0 { key == lease.cellKey } else { false }
        })
        #expect(finished < ack)
        #expect(rig.journal.results[lease.cellKey] != nil)
    }

    /// §5.5: the first result and a differing duplicate arrive in one batch. The journal does not
    /// hold the first yet when the duplicate is compared, so only the batch's own record can
    /// catch the difference; the warning is committed with the result.
    @Test func aDuplicateInTheSameBatchIsComparedWithTheResultRecordedInIt() throws {
        var rig = BatchRig(cells: 1)
        let (first, second) = try rig.twoAttemptsOfOneCell()
        #expect(second.attempt == 2 && second.peer == rig.h.peer(of: "b"))

        let cell = first.cell
        var batch = try rig.h.deliver(first)
        batch += try rig.h.deliver(second, result: CellFixtures.result(key: second.cellKey, cell: cell, testAccuracy: 0.7))
        #expect(batch.recorded == [first.cellKey] && batch.compared == [first.cellKey])
        #expect(rig.journal.results[first.cellKey] == nil)
        let commitsBefore = rig.ledger.commits.count
        try rig.execute(batch)

        let commit = rig.ledger.commits[commitsBefore...].flatMap { $0 }
        let warnings = commit.compactMap { if case .determinismWarning(let key, let worker, let detail) = $0 { (key, worker, detail) } else { nil } }
        #expect(warnings.count == 1)
        #expect(warnings.first?.0 == first.cellKey && warnings.first?.1 == "b")
        #expect(warnings.first?.2.contains("testAccuracy") == true, "\(warnings)")
        #expect(rig.h.dispatcher.determinismWarnings == 1)
        #expect(rig.logLines.contains { $0.hasPrefix("determinism warning:") })
    }

    /// The same two results with equal numbers: compared, and no warning.
    @Test func anEqualDuplicateInTheSameBatchWarnsOfNothing() throws {
        var rig = BatchRig(cells: 1)
        let (first, second) = try rig.twoAttemptsOfOneCell()
        let batch = try rig.h.deliver(first) + rig.h.deliver(second)
        #expect(batch.compared == [first.cellKey])
        try rig.execute(batch)
        #expect(!rig.ledger.commits.flatMap { $0 }.contains { if case .determinismWarning = $0 { true } else { false } })
        #expect(rig.h.dispatcher.determinismWarnings == 0)
    }

    /// §4.2: an ASSIGN the socket cannot queue releases its lease (not a failed attempt), the
    /// release is committed as a batch of its own, and the credit comes back: the next tick
    /// assigns the cell again, as attempt 2 of nothing failed.
    @Test func aBouncedAssignIsReleasedAndCommittedAndTheCreditComesBack() throws {
        var rig = BatchRig(cells: 1)
        rig.transport.outcome = { _, message in if case .assign = message { .full } else { .sent } }
        try rig.execute(rig.h.ready(worker: "w1") + rig.h.request(1, from: "w1"))

        let commits = rig.ledger.commits
        #expect(commits.count == 2, "\(commits)")
        #expect(commits.first?.contains { if case .leased = $0 { true } else { false } } == true)
        #expect(commits.last?.contains { if case .released = $0 { true } else { false } } == true)
        #expect(!commits.flatMap { $0 }.contains { if case .attemptFailed = $0 { true } else { false } })
        #expect(rig.h.dispatcher.counts.queued == 1 && rig.h.dispatcher.counts.running == 0)
        #expect(rig.h.worker("w1")?.consecutiveFailures == 0)

        rig.transport.outcome = { _, _ in .sent }
        rig.h.advance(by: .milliseconds(100))
        try rig.execute(rig.h.tick())
        let assigns = rig.ledger.sends.filter { if case .assign = $0.message { true } else { false } }
        #expect(assigns.count == 1, "the returned credit is used at the next tick")
        #expect(rig.h.dispatcher.counts.running == 1)
    }

    /// A send that finds no such peer ends the worker's session: its lease fails as an attempt,
    /// committed before anything that follows is sent.
    @Test func anUnreachablePeerEndsItsSessionAndTheFailureIsCommitted() throws {
        var rig = BatchRig(cells: 2)
        rig.transport.outcome = { _, message in if case .assign = message { .unreachable } else { .sent } }
        try rig.execute(rig.h.ready(worker: "w1") + rig.h.request(1, from: "w1"))

        let commits = rig.ledger.commits
        #expect(commits.count == 2, "\(commits)")
        #expect(commits.last?.contains { if case .attemptFailed(_, 1, "w1", _) = $0 { true } else { false } } == true)
        #expect(rig.h.dispatcher.aliveWorkers == 0)
        #expect(rig.h.dispatcher.counts.queued == 2)
        #expect(rig.logLines.contains { $0.contains("unreachable") })
    }

    /// docs/architecture.md §6: a commit that fails stops the coordinator and sends nothing of
    /// its batch — no WELCOME, no ASSIGN, no ACK a worker could act on.
    @Test func aFailedCommitSendsNothing() throws {
        var rig = BatchRig(cells: 2)
        rig.journal.failNextCommit = true
        let actions = rig.h.ready(worker: "w1", slots: 2) + rig.h.request(2, from: "w1")
        #expect(!actions.sent.isEmpty && !actions.assigns.isEmpty)
        #expect {
            try rig.execute(actions)
        } throws: { error in
            if case CoordinatorError.journalCommitFailed = error { true } else { false }
        }
        #expect(rig.ledger.events.isEmpty, "\(rig.ledger.events)")
    }
}

extension BatchRig {
    /// Worker a's lease expires and b gets the cell as attempt 2: the two assignments, both executed.
    mutating func twoAttemptsOfOneCell() throws -> (first: Assigned, second: Assigned) {
        try execute(h.ready(worker: "a") + h.ready(worker: "b") + h.request(1, from: "a") + h.request(1, from: "b"))
        let first = h.history.assigns[0]
        try execute(h.run(until: h.settings.leaseDuration + .seconds(1), heartbeatsFrom: ["a", "b"]))
        let second = try #require(h.history.assigns.last)
        return (first, second)
    }
}
