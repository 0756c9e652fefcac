import ArgumentParser
import Shared

/// `coordinator cancel DIR`: drains the sweep (running cells finish, nothing new starts), or
/// with `--now` releases running cells at once (docs/protocol.md §3.6). Either way every
/// unfinished cell stays queued in the journal for the next `coordinator run`.
struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Stop a running sweep: drain by default, or release running cells with --now.")

    @Argument(help: "The sweep directory of a running coordinator.")
    var dir: String

    @Flag(help: "Release running cells now instead of letting them finish.")
    var now = false

    func run() throws {
        let mode: ClientMessage.CancelMode = now ? .now : .drain
        let status = try ControlClient.forDirectory(dir).request(.cancel(requestId: ControlClient.newRequestId(), mode: mode))
        print(StatusCommand.render(status), terminator: "")
    }
}
