import BenchmarkSupport
import Foundation

/// The real `coordinator` executable, run as a child process with its stderr in a log file.
final class CoordinatorProcess {
    let executable: String
    /// Where the child's stderr (its log) goes; named in every error about it.
    let logPath: String
    private let process = Process()

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Starts `coordinator ARGUMENTS`. With `openFilesSoftLimit` the child starts with that soft
    /// `RLIMIT_NOFILE` (a shell's `ulimit -S -n` before `exec`, so the pid stays the coordinator's):
    /// this process raises its own limit for its thousand sockets, and the child would otherwise
    /// inherit that and hide whether the coordinator copes with the usual default by itself.
    init(executable: String, arguments: [String], logPath: String, openFilesSoftLimit: UInt64?) throws {
        self.executable = executable
        self.logPath = logPath
        guard FileManager.default.createFile(atPath: logPath, contents: nil),
              let log = FileHandle(forWritingAtPath: logPath) else {
            throw BenchmarkError.file(operation: "create", path: logPath, problem: "not writable")
        }
        if let limit = openFilesSoftLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -S -n \(limit) 2>/dev/null; exec \"$0\" \"$@\"", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        // The report table `coordinator run` prints at the end is not wanted here.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw BenchmarkError.file(operation: "execute", path: executable, problem: "\(error)")
        }
    }

    /// CPU seconds (user + system) the coordinator has used so far.
    func cpuSeconds() throws -> Double { try ProcessCPU.seconds(pid: pid) }

    /// Sends SIGINT: the coordinator drains (docs/protocol.md §3.6).
    func interrupt() { if process.isRunning { kill(pid, SIGINT) } }

    /// SIGKILL, for cleaning up after a failed run.
    func kill9() { if process.isRunning { kill(pid, SIGKILL) } }

    /// Waits for the child to exit; its exit status, or nil if it still runs after `timeout` seconds.
    @discardableResult
    func waitForExit(timeout: Double) -> Int32? {
        let deadline = monotonicSeconds() + timeout
        while process.isRunning {
            if monotonicSeconds() > deadline { return nil }
            usleep(5_000)
        }
        return process.terminationStatus
    }

    /// Throws `coordinatorExited` if the child is gone: called while waiting for it to do something.
    func checkAlive() throws {
        if !process.isRunning { throw BenchmarkError.coordinatorExited(status: process.terminationStatus, log: logPath) }
    }

    /// Runs `coordinator ARGUMENTS` to completion (key commands, `cancel`) and returns its output.
    @discardableResult
    static func runCommand(executable: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let command = (["coordinator"] + arguments).joined(separator: " ")
        do { try process.run() } catch {
            throw BenchmarkError.file(operation: "execute", path: executable, problem: "\(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw BenchmarkError.commandFailed(command: command, status: process.terminationStatus, output: text)
        }
        return text
    }
}
