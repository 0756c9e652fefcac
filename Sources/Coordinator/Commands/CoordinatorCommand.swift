import ArgumentParser

/// The `coordinator` executable: partitions a sweep into cells. Dispatching them to workers over
/// ZeroMQ, the journal and the report are added by the coordinator's own issue.
struct CoordinatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract: "widthsweep coordinator: turns a sweep spec into cells for workers.",
        subcommands: [PlanCommand.self])
}
