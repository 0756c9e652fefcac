import Foundation
import Glibc
import Testing
import TestSupport
@testable import Shared
@testable import Worker

/// Cells as child processes of the built `worker`, supervised the way `worker --connect` does:
/// JSON progress on a pipe, stderr forwarded, the result read from a file (docs/protocol.md §2.4).
@Suite struct CellProcessTests {
    static let smoke = BuiltExecutable.packageRoot.appendingPathComponent("examples/synthetic-smoke.yaml")
    static let cell = CellCoordinate(width: 4, seed: 0, task: "split")

    static func assignment() throws -> (key: String, cell: CellAssignment) {
        let yaml = try String(contentsOf: smoke, encoding: .utf8)
        let spec = try SweepSpec.load(path: smoke.path)
        let material = spec.cellKeyMaterial(cell, engineVersion: WidthsweepVersion.engine)
        return (SHA256.hexDigest(of: material),
                CellAssignment(cell: cell, keyMaterial: material, specYAML: yaml, leaseMilliseconds: 120_000))
    }

    /// Collects forwarded log lines (the test's stand-in for the worker's stderr).
    final class Lines: @unchecked Sendable {
        var lines: [String] = []
    }

    static func start(key: String, cell: CellAssignment, lines: Lines) throws -> (CellProcess, String) {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cellprocess-\(UUID().uuidString)").path
        let process = try CellProcess.start(executable: BuiltExecutable.worker.url.path, workDirectory: work,
                                            leaseId: "00000000000000a1", cellKey: key, attempt: 2, assignment: cell) {
            lines.lines.append($0)
        }
        return (process, work)
    }

    /// Polls the child's pipes (as the worker's loop does) until it has exited.
    static func runToEnd(_ process: CellProcess) -> (outcome: CellProcess.Outcome, progress: [ProgressReport]) {
        var progress: [ProgressReport] = []
        while true {
            var fds = process.fileDescriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if !fds.isEmpty { _ = poll(&fds, nfds_t(fds.count), 1000) }
            progress += process.readAvailable()
            if fds.isEmpty {
                // Both pipes at end of file: the child is exiting; wait for it without spinning.
                var info = siginfo_t()
                _ = waitid(P_PID, id_t(process.pid), &info, WEXITED | WNOWAIT)
            }
            if let (outcome, rest) = process.reap() { return (outcome, progress + rest) }
        }
    }

    @Test func aCellRunsInAChildAndReportsEveryPhaseThenItsResult() throws {
        let (key, cell) = try Self.assignment()
        let lines = Lines()
        let (process, work) = try Self.start(key: key, cell: cell, lines: lines)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (outcome, progress) = Self.runToEnd(process)
        guard case let .finished(delivery) = outcome else {
            Issue.record("expected a result, got \(outcome); stderr: \(lines.lines)")
            return
        }
        #expect(delivery.cellKey == key && delivery.leaseId == "00000000000000a1" && delivery.attempt == 2)
        #expect(delivery.result.cell == Self.cell)
        try delivery.result.validate()
        // §2.4 PROGRESS: phases in order, train reports counting epochs 1, 2, 3 (the spec's max_epochs).
        let phases = progress.map(\.phase).reduce(into: [ProgressReport.Phase]()) { if $0.last != $1 { $0.append($1) } }
        #expect(phases == [.load, .train, .evaluate, .transfer, .information])
        #expect(progress.filter { $0.phase == .train }.map(\.epoch) == [1, 2, 3])
        #expect(progress.first { $0.phase == .train }?.line.hasPrefix("epoch 1/3") == true)
        // The child's stderr reaches the worker's log under the cell's name, prefixed once.
        #expect(lines.lines.contains { $0.hasPrefix("split/w4/s0: training split/w4/s0") })
        #expect(!lines.lines.contains { $0.contains("worker: ") })
        // The lease's folder (spec and result files) is gone once the outcome is read.
        #expect(!FileManager.default.fileExists(atPath: process.directory))
    }

    @Test func aSpecThatDoesNotGiveTheCellKeyFailsWithKeyMismatch() throws {
        let (_, cell) = try Self.assignment()
        let lines = Lines()
        let (process, work) = try Self.start(key: String(repeating: "0", count: 64), cell: cell, lines: lines)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (outcome, progress) = Self.runToEnd(process)
        guard case let .failed(error) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(error.hasPrefix("key-mismatch:"), "\(error)")
        #expect(progress.isEmpty)
    }

    @Test func aKilledCellFailsNamingTheSignal() throws {
        let (key, cell) = try Self.assignment()
        let lines = Lines()
        let (process, work) = try Self.start(key: key, cell: cell, lines: lines)
        defer { try? FileManager.default.removeItem(atPath: work) }
        // Wait for its first progress line: the child is then surely running (and has logged).
        var fds = process.fileDescriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        while process.readAvailable().isEmpty { _ = poll(&fds, nfds_t(fds.count), 1000) }
        process.kill()
        let (outcome, _) = Self.runToEnd(process)
        guard case let .failed(error) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(error.hasPrefix("cell process killed by signal 9"), "\(error)")
    }

    @Test func exitStatusesBecomeFailedTextsWithTheStderrTail() {
        let noResult: () throws -> ResultDelivery = { throw WorkerRuntimeError.unreadableResult(path: "r", reason: "x") }
        #expect(CellProcess.outcome(status: 1 << 8, tail: "dataset missing", readResult: noResult)
            == .failed("cell process exited with status 1: dataset missing"))
        #expect(CellProcess.outcome(status: TrainCommand.keyMismatchStatus << 8, tail: "training\nkey-mismatch: spec gives k", readResult: noResult)
            == .failed("key-mismatch: spec gives k"))
        #expect(CellProcess.outcome(status: TrainCommand.inputErrorStatus << 8,
                                    tail: "loading\ninput-error: /data/fashion: not found", readResult: noResult)
            == .failed("input-error: /data/fashion: not found"))
        #expect(CellProcess.outcome(status: 0, tail: "", readResult: noResult)
            == .failed("the cell process exited 0 but its result r is unreadable: x"))
    }
}
