import ArgumentParser

/// The `worker` executable: trains cells. Today one cell at a time from a spec; later also as a
/// coordinator's worker over ZeroMQ.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "widthsweep worker: trains networks of one width, seed and task, and measures them.",
        subcommands: [TrainCommand.self, BLASCommand.self])
}
