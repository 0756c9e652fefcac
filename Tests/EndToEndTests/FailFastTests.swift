import Foundation
import Testing
import TestSupport

/// A broken spec fails fast. Before anything starts, the coordinator checks the data on its own
/// host and refuses a missing file or a class the dataset lacks with the spec line it is about
/// (docs/spec.md §3). Data that exists only on the workers (`--datasets-on-workers`) is checked
/// by the workers: the same input error on two of them in a row stops the sweep — not after
/// every cell has used up its attempts — and says why and how to resume (docs/protocol.md §5.2).
@Suite(.serialized)
struct FailFastTests {
    @Test func missingDataOrAnUnknownClassIsRefusedBeforeAnythingStarts() throws {
        let layout = try RelativePathTests.layout()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let data = layout.root.appendingPathComponent("project/data/fashion").path
        try FileManager.default.removeItem(atPath: data)
        for command in [["run", layout.spec, "--dir", "sweep", "--local-workers", "2"], ["plan", layout.spec]] {
            let refused = try BuiltExecutable.coordinator.run(command, in: layout.elsewhere)
            #expect(refused.status != 0, "\(command[0]): \(refused.stdout)")
            // Line 3, column 32: where the value of `path:` is written in the spec.
            #expect(refused.stderr.contains("sweep.yaml:3:32: datasets.fashion.path: "), "\(command[0]): \(refused.stderr)")
            #expect(refused.stderr.contains(data), "the message names the missing path: \(refused.stderr)")
            #expect(refused.stderr.contains("--datasets-on-workers"), "and the way out: \(refused.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: layout.elsewhere.appendingPathComponent("sweep/journal.sqlite").path),
                "nothing was started")

        try FileManager.default.createSymbolicLink(atPath: data, withDestinationPath: RelativePathTests.fashion)
        let spec = try String(contentsOfFile: layout.spec, encoding: .utf8)
        try spec.replacingOccurrences(of: "classes: [5, 6, 7, 8, 9]", with: "classes: [5, 6, 7, 8, 12]")
            .write(toFile: layout.spec, atomically: true, encoding: .utf8)
        let unknownClass = try BuiltExecutable.coordinator.run(["run", layout.spec, "--dir", "sweep", "--local-workers", "2"],
                                                               in: layout.elsewhere)
        #expect(unknownClass.status != 0)
        #expect(unknownClass.stderr.contains("sweep.yaml:11:13: tasks.split.targets.rest: "), "\(unknownClass.stderr)")
        #expect(unknownClass.stderr.contains("12"), "the message names the class: \(unknownClass.stderr)")
    }

    @Test func dataOnlyOnTheWorkersStopsTheSweepAfterTwoWorkersAndAResumeFinishesIt() throws {
        let layout = try RelativePathTests.layout()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let data = layout.root.appendingPathComponent("project/data/fashion").path
        try FileManager.default.removeItem(atPath: data)   // the dataset is not there yet
        // The local workers register a moment apart, and until the second one does, the first fails
        // cell after cell alone (one worker never stops a sweep); enough attempts that no cell runs
        // out of them in that moment, so the test sees the stop and not the race.
        let arguments = ["run", layout.spec, "--dir", "sweep", "--local-workers", "2", "--datasets-on-workers", "--max-attempts", "20"]

        let stopped = try BuiltExecutable.coordinator.run(arguments, in: layout.elsewhere)
        #expect(stopped.status == 3, "stopped early: \(stopped.stderr)")
        #expect(stopped.stderr.contains("stopping: the cells' inputs look unusable"), "\(stopped.stderr)")
        #expect(stopped.stderr.contains("input-error:") && stopped.stderr.contains(data), "the error names the missing data: \(stopped.stderr)")
        #expect(stopped.stdout.contains("0 finished, 0 failed"), "no cell used up its attempts: \(stopped.stdout)")
        #expect(stopped.stderr.contains("resumes"), "it says how to go on: \(stopped.stderr)")
        #expect(stopped.stderr.contains("stopped because the cells' inputs look unusable"),
                "the reason is repeated after the results table: \(stopped.stderr)")

        try FileManager.default.createSymbolicLink(atPath: data, withDestinationPath: RelativePathTests.fashion)
        let resumed = try BuiltExecutable.coordinator.run(arguments, in: layout.elsewhere)
        #expect(resumed.status == 0, "with the data in place the sweep finishes: \(resumed.stderr)")
        #expect(resumed.stdout.contains("2 finished, 0 failed"), "\(resumed.stdout)")
    }
}
