import ArgumentParser
import Shared

/// The `worker` executable: serves a coordinator (`worker --connect`), or trains one cell from a
/// spec without one (`worker train`).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "widthsweep worker: trains networks of one width, seed and task, and measures them.",
        usage: """
            worker --connect tcp://HOST:PORT [--slots N] [--server-key FILE --key FILE] [<options>]
            worker train <spec> --width <width> --task <task> [<options>]
            worker blas [--export]
            """,
        discussion: "With --connect the worker asks the coordinator for cells, runs each in a child process and returns the results; it stops when the sweep is done. Ctrl-C finishes the running cells and delivers their results first; a second Ctrl-C, or SIGTERM, stops at once and releases the leases.",
        // The engine version it sends in READY and checks in every ASSIGN (docs/protocol.md §2.4).
        version: WidthsweepVersion.engine,
        subcommands: [TrainCommand.self, BLASCommand.self])

    @OptionGroup var connect: ConnectOptions

    func run() throws {
        guard let endpoint = connect.endpoint else { throw CleanExit.helpRequest(self) }
        let code = try ConnectCommand(options: connect).run(endpoint: endpoint)
        if code != 0 { throw ExitCode(code) }
    }
}
