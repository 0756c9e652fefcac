import ArgumentParser
import Shared

/// The `coordinator` executable: partitions a sweep into cells, dispatches them to workers over
/// ZeroMQ (WSP/1, docs/protocol.md), journals every state change and reports the results.
struct CoordinatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract: "widthsweep coordinator: runs a width × seed × task sweep on workers and records the results.",
        // The engine version: what workers must run (docs/protocol.md §2.4 READY).
        version: WidthsweepVersion.engine,
        subcommands: [RunCommand.self, StatusCommand.self, CancelCommand.self, ReportCommand.self,
                      KeysCommand.self, PlanCommand.self])
}
