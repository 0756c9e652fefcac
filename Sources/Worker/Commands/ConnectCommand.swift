import ArgumentParser
import Shared

/// Runs the connected worker from parsed options: credentials, work directory, then the loop.
struct ConnectCommand {
    let options: ConnectOptions

    /// Returns the worker's exit code; throws only for problems found before connecting.
    func run(endpoint: String) throws -> Int32 {
        // Local workers of a coordinator die with it, so none is left retrying a port that a
        // restarted coordinator no longer binds; its running cells die with them (the same watch).
        if let parent = options.parentPid { try SupervisorWatch.killWhenParentDies(supervisor: parent) }
        let curve = try credentials()
        let workDirectory = try WorkDirectory(path: options.workDir)
        let loop = try WorkerLoop(options: WorkerLoop.Options(endpoint: endpoint, configuration: options.configuration(),
                                                              curve: curve),
                                  workDirectory: workDirectory)
        return loop.run()
    }

    private func credentials() throws -> CoordinatorSocket.Curve? {
        guard let serverKey = options.serverKey, let key = options.key else {
            log("no --server-key/--key: connecting without CURVE (only a coordinator started with --insecure accepts that)")
            return nil
        }
        return CoordinatorSocket.Curve(serverPublicKey: try KeyFiles.readPublicKey(path: serverKey),
                                       keyPair: try KeyFiles.readKeyPair(path: key))
    }
}
