import Foundation
import Shared

/// How the coordinator's ROUTER is secured (docs/protocol.md §7): CURVE with a ZAP allow-list —
/// the keys of the key directory, or, without them on a loopback bind, a key pair made for this
/// run that only its own local workers and status clients get — or no keys at all, only with
/// `--insecure`.
struct ServerSecurity {
    /// The server's key pair and the peers allowed in, when CURVE is on.
    var serverKeys: CurveKeyPair?
    var authorized: [AuthorizedPeer]
    /// Where `authorized` is reread on SIGHUP (nil without a key directory's keys).
    var authorizedFile: String?
    /// The server key pair was made for this run: only the coordinator's local workers and
    /// clients (through `<dir>/local-keys/`, readable by this user alone) can join.
    var ephemeral = false

    static let zapDomain = "widthsweep"

    var isCurve: Bool { serverKeys != nil }

    /// Keys from `keysDirectory` when it holds `server.secret`. Otherwise: no keys with
    /// `insecure`; a key pair made for this run on a loopback bind, because loopback is open to
    /// every user of the host (a login node, a lab server); refused for any other bind (§7.4).
    static func load(keysDirectory: String, bind: String, insecure: Bool) throws -> ServerSecurity {
        let secret = keysDirectory + "/server.secret"
        if FileManager.default.fileExists(atPath: secret) {
            let pair = try KeyFiles.readKeyPair(path: secret)
            let file = keysDirectory + "/authorized"
            return ServerSecurity(serverKeys: pair, authorized: try KeyFiles.readAuthorized(path: file), authorizedFile: file)
        }
        if insecure { return ServerSecurity(serverKeys: nil, authorized: [], authorizedFile: nil) }
        let endpoint = try Endpoint(parsing: bind)
        guard endpoint.isLoopback else {
            throw CoordinatorError.insecureBind(endpoint: bind, keysDirectory: keysDirectory)
        }
        return ServerSecurity(serverKeys: try CurveKeyPair.generate(), authorized: [], authorizedFile: nil, ephemeral: true)
    }

    /// What `--insecure` allows, for the warning the coordinator logs when it serves without keys.
    static func insecureWarning(bind: String) -> String {
        "warning: --insecure: no keys on \(bind): any process that can connect to it — on a loopback bind, any user "
            + "of this host — can register as a worker, take cells, submit made-up results and cancel the sweep "
            + "(docs/protocol.md §7.4)"
    }

    /// How the log line "serving … on …" describes the security in force.
    var summary: String {
        guard isCurve else { return "no keys: --insecure" }
        if ephemeral { return "CURVE with a key pair made for this run: only this user's local workers and clients can join" }
        return "CURVE, \(authorized.count) keys allowed"
    }
}
