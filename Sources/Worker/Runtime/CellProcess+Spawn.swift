import Foundation
import Glibc
import Shared

extension CellProcess {
    /// Starts `executable train SPEC --width W --seed S --task T [--variant V] --output RESULT
    /// --artifacts DIR --expect-key KEY --progress-json --supervisor-pid PID` for one lease, with
    /// `posix_spawn`.
    ///
    /// The child gets its own process group, so a Ctrl-C in the terminal reaches only the
    /// worker (which then drains) and a kill reaches the child's whole group; its signal mask and
    /// the dispositions the worker changed are reset, because the worker blocks SIGINT/SIGTERM
    /// for its signalfd and a child inheriting that could not be interrupted.
    static func start(executable: String, workDirectory: String, leaseId: String, cellKey: String, attempt: UInt32,
                      assignment: CellAssignment, log: @escaping (String) -> Void) throws -> CellProcess {
        let directory = workDirectory + "/" + leaseId
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        do {
            return try start(executable: executable, directory: directory, dataCache: dataCacheDirectory(in: workDirectory),
                             leaseId: leaseId, cellKey: cellKey, attempt: attempt, assignment: assignment, log: log)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// The decoded-dataset cache all cells of this worker share: beside the lease folders in the
    /// work directory, so a worker's fresh temporary work directory takes it away at exit, and a
    /// named one keeps it for the next worker (which checks it against the dataset files anyway).
    /// Lease folders are named by lease id, which never starts with a dot.
    static func dataCacheDirectory(in workDirectory: String) -> String {
        workDirectory + "/.dataset-cache"
    }

    private static func start(executable: String, directory: String, dataCache: String, leaseId: String,
                              cellKey: String, attempt: UInt32,
                              assignment: CellAssignment, log: @escaping (String) -> Void) throws -> CellProcess {
        let specPath = directory + "/spec.yaml"
        try assignment.specYAML.write(toFile: specPath, atomically: true, encoding: .utf8)
        let cell = assignment.cell
        var arguments = [
            "worker", "train", specPath, "--width", String(cell.width), "--seed", String(cell.seed), "--task", cell.task,
            "--output", directory + "/result.json", "--artifacts", directory + "/artifacts", "--expect-key", cellKey,
            "--data-cache", dataCache, "--progress-json",
            "--supervisor-pid", String(getpid()),
        ]
        if !cell.variant.isEmpty { arguments += ["--variant", cell.variant] }
        let stdoutPipe = try makePipe()
        let stderrPipe: (read: Int32, write: Int32)
        do { stderrPipe = try makePipe() } catch {
            close(stdoutPipe.read); close(stdoutPipe.write)
            throw error
        }
        defer {
            close(stdoutPipe.write)
            close(stderrPipe.write)
        }
        let pid: pid_t
        do {
            pid = try spawn(executable, arguments, stdout: stdoutPipe.write, stderr: stderrPipe.write)
        } catch {
            close(stdoutPipe.read); close(stderrPipe.read)
            throw error
        }
        return CellProcess(leaseId: leaseId, cellKey: cellKey, attempt: attempt, coordinate: cell, pid: pid,
                           directory: directory, stdoutFD: stdoutPipe.read, stderrFD: stderrPipe.read, log: log)
    }

    /// A pipe whose ends close on exec (only the dup2'ed copies reach the child) and whose read
    /// end never blocks the worker's loop.
    private static func makePipe() throws(WorkerRuntimeError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .system(operation: "pipe", errno: errno) }
        // pipe2 is not visible to Swift's Glibc module; the loop is single-threaded, so setting
        // the flags right after creation races with no other spawn.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        return (fds[0], fds[1])
    }

    private static func spawn(_ executable: String, _ arguments: [String], stdout: Int32, stderr: Int32)
        throws(WorkerRuntimeError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        // posix_spawn returns the error number rather than setting errno.
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard code == 0 else { throw .system(operation: "posix_spawn(\(executable))", errno: code) }
        return pid
    }
}
