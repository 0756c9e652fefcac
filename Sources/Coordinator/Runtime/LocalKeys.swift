import Foundation
import Glibc
import Shared

/// Key pairs the coordinator makes for itself at start-up when it runs with CURVE: one for
/// its local workers and one for `coordinator status/cancel DIR` on this machine. They live in
/// `<sweep dir>/local-keys/` (0700, secrets 0600), are allowed by the ZAP handler for this
/// run only, and are replaced on every start, so they never need managing.
enum LocalKeys {
    struct Made {
        var peers: [AuthorizedPeer]
        /// Arguments that give a local worker its keys.
        var workerArguments: [String]
    }

    static func make(in directory: SweepDirectory, serverPublicKey: CurveKey) throws -> Made {
        let folder = directory.localKeys
        let fm = FileManager.default
        if fm.fileExists(atPath: folder) { try fm.removeItem(atPath: folder) }
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let worker = try CurveKeyPair.generate()
        let client = try CurveKeyPair.generate()
        try KeyFiles.write(worker, directory: folder, name: "local-worker")
        try KeyFiles.write(client, directory: folder, name: "local-client")
        try (serverPublicKey.z85 + "\n").write(toFile: folder + "/server.pub", atomically: true, encoding: .utf8)
        return Made(
            peers: [AuthorizedPeer(publicKey: worker.publicKey, role: .worker, name: "local"),
                    AuthorizedPeer(publicKey: client.publicKey, role: .client, name: "local")],
            workerArguments: ["--server-key", folder + "/server.pub", "--key", folder + "/local-worker.secret"])
    }
}
