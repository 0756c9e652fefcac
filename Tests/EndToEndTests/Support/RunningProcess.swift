import Foundation
import Glibc
import TestSupport

/// A built executable running in the background, its stdout and stderr going to files, so a
/// test can kill it (`kill -9`) and read what it logged.
final class RunningProcess: @unchecked Sendable {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String

    /// Started in `directory`, or the package root; `environment` adds to (or replaces in) this process's.
    convenience init(_ executable: BuiltExecutable, _ arguments: [String], logDirectory: String, name: String,
                     directory: URL? = nil, environment: [String: String] = [:]) throws {
        try self.init(executableURL: executable.url, arguments, logDirectory: logDirectory, name: name, directory: directory,
                      environment: environment)
    }

    init(executableURL: URL, _ arguments: [String], logDirectory: String, name: String, directory: URL? = nil,
         environment: [String: String] = [:]) throws {
        stdoutPath = logDirectory + "/\(name).out"
        stderrPath = logDirectory + "/\(name).err"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = executableURL
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? BuiltExecutable.packageRoot
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    func kill9() { kill(pid, SIGKILL) }
    func interrupt() { kill(pid, SIGINT) }

    /// The exit status, or nil if it is still running after `timeout` (then it is killed).
    func waitForExit(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { usleep(50_000) }
        if process.isRunning {
            kill9()
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill9() }
    }
}

/// Polls `condition` every 100 ms until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        usleep(100_000)
    }
    return try condition()
}
