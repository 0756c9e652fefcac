import Foundation
import Testing
import TestSupport

/// docs/protocol.md §5.2: a sweep whose data is missing stops after the same input error on two
/// workers in a row — not after every cell has used up its attempts — says why and how to
/// resume, and once the data is there, the same command finishes it.
@Suite(.serialized)
struct FailFastTests {
    @Test func missingDataStopsTheSweepAfterTwoWorkersAndAResumeFinishesIt() throws {
        let layout = try RelativePathTests.layout()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let data = layout.root.appendingPathComponent("project/data/fashion").path
        try FileManager.default.removeItem(atPath: data)   // the dataset is not there yet
        let arguments = ["run", layout.spec, "--dir", "sweep", "--local-workers", "2"]

        let stopped = try BuiltExecutable.coordinator.run(arguments, in: layout.elsewhere)
        #expect(stopped.status == 3, "stopped early: \(stopped.stderr)")
        #expect(stopped.stderr.contains("stopping: the cells' inputs look unusable"), "\(stopped.stderr)")
        #expect(stopped.stderr.contains("input-error:") && stopped.stderr.contains(data), "the error names the missing data: \(stopped.stderr)")
        #expect(stopped.stdout.contains("0 finished, 0 failed"), "no cell used up its attempts: \(stopped.stdout)")
        #expect(stopped.stderr.contains("resumes"), "it says how to go on: \(stopped.stderr)")

        try FileManager.default.createSymbolicLink(atPath: data, withDestinationPath: RelativePathTests.fashion)
        let resumed = try BuiltExecutable.coordinator.run(arguments, in: layout.elsewhere)
        #expect(resumed.status == 0, "with the data in place the sweep finishes: \(resumed.stderr)")
        #expect(resumed.stdout.contains("2 finished, 0 failed"), "\(resumed.stdout)")
    }
}
