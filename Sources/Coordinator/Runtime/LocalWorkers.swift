import Foundation
import Glibc
import Shared

/// `coordinator run --local-workers N`: worker processes on this host, each with one slot and
/// one BLAS thread, so N workers keep N cores busy. Each runs in its own process group (a
/// Ctrl-C at the terminal reaches only the coordinator, which then drains them through the
/// protocol) and dies with the coordinator (`--parent-pid`), and logs to `logs/worker-N.log`.
final class LocalWorkers {
    struct Child {
        var pid: pid_t
        var name: String
        var exited: Int32?
    }

    private(set) var children: [Child] = []

    /// The `worker` executable next to this `coordinator` (both are built into the same folder).
    static var workerExecutable: String {
        if let override = ProcessInfo.processInfo.environment["WIDTHSWEEP_WORKER"] { return override }
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("worker").path
    }

    func start(count: Int, endpoint: String, keyArguments: [String], logDirectory: String) throws {
        let executable = Self.workerExecutable
        let parent = getpid()
        for index in 1...max(count, 1) where count > 0 {
            let name = "local-\(index)"
            let arguments = [executable, "--connect", endpoint, "--slots", "1", "--threads", "1",
                             "--id", "\(Self.hostName):\(name)", "--parent-pid", "\(parent)"] + keyArguments
            let pid = try spawn(executable, arguments, log: logDirectory + "/worker-\(index).log")
            children.append(Child(pid: pid, name: name))
        }
    }

    /// Reaps exited children without blocking; returns the ones that exited since the last call.
    func reap() -> [Child] {
        var exited: [Child] = []
        for index in children.indices where children[index].exited == nil {
            var status: Int32 = 0
            if waitpid(children[index].pid, &status, WNOHANG) == children[index].pid {
                children[index].exited = status
                exited.append(children[index])
            }
        }
        return exited
    }

    var running: Int { children.filter { $0.exited == nil }.count }

    /// Waits up to `grace` for the workers to exit on their own (they do after `DISCONNECT`),
    /// then kills what is left.
    func stop(grace: Duration) {
        let deadline = ContinuousClock.now + grace
        while running > 0 && ContinuousClock.now < deadline {
            _ = reap()
            usleep(20_000)
        }
        for child in children where child.exited == nil { kill(-child.pid, SIGKILL) }
        for index in children.indices where children[index].exited == nil {
            var status: Int32 = 0
            waitpid(children[index].pid, &status, 0)
            children[index].exited = status
        }
    }

    private func spawn(_ executable: String, _ arguments: [String], log: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in CoordinatorServer.watchedSignals { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        var cArguments = arguments.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, &cArguments, environ)
        guard status == 0 else { throw CoordinatorError.spawnFailed(executable: executable, errno: status) }
        return pid
    }

    /// The short host name, so local worker ids read `node7:local-1`.
    static var hostName: String {
        HostName.current().split(separator: ".").first.map(String.init) ?? "localhost"
    }
}
