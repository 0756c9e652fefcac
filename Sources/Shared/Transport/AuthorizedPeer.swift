/// One line of the `authorized` file (docs/protocol.md §7.2): a public key allowed to connect, the role
/// it may take (§1.3, §7.3) and the name the ZAP handler reports as its User-Id (`<role>:<name>`).
public struct AuthorizedPeer: Sendable, Hashable {
    public enum Role: String, Sendable {
        case worker, client
    }

    public var publicKey: CurveKey
    public var role: Role
    /// Matches the worker-id pattern `^[A-Za-z0-9._:@-]{1,64}$`.
    public var name: String

    public init(publicKey: CurveKey, role: Role, name: String) {
        self.publicKey = publicKey
        self.role = role
        self.name = name
    }

    /// The ZAP User-Id this peer's messages carry, e.g. `worker:node7`.
    public var userId: String { "\(role.rawValue):\(name)" }

    /// The line as `KeyFiles.appendAuthorized` writes it.
    var line: String { "\(publicKey.z85) \(role.rawValue) \(name)" }

    /// Whether `name` may name a key: the worker-id pattern, so it is safe in a file name and a User-Id.
    static func isValidName(_ name: String) -> Bool { WireFields.isWorkerId(Array(name.utf8)) }
}
