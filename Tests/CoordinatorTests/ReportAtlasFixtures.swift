@testable import Coordinator
import Foundation
import Shared

/// Cells with activation atlases for the report's atlas tests, built on `ReportFixtures` (task
/// "coarse", classes "low" and "high"), and real PNG files in a temporary sweep directory.
///
/// The gallery fixture: widths 16, 64 and 256 × seeds 0, 1 and 2; the spec selects seeds 0 and 2
/// for atlases (seed 2 at width 256 is still queued); seed 1 finished without any. Self-consistency
/// (directions / neurons): seed 0 → 16: 25% / 50%, 64: 50% / 25%, 256: 87.5% / 12.5%;
/// seed 2 → 16: 50% / 25%, 64: 75% / 25%.
enum ReportAtlasFixtures {
    /// 1×1 RGB PNGs (#4e79a7 and #f28e2b), written with Python's zlib and struct; their base64
    /// below is Python's `base64.b64encode` of the same bytes.
    static let directionsPNG: [UInt8] = [
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00,
        0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf0, 0xab, 0x5c, 0x0e, 0x00, 0x02, 0x87, 0x01, 0x6f, 0x8a,
        0x11, 0x4c, 0xbc, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ]
    static let neuronsPNG: [UInt8] = [
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00,
        0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0xd4, 0xa7, 0x0d, 0x00, 0x04, 0x21, 0x01, 0xac, 0x5e,
        0xa7, 0x9c, 0x11, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ]
    static let directionsBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mPwq1wOAAKHAW+KEUy8AAAAAElFTkSuQmCC"
    static let neuronsBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mP41KcNAAQhAaxep5wRAAAAAElFTkSuQmCC"

    static let directionsName = "atlas-directions.png"
    static let neuronsName = "atlas-neurons.png"
    static let tileSize = 4
    static let widths = [16, 64, 256]
    static let seeds = [0, 1, 2]

    /// A 3 × 2 direction sheet with three tiles and a 2 × 2 neuron sheet with two; classes 0 "low", 1 "high".
    static func atlas(directions: Double, neurons: Double, trustworthiness: Double = 0.93) -> AtlasResult {
        AtlasResult(
            examples: 500, layout: "umap", trustworthiness: trustworthiness, trustworthinessNeighbours: 10,
            grid: 3, minPoints: 3, tileSize: tileSize,
            directions: AtlasSheet(image: directionsName, columns: 3, rows: 2, tiles: [
                AtlasTile(row: 0, column: 0, points: 12, unit: nil, label: 1, predicted: 0, objective: 2.5),
                AtlasTile(row: 0, column: 2, points: 5, unit: nil, label: 0, predicted: 0, objective: 1.5),
                AtlasTile(row: 1, column: 1, points: 7, unit: nil, label: 1, predicted: 1, objective: 3),
            ], consistency: directions),
            neurons: AtlasSheet(image: neuronsName, columns: 2, rows: 2, tiles: [
                AtlasTile(row: 0, column: 1, points: nil, unit: 17, label: 0, predicted: 1, objective: 0.5),
                AtlasTile(row: 1, column: 0, points: nil, unit: 3, label: 1, predicted: 1, objective: 0.7),
            ], consistency: neurons),
            seconds: 4)
    }

    /// A finished cell of `ReportFixtures` carrying an atlas.
    static func cell(_ width: Int, _ seed: Int, directions: Double, neurons: Double, targetMet: Bool = true) -> ReportCell {
        var values = ReportFixtures.Values()
        values.targetMet = targetMet
        var cell = ReportFixtures.finished(width, seed, values)
        cell.result?.atlas = atlas(directions: directions, neurons: neurons)
        return cell
    }

    /// The gallery fixture (see the type's comment), deliberately not in width order.
    static func cells() -> [ReportCell] {
        [
            cell(64, 0, directions: 0.5, neurons: 0.25),
            cell(16, 0, directions: 0.25, neurons: 0.5),
            cell(256, 0, directions: 0.875, neurons: 0.125),
            ReportFixtures.finished(64, 1, ReportFixtures.Values()),
            ReportFixtures.finished(16, 1, ReportFixtures.Values()),
            ReportFixtures.finished(256, 1, ReportFixtures.Values()),
            cell(16, 2, directions: 0.5, neurons: 0.25),
            cell(64, 2, directions: 0.75, neurons: 0.25),
            ReportFixtures.unfinished(256, 2, .queued),
        ]
    }

    /// Runs `body` with a fresh empty sweep directory, removed afterwards.
    static func withSweepDirectory<T>(_ body: (String) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("report-atlas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    /// Stores both images of every atlas cell as the coordinator does, except the artifacts
    /// named in `skipping` as "<cell key>/<name>".
    static func storeImages(of cells: [ReportCell], in directory: String, skipping: Set<String> = []) throws -> ArtifactStore {
        let store = ArtifactStore(directory: directory)
        for cell in cells where cell.result?.atlas != nil {
            for (name, png) in [(directionsName, directionsPNG), (neuronsName, neuronsPNG)]
            where !skipping.contains("\(cell.key)/\(name)") {
                _ = try store.write(key: cell.key, name: name, data: png)
            }
        }
        return store
    }

    /// `ReportFixtures`' spec with atlases for seeds 0 and 2.
    static let spec = ReportFixtures.spec(widths: widths, seeds: seeds) + "\natlas: {seeds: [0, 2]}\n"

    static func report(_ cells: [ReportCell], store: ArtifactStore?, options: ReportOptions = ReportOptions(),
                       specYAML: String? = spec) -> SweepReport {
        SweepReport(specYAML: specYAML, engineVersion: "test", cells: cells, events: [],
                    options: options, generatedAt: Date(timeIntervalSince1970: 1_700_000_000), artifacts: store)
    }

    /// The gallery fixture's report with every image stored.
    static func withReport<T>(skipping: (([ReportCell]) -> Set<String>)? = nil, _ body: (SweepReport) throws -> T) throws -> T {
        try withSweepDirectory { directory in
            let cells = cells()
            let store = try storeImages(of: cells, in: directory, skipping: skipping?(cells) ?? [])
            return try body(report(cells, store: store))
        }
    }

    static func key(_ width: Int, _ seed: Int) -> String {
        ReportFixtures.key(CellCoordinate(width: width, seed: seed, task: ReportFixtures.task))
    }
}
