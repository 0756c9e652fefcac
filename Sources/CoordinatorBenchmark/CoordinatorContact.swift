import Foundation

/// `<sweep dir>/coordinator.json`, which `coordinator run` writes once its ROUTER is bound:
/// the endpoint with the real port, the server key, the pid.
struct CoordinatorContact: Decodable {
    var endpoint: String
    var serverKey: String?
    var pid: Int32

    enum CodingKeys: String, CodingKey {
        case endpoint, pid
        case serverKey = "server_key"
    }

    /// Polls for the contact file every millisecond until it appears and parses (the coordinator
    /// writes it atomically), failing early if the coordinator exits.
    static func wait(in sweepDirectory: String, for coordinator: CoordinatorProcess, timeout: Double) throws -> CoordinatorContact {
        let path = sweepDirectory + "/coordinator.json"
        let deadline = monotonicSeconds() + timeout
        while true {
            if let data = FileManager.default.contents(atPath: path),
               let contact = try? JSONDecoder().decode(CoordinatorContact.self, from: data),
               contact.pid == coordinator.pid {
                return contact
            }
            try coordinator.checkAlive()
            if monotonicSeconds() > deadline {
                throw BenchmarkError.timedOut(what: "\(path)", seconds: timeout, log: coordinator.logPath)
            }
            usleep(1_000)
        }
    }
}
