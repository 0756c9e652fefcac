import Foundation
import Shared

/// How the coordinator's ROUTER is secured (docs/protocol.md §7): CURVE with a ZAP allow-list,
/// or no keys at all (loopback, or `--insecure`).
struct ServerSecurity {
    /// The server's key pair and the peers allowed in, when CURVE is on.
    var serverKeys: CurveKeyPair?
    var authorized: [AuthorizedPeer]
    /// Where `authorized` is reread on SIGHUP (nil without keys).
    var authorizedFile: String?

    static let zapDomain = "widthsweep"

    var isCurve: Bool { serverKeys != nil }

    /// Keys from `keysDirectory` when it holds `server.secret`; otherwise no keys, which
    /// is allowed only for a loopback bind or with `insecure` (§7.4).
    static func load(keysDirectory: String, bind: String, insecure: Bool) throws -> ServerSecurity {
        let secret = keysDirectory + "/server.secret"
        if FileManager.default.fileExists(atPath: secret) {
            let pair = try KeyFiles.readKeyPair(path: secret)
            let file = keysDirectory + "/authorized"
            return ServerSecurity(serverKeys: pair, authorized: try KeyFiles.readAuthorized(path: file), authorizedFile: file)
        }
        let endpoint = try Endpoint(parsing: bind)
        guard endpoint.isLoopback || insecure else {
            throw CoordinatorError.insecureBind(endpoint: bind, keysDirectory: keysDirectory)
        }
        return ServerSecurity(serverKeys: nil, authorized: [], authorizedFile: nil)
    }
}
