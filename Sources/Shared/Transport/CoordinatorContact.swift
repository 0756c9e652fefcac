import Foundation

/// What `coordinator run` writes to `<sweep dir>/coordinator.json` while it serves, so that
/// `coordinator status DIR` and `coordinator cancel DIR` can find it without flags, on this
/// machine or, when the sweep directory is on a shared file system (Slurm), on another one.
/// The one declaration of the file's schema: the coordinator and its benchmark both read it.
public struct CoordinatorContact: Codable, Sendable, Equatable {
    /// The file's name in the sweep directory.
    public static let fileName = "coordinator.json"

    /// The endpoint clients on the coordinator's machine connect to, with the real port
    /// (`tcp://127.0.0.1:41233`).
    public var endpoint: String
    /// The coordinator's CURVE public key (Z85), nil when it runs without keys.
    public var serverKey: String?
    public var pid: Int32
    /// The machine the coordinator runs on (`hostname`); nil in files from before it was written.
    public var host: String?
    /// Where clients on other machines connect; nil when the coordinator listens on loopback only.
    public var remoteEndpoint: String?

    public init(endpoint: String, serverKey: String?, pid: Int32, host: String? = nil, remoteEndpoint: String? = nil) {
        self.endpoint = endpoint
        self.serverKey = serverKey
        self.pid = pid
        self.host = host
        self.remoteEndpoint = remoteEndpoint
    }

    enum CodingKeys: String, CodingKey {
        case endpoint, pid, host
        case serverKey = "server_key"
        case remoteEndpoint = "remote_endpoint"
    }

    /// The contact of a coordinator serving on `bound` (the endpoint libzmq reports, with the real
    /// port) on machine `host`: a wildcard bind is reached at 127.0.0.1 here and at `host`
    /// elsewhere, a loopback bind only here, any other address at that address everywhere.
    public static func serving(bound: String, serverKey: String?, pid: Int32, host: String) -> CoordinatorContact {
        var contact = CoordinatorContact(endpoint: bound, serverKey: serverKey, pid: pid, host: host)
        guard let parsed = try? Endpoint(parsing: bound), parsed.transport == "tcp" else { return contact }
        if ["*", "0.0.0.0", "::"].contains(parsed.host) {
            contact.endpoint = "tcp://127.0.0.1:\(parsed.port)"
            contact.remoteEndpoint = "tcp://\(host):\(parsed.port)"
        } else if !parsed.isLoopback {
            contact.remoteEndpoint = bound
        }
        return contact
    }

    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try (encoder.encode(self) + Data("\n".utf8)).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// The contact in `data`, the content of a contact file.
    public static func decode(_ data: Data) throws -> CoordinatorContact {
        try JSONDecoder().decode(CoordinatorContact.self, from: data)
    }
}
