import Foundation
@testable import Coordinator
import Shared

/// What a batch did, in the order it did it: commits and sends on one line, so a test can ask
/// whether anything left before the commit it depends on.
final class BatchLedger {
    enum Event: Equatable {
        case committed([JournalEntry])
        case sent(to: PeerID, CoordinatorMessage)
    }

    private(set) var events: [Event] = []

    func append(_ event: Event) { events.append(event) }

    var commits: [[JournalEntry]] { events.compactMap { if case .committed(let e) = $0 { e } else { nil } } }
    var sends: [(peer: PeerID, message: CoordinatorMessage)] {
        events.compactMap { if case .sent(let peer, let message) = $0 { (peer, message) } else { nil } }
    }
}

/// A journal held in memory: key material and stored results by key, and every commit on the ledger.
final class JournalDouble: BatchJournal {
    struct CommitFailed: Error {}

    let ledger: BatchLedger
    var keyMaterial: [String: String] = [:]
    var results: [String: [UInt8]] = [:]
    /// The next commit throws (a full disk) and records nothing.
    var failNextCommit = false

    init(ledger: BatchLedger) { self.ledger = ledger }

    func keyMaterial(forKey key: String) throws -> String? { keyMaterial[key] }
    func result(forKey key: String) throws -> [UInt8]? { results[key] }

    func apply(_ entries: [JournalEntry], at wallTime: Double) throws {
        if failNextCommit {
            failNextCommit = false
            throw CommitFailed()
        }
        for case .finished(let key, _, _, _, let json, _) in entries { results[key] = json }
        ledger.append(.committed(entries))
    }
}

/// A socket that decodes what it is given as a worker would, and answers each send with
/// `outcome` for that message (sent unless told otherwise).
final class TransportDouble: BatchTransport {
    let ledger: BatchLedger
    var outcome: (PeerID, CoordinatorMessage) -> SendOutcome = { _, _ in .sent }

    init(ledger: BatchLedger) { self.ledger = ledger }

    func send(_ frames: [[UInt8]], to peer: PeerID) throws -> SendOutcome {
        let message = try WireCodec.decodeFromCoordinator(frames)
        let result = outcome(peer, message)
        if result == .sent { ledger.append(.sent(to: peer, message)) }
        return result
    }
}

/// A dispatcher harness with a batch executor between it and the doubles.
struct BatchRig {
    var h: Harness
    let ledger = BatchLedger()
    let journal: JournalDouble
    let transport: TransportDouble
    var execution: BatchExecution
    private(set) var logLines: [String] = []
    let artifactDirectory: String

    init(cells: Int) {
        h = Harness(cells: CellFixtures.cells(cells))
        journal = JournalDouble(ledger: ledger)
        transport = TransportDouble(ledger: ledger)
        for cell in h.cells { journal.keyMaterial[cell.key] = "material of \(cell.key.prefix(8))" }
        artifactDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("batch-tests-\(UUID().uuidString)").path
        execution = BatchExecution(assignments: AssignmentEncoder(specYAML: "name: test\n", leaseMilliseconds: 30_000),
                                   artifacts: ArtifactStore(directory: artifactDirectory))
    }

    @discardableResult
    mutating func execute(_ actions: [DispatchAction]) throws -> BatchExecution.Summary {
        var lines: [String] = []
        defer { logLines += lines }
        return try execution.execute(actions, dispatcher: &h.dispatcher, journal: journal, transport: transport, now: h.now,
                                     wallTime: { 0 }, log: { lines.append($0) }, dropped: { _, problem in lines.append(problem) })
    }

    func removeArtifacts() { try? FileManager.default.removeItem(atPath: artifactDirectory) }
}
