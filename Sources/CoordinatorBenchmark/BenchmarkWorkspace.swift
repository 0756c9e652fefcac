import Foundation
import Shared

/// A scratch directory for one benchmark run: the CURVE key directory, spec files, sweep
/// directories and the coordinator's logs. Removed at the end unless asked to keep it.
struct BenchmarkWorkspace {
    let path: String
    let coordinator: String

    var keys: String { path + "/keys" }

    /// Creates a fresh directory under `parent` and the keys the coordinator and the fake peers use:
    /// `keys init`, a worker key `bench` and a client key `benchclient` (docs/protocol.md §7.2).
    static func create(parent: String, coordinator: String) throws -> BenchmarkWorkspace {
        let trimmed = parent.count > 1 && parent.hasSuffix("/") ? String(parent.dropLast()) : parent
        let template = trimmed + "/coordinator-benchmark-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else {
            throw BenchmarkError.file(operation: "create a directory in", path: parent, problem: String(cString: strerror(errno)))
        }
        let workspace = BenchmarkWorkspace(path: String(cString: made), coordinator: coordinator)
        try CoordinatorProcess.runCommand(executable: coordinator, arguments: ["keys", "init", "--keys", workspace.keys])
        try CoordinatorProcess.runCommand(executable: coordinator, arguments: ["keys", "add", "bench", "--keys", workspace.keys])
        try CoordinatorProcess.runCommand(executable: coordinator,
                                          arguments: ["keys", "add", "benchclient", "--role", "client", "--keys", workspace.keys])
        return workspace
    }

    /// The server's public key and the worker key pair, as a worker would be given them.
    func workerCredentials() throws -> CurveCredentials {
        CurveCredentials(serverKey: try KeyFiles.readPublicKey(path: keys + "/server.pub"),
                         keyPair: try KeyFiles.readKeyPair(path: keys + "/bench.secret"))
    }

    /// The server's public key and the client key pair (STATUS, CANCEL).
    func clientCredentials() throws -> CurveCredentials {
        CurveCredentials(serverKey: try KeyFiles.readPublicKey(path: keys + "/server.pub"),
                         keyPair: try KeyFiles.readKeyPair(path: keys + "/benchclient.secret"))
    }

    /// Writes `sweep`'s spec to `<name>.yaml` and returns its path.
    func writeSpec(_ sweep: SyntheticSweep) throws -> String {
        let file = path + "/\(sweep.name).yaml"
        do { try sweep.yaml.write(toFile: file, atomically: true, encoding: .utf8) } catch {
            throw BenchmarkError.file(operation: "write", path: file, problem: "\(error)")
        }
        return file
    }

    /// Starts `coordinator run SPEC --dir DIR --bind tcp://127.0.0.1:* --keys KEYS EXTRA`, logging
    /// to `<dir>.log`. The port is the kernel's choice; `CoordinatorContact.wait` reads it back.
    func startCoordinator(spec: String, sweepDirectory: String, extra: [String] = [],
                          openFilesSoftLimit: UInt64?) throws -> CoordinatorProcess {
        try CoordinatorProcess(
            executable: coordinator,
            arguments: ["run", spec, "--dir", sweepDirectory, "--bind", "tcp://127.0.0.1:*", "--keys", keys] + extra,
            logPath: sweepDirectory + ".log", openFilesSoftLimit: openFilesSoftLimit)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
