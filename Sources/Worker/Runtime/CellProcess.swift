import Foundation
import Glibc
import Shared

/// One cell computed by a child process, `worker train … --progress-json`, that this worker
/// spawned and supervises (one per slot).
///
/// A child rather than a thread: a crash, a runaway allocation or a hung BLAS call takes down
/// only that cell; killing it is one signal to its process group; and each cell gets the BLAS
/// thread count of its own spec (`training.threads` is part of the key), which OpenBLAS only
/// allows per process. The worker's single thread polls the child's pipes beside its socket.
final class CellProcess {
    /// How a cell process ended.
    enum Outcome: Equatable {
        case finished(ResultDelivery)
        /// The `FAILED` text: what the child said last on stderr, and how it ended.
        case failed(String)
    }

    let leaseId: String
    let cellKey: String
    let attempt: UInt32
    let coordinate: CellCoordinate
    let pid: pid_t
    /// This lease's folder in the worker's work directory: spec and result files.
    let directory: String
    var resultPath: String { directory + "/result.json" }

    private var stdoutFD: Int32
    private var stderrFD: Int32
    private var stdoutLines = LineBuffer()
    private var stderrLines = LineBuffer()
    private var tail = ErrorTail()
    /// Forwards each stderr line to the worker's own log.
    private let log: (String) -> Void

    init(leaseId: String, cellKey: String, attempt: UInt32, coordinate: CellCoordinate, pid: pid_t, directory: String,
         stdoutFD: Int32, stderrFD: Int32, log: @escaping (String) -> Void) {
        self.leaseId = leaseId
        self.cellKey = cellKey
        self.attempt = attempt
        self.coordinate = coordinate
        self.pid = pid
        self.directory = directory
        self.stdoutFD = stdoutFD
        self.stderrFD = stderrFD
        self.log = log
    }

    deinit {
        closePipes()
    }

    /// The pipe ends still open, for the loop's poll set.
    var fileDescriptors: [Int32] { [stdoutFD, stderrFD].filter { $0 >= 0 } }

    /// Reads whatever the pipes hold without blocking: stderr lines go to the log, stdout lines
    /// become progress reports. A pipe at end of file is closed and leaves the poll set.
    func readAvailable() -> [ProgressReport] {
        var reports: [ProgressReport] = []
        drain(&stdoutFD, &stdoutLines) { line in
            if let report = ProgressLines.decode(line) {
                reports.append(report)
            } else {
                forward(line)
            }
        }
        drain(&stderrFD, &stderrLines, forward)
        return reports
    }

    /// The outcome once the child has exited (`waitpid` with `WNOHANG`), or nil while it runs.
    /// Reads what is left in the pipes first, so no last line is lost.
    func reap() -> (outcome: Outcome, progress: [ProgressReport])? {
        var status: Int32 = 0
        let reaped = waitpid(pid, &status, WNOHANG)
        if reaped == 0 { return nil }
        if reaped < 0 && errno == EINTR { return nil }
        // The child is gone, so its pipes hold all it wrote (a grandchild could keep one open;
        // whatever it writes later is not this cell's).
        let progress = readAvailable()
        closePipes()
        let outcome: Outcome
        if reaped < 0 {
            outcome = .failed(WorkerRuntimeError.system(operation: "waitpid(\(pid))", errno: errno).description)
        } else {
            outcome = Self.outcome(status: status, tail: tail.text) { try self.readResult() }
        }
        try? FileManager.default.removeItem(atPath: directory)
        return (outcome, progress)
    }

    /// SIGKILL to the child's whole process group; `reap` then reports it.
    func kill() {
        _ = Glibc.kill(-pid, SIGKILL)
    }

    /// Kills the child and waits for it, for a worker that is leaving.
    func killAndWait() {
        kill()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        closePipes()
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: Outcome

    /// Exit 0 is a result to read; the key-mismatch and input-error statuses keep their
    /// `key-mismatch:` / `input-error:` text first (docs/protocol.md §2.4 ASSIGN, FAILED); anything
    /// else is the stderr tail and how the child ended.
    static func outcome(status: Int32, tail: String, readResult: () throws -> ResultDelivery) -> Outcome {
        let signal = status & 0x7f
        if signal == 0 {
            let code = (status >> 8) & 0xff
            if code == 0 {
                do { return .finished(try readResult()) } catch { return .failed("\(error)") }
            }
            for (status, token) in [(TrainCommand.keyMismatchStatus, "key-mismatch:"), (TrainCommand.inputErrorStatus, "input-error:")]
            where code == status {
                if let line = tail.split(separator: "\n").last(where: { $0.contains(token) }), let start = line.range(of: token) {
                    return .failed(String(line[start.lowerBound...]))
                }
            }
            return .failed(joined("cell process exited with status \(code)", tail))
        }
        let name = strsignal(signal).map { String(cString: $0) } ?? "unknown"
        return .failed(joined("cell process killed by signal \(signal) (\(name))", tail))
    }

    private static func joined(_ how: String, _ tail: String) -> String {
        tail.isEmpty ? how : "\(how): \(tail)"
    }

    private func readResult() throws -> ResultDelivery {
        let result: CellResult
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: resultPath))
            result = try JSONDecoder().decode(CellResult.self, from: data)
        } catch {
            throw WorkerRuntimeError.unreadableResult(path: resultPath, reason: "\(error)")
        }
        guard result.cellKey == cellKey else {
            throw WorkerRuntimeError.wrongResult(expected: cellKey, got: result.cellKey)
        }
        return try ResultDelivery(leaseId: leaseId, cellKey: cellKey, attempt: attempt, result: result,
                                  artifacts: try readArtifacts(named: result))
    }

    /// The files the result names (its atlas images), read from the child's artifacts folder;
    /// anything else the folder holds is not part of the result.
    private func readArtifacts(named result: CellResult) throws -> [ResultDelivery.Artifact] {
        guard let atlas = result.atlas else { return [] }
        // The names become paths: only names the result rules allow (no "/", no "..") are read.
        do { try result.validate() } catch {
            throw WorkerRuntimeError.unreadableResult(path: resultPath, reason: "\(error)")
        }
        return try atlas.imageNames.map { name in
            let path = directory + "/artifacts/" + name
            do {
                return ResultDelivery.Artifact(name: name, data: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            } catch {
                throw WorkerRuntimeError.unreadableResult(path: path, reason: "\(error)")
            }
        }
    }

    // MARK: Pipes

    private func drain(_ fd: inout Int32, _ lines: inout LineBuffer, _ handle: ([UInt8]) -> Void) {
        guard fd >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                lines.append(buffer[0..<count]).forEach(handle)
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            // End of file, or an error that will not go away: this pipe is done.
            if let last = lines.finish() { handle(last) }
            close(fd)
            fd = -1
            return
        }
    }

    /// Sends a child's stderr line to the worker's log under the cell's name, and keeps it for
    /// the `FAILED` text. The child's own `worker: ` prefix is dropped so it is not doubled.
    private func forward(_ bytes: [UInt8]) {
        var line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("worker: ") { line.removeFirst("worker: ".count) }
        tail.append(line)
        log("\(coordinate): \(line)")
    }

    private func closePipes() {
        for fd in [stdoutFD, stderrFD] where fd >= 0 { close(fd) }
        stdoutFD = -1
        stderrFD = -1
    }
}
