import Foundation
import Glibc
import Shared
import TestSupport
@testable import Coordinator

/// A scratch folder with a spec, a sweep directory and logs, plus ways to look inside the
/// journal the way a user would (`coordinator status`, the journal's rows).
struct SweepFixture {
    let root: String
    let specPath: String
    var sweepDirectory: String { root + "/sweep" }
    var logs: String { root + "/logs" }

    init(spec: String) throws {
        specPath = try BuiltExecutable.temporaryFile(spec)
        root = URL(fileURLWithPath: specPath).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: root + "/logs", withIntermediateDirectories: true)
    }

    /// `coordinator status DIR --json`, nil while no coordinator answers.
    func status() -> StatusReport? {
        guard let run = try? BuiltExecutable.coordinator.run(["status", sweepDirectory, "--json"]), run.status == 0 else { return nil }
        return try? JSONDecoder().decode(StatusReport.self, from: Data(run.stdout.utf8))
    }

    /// The journal's `finished` events per cell key, and whether any key was leased again after
    /// it finished (a recomputed cell).
    func recordingAudit() throws -> (finishedPerKey: [String: Int], leasedAfterFinish: [String]) {
        let journal = try Journal.open(directory: sweepDirectory)
        defer { journal.close() }
        var finished: [String: Int] = [:]
        var leasedAfterFinish: [String] = []
        for event in try journal.events() {
            guard let key = event.key else { continue }
            if event.kind == "finished" { finished[key, default: 0] += 1 }
            if event.kind == "leased", finished[key] != nil { leasedAfterFinish.append(key) }
        }
        return (finished, leasedAfterFinish)
    }

    /// The journal's event log, oldest first.
    func events() throws -> [Journal.EventRow] {
        let journal = try Journal.open(directory: sweepDirectory)
        defer { journal.close() }
        return try journal.events()
    }

    /// Every stored result, by cell key.
    func results() throws -> [String: [UInt8]] {
        let journal = try Journal.open(directory: sweepDirectory)
        defer { journal.close() }
        return Dictionary(uniqueKeysWithValues: try journal.finishedResults().map { ($0.key, $0.resultJSON) })
    }

    /// A TCP port nobody listens on right now (the kernel's choice for port 0).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Specs for the end-to-end tests: synthetic data, so no files are needed.
enum EndToEndSpecs {
    /// Cells on synthetic data. With the defaults a cell takes about a second; a test that must
    /// catch a cell mid-training (a kill, a drain) asks for wider layers and more epochs:
    /// width 256 for 60 epochs trains for about 8 s, which `coordinator status` polled from a
    /// loaded machine cannot miss (at 12 epochs, cells of 0.75 s were missed).
    static func slowCells(name: String, widths: [Int] = [64, 128], seeds: [Int] = [0, 1], maxEpochs: Int = 12) -> String {
        """
        name: \(name)
        datasets:
          toy:
            format: synthetic
            classes: 4
            train_per_class: 1500
            test_per_class: 200
            height: 12
            width: 12
            noise: 2.0
        model:
          family: mlp
          depth: 2
          parameterization: standard
        widths: [\(widths.map(String.init).joined(separator: ", "))]
        seeds: [\(seeds.map(String.init).joined(separator: ", "))]
        tasks:
          split:
            source: {dataset: toy, classes: [0, 1]}
            targets:
              other: {dataset: toy, classes: [2, 3]}
        training:
          batch_size: 32
          max_epochs: \(maxEpochs)
        transfer:
          budgets: [10, all]
        """
    }
}
