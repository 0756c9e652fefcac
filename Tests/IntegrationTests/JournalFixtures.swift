@testable import Coordinator
import Foundation
import Shared

/// Temporary sweep directories and made-up cells for the journal's tests.
enum JournalFixtures {
    typealias CellRow = (key: String, cell: CellCoordinate, ordinal: Int, keyMaterial: String)

    /// Runs `body` with a fresh empty directory, removed afterwards.
    static func withDirectory<T>(_ body: (String) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("journal-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    /// A cell key: the digest of a made-up key material, as real keys are.
    static func key(_ index: Int) -> String {
        SHA256.hexDigest(of: material(index))
    }

    static func material(_ index: Int) -> String {
        #"{"cell":\#(index),"engine":"test","model":{"hidden":[64],"kind":"mlp"}}"#
    }

    /// Cells numbered by `indices` over two tasks, in dispatch order starting at `firstOrdinal`.
    static func cells(_ indices: Range<Int>, firstOrdinal: Int = 0) -> [CellRow] {
        indices.enumerated().map { position, index in
            (key(index), CellCoordinate(width: 16 << (index % 4), seed: index / 8, task: index % 2 == 0 ? "even" : "odd"),
             firstOrdinal + position, material(index))
        }
    }

    /// A journal in `directory` holding `cells`.
    static func journal(in directory: String, cells: [CellRow]) throws -> Journal {
        let journal = try Journal.open(directory: directory)
        try journal.upsertCells(cells)
        return journal
    }

    /// The journal's view of one cell, by key.
    static func cell(_ key: String, in journal: Journal) throws -> JournalCell? {
        try journal.cells().first { $0.key == key }
    }

    static func leaseId(_ index: Int) -> String {
        String(repeating: "0", count: 15) + String(index % 10)
    }
}
