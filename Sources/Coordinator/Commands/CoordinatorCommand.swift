import ArgumentParser

/// The `coordinator` executable: partitions a sweep into cells, dispatches them to workers over
/// ZeroMQ (WSP/1, docs/protocol.md), journals every state change and reports the results.
struct CoordinatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract: "widthsweep coordinator: runs a width × seed × task sweep on workers and records the results.",
        subcommands: [RunCommand.self, StatusCommand.self, CancelCommand.self, ReportCommand.self,
                      KeysCommand.self, PlanCommand.self])
}
