import Foundation
import Testing
import TestSupport

/// Drain (docs/protocol.md §3.6): Ctrl-C on the coordinator drains — running cells finish and are
/// recorded, nothing new starts, workers are told to go — and the next `coordinator run`
/// finishes the rest without recomputing anything.
///
/// The worker is stopped (SIGSTOP) while Ctrl-C arrives, so the cells in flight are known, not
/// caught by luck, and it is thawed only once the coordinator says it is draining.
@Suite(.serialized)
struct DrainTests {
    @Test func ctrlCDrainsRunningCellsAndARerunFinishesTheRest() throws {
        let fixture = try SweepFixture(spec: EndToEndSpecs.slowCells(name: "drain", widths: [128, 256], seeds: [0, 1, 2]))
        let endpoint = "tcp://127.0.0.1:\(SweepFixture.freePort())"
        // A long liveness window: the stopped worker sends no heartbeat and must not be declared dead.
        let arguments = ["run", fixture.specPath, "--dir", fixture.sweepDirectory, "--insecure", "--bind", endpoint, "--liveness", "60"]
        let coordinator = try RunningProcess(.coordinator, arguments, logDirectory: fixture.logs, name: "coordinator-1")
        let worker = try RunningProcess(.worker, ["--connect", endpoint, "--id", "w1"], logDirectory: fixture.logs, name: "worker-1")
        let frozen = try #require(FrozenWorker.freeze(worker, id: "w1", fixture: fixture),
                                  "the worker never held a lease; log: \(coordinator.stderr)")
        #expect(frozen.finished < 6)

        coordinator.interrupt()
        let draining = eventually(timeout: .seconds(30)) { fixture.status()?.state == .draining }
        let during = fixture.status()
        frozen.thaw()
        #expect(draining, "the coordinator never said it was draining: \(coordinator.stderr)")
        #expect(Set(during?.running.map(\.key) ?? []) == Set(frozen.leases.map(\.key)),
                "while draining, exactly the cells in flight at Ctrl-C stay leased")

        #expect(coordinator.waitForExit(timeout: .seconds(120)) == 3, "a drained sweep exits 3 (stopped early): \(coordinator.stderr)")
        #expect(worker.waitForExit(timeout: .seconds(20)) == 0, "the worker leaves on DISCONNECT drained: \(worker.stderr)")
        #expect(coordinator.stderr.contains("draining"))
        let drained = try fixture.recordingAudit()
        #expect(drained.finishedPerKey.count == frozen.finished + frozen.leases.count,
                "the cells in flight at Ctrl-C finished and nothing new started: \(drained.finishedPerKey.count) recorded")
        for lease in frozen.leases {
            #expect(drained.finishedPerKey[lease.key] == 1, "\(lease.cell) was in flight at Ctrl-C and is recorded once")
            #expect(coordinator.stdout.contains(lease.cell), "the drained run's table lists \(lease.cell)")
        }

        let rerun = try BuiltExecutable.coordinator.run(Array(arguments.dropLast(4)) + ["--local-workers", "2"])
        #expect(rerun.status == 0, "rerun: \(rerun.stderr)")
        let audit = try fixture.recordingAudit()
        #expect(audit.finishedPerKey.count == 6)
        #expect(audit.finishedPerKey.values.allSatisfy { $0 == 1 })
        #expect(audit.leasedAfterFinish.isEmpty)
    }

    /// The coordinator links OpenBLAS, whose threads start before main without SIGINT blocked; a
    /// Ctrl-C the kernel handed to one of them killed the coordinator (or, from a script's `&`,
    /// was lost) instead of draining. With OpenBLAS threads forced, Ctrl-C still drains: exit 3.
    @Test func ctrlCDrainsWhateverThreadsOpenBLASStarted() throws {
        let fixture = try SweepFixture(spec: EndToEndSpecs.slowCells(name: "drain-threads"))
        // Started as a shell starts it: no signal blocked (Foundation's Process hands its children
        // a mask with everything blocked, which would hide the problem).
        let unblocked = "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, set()); os.execv(sys.argv[1], sys.argv[1:])"
        let coordinator = try RunningProcess(
            executableURL: URL(fileURLWithPath: "/usr/bin/python3"),
            ["-c", unblocked, BuiltExecutable.coordinator.url.path, "run", fixture.specPath, "--dir", fixture.sweepDirectory],
            logDirectory: fixture.logs, name: "coordinator", environment: ["OPENBLAS_NUM_THREADS": "4"])
        #expect(eventually(timeout: .seconds(60)) { fixture.status() != nil }, "the coordinator never served: \(coordinator.stderr)")
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(coordinator.pid)/task").count) ?? 0
        #expect(threads > 1)
        coordinator.interrupt()
        #expect(coordinator.waitForExit(timeout: .seconds(30)) == 3, "Ctrl-C should drain (exit 3): \(coordinator.stderr)")
        #expect(coordinator.stderr.contains("draining"))
    }
}
