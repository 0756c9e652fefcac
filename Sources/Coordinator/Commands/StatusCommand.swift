import ArgumentParser
import Foundation
import Shared

/// `coordinator status DIR`: asks the running coordinator for its state (docs/protocol.md §3.7).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a running sweep: cell counts, workers, leases in force, failed cells.")

    @Argument(help: "The sweep directory of a running coordinator.")
    var dir: String

    @Flag(help: "Print the STATUS-REPLY JSON as the coordinator sent it.")
    var json = false

    func run() throws {
        let status = try ControlClient.forDirectory(dir).request(.status(requestId: ControlClient.newRequestId()))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
        } else {
            print(Self.render(status), terminator: "")
        }
    }

    static func render(_ status: StatusReport) -> String {
        let c = status.cells
        var lines = ["\(status.sweep): \(status.state.rawValue) · \(c.finished)/\(c.total) finished · \(c.running) running · \(c.queued) queued · \(c.failed) failed"
            + (status.determinismWarnings > 0 ? " · \(status.determinismWarnings) determinism warnings" : "")]
        for entry in status.variants ?? [] {
            let v = entry.cells
            lines.append("  variant \(entry.variant.isEmpty ? "(none)" : entry.variant): \(v.finished)/\(v.total) finished · \(v.running) running · \(v.queued) queued · \(v.failed) failed")
        }
        if !status.workers.isEmpty {
            lines.append("")
            lines += PlainReport.table(
                header: ["worker", "host", "state", "slots", "running", "finished", "failures in a row", "last heard"],
                rows: status.workers.map { w in
                    [w.id, w.host, w.state.rawValue, "\(w.slots)", "\(w.running)", "\(w.finished)", "\(w.consecutiveFailures)",
                     String(format: "%.1f s ago", Double(w.lastSeenMilliseconds) / 1000)]
                })
        }
        if !status.running.isEmpty {
            lines.append("")
            lines += PlainReport.table(
                header: ["cell", "attempt", "worker", "phase", "epoch", "lease left"],
                rows: status.running.map { l in
                    [l.cell, "\(l.attempt)", l.worker, l.phase, "\(l.epoch)", "\(l.leaseRemainingMilliseconds / 1000) s"]
                })
        }
        for failed in status.failed {
            lines.append("failed \(failed.cell) after \(failed.attempts) attempts: \(failed.error.split(separator: "\n").last.map(String.init) ?? "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
