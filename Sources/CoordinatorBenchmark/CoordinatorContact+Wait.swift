import BenchmarkSupport
import Foundation
import Shared

extension CoordinatorContact {
    /// Polls for the contact file every millisecond until it appears and parses (the coordinator
    /// writes it atomically), failing early if the coordinator exits.
    static func wait(in sweepDirectory: String, for coordinator: CoordinatorProcess, timeout: Double) throws -> CoordinatorContact {
        let path = sweepDirectory + "/" + CoordinatorContact.fileName
        let deadline = monotonicSeconds() + timeout
        while true {
            if let data = FileManager.default.contents(atPath: path),
               let contact = try? CoordinatorContact.decode(data),
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
