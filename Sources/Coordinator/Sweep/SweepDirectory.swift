import Foundation
import Shared

/// Everything a sweep owns lives under one directory (docs/architecture.md §2): the spec as run, the journal,
/// artifacts, worker logs, the report, and while a coordinator runs, how to reach it. Moving the
/// directory moves the sweep.
struct SweepDirectory: Sendable {
    let path: String

    init(_ path: String) { self.path = path }

    /// The spec as run, byte for byte (workers get this text in `ASSIGN`).
    var specFile: String { path + "/spec.yaml" }
    var artifacts: String { path + "/artifacts" }
    var logs: String { path + "/logs" }
    var report: String { path + "/report" }
    /// Where a running coordinator says how to reach it (`coordinator status DIR`).
    var contactFile: String { path + "/" + CoordinatorContact.fileName }
    /// Keys the coordinator makes for its own local workers and for local status clients (0700).
    var localKeys: String { path + "/local-keys" }

    func create() throws {
        for folder in [path, artifacts, logs] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    /// The default directory for a spec: `sweeps/<name>` under the current directory.
    static func defaultPath(forSweep name: String) -> String { "sweeps/" + name }
}
