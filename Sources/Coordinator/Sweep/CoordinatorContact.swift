import Foundation

/// What `coordinator run` writes to `<sweep dir>/coordinator.json` while it serves, so that
/// `coordinator status DIR` and `coordinator cancel DIR` can find it without flags.
struct CoordinatorContact: Codable, Sendable, Equatable {
    /// The endpoint clients connect to, with the real port (`tcp://127.0.0.1:41233`).
    var endpoint: String
    /// The coordinator's CURVE public key (Z85), nil when it runs without keys.
    var serverKey: String?
    var pid: Int32

    enum CodingKeys: String, CodingKey {
        case endpoint, pid
        case serverKey = "server_key"
    }

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try (encoder.encode(self) + Data("\n".utf8)).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func read(from path: String) throws -> CoordinatorContact? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(CoordinatorContact.self, from: data)
        } catch {
            throw CoordinatorError.corruptContactFile(path: path, problem: "\(error)")
        }
    }
}
