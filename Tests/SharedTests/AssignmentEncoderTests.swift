import Foundation
import Testing
@testable import Shared

/// `ASSIGN` built by concatenation around a spec escaped once (docs/protocol.md §2.4 ASSIGN).
struct AssignmentEncoderTests {
    static let lease = "0123456789abcdef"
    static let key = String(repeating: "ab", count: 32)

    /// What the codec produced with `JSONEncoder` before: the reference for the bytes.
    static func jsonEncoded(_ assignment: CellAssignment) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(assignment))
    }

    static let specs = [
        "", "name: s\n", "name: \"quoted \\\\ path/with/slashes\"\nwidths: [1, 2]\n\ttab: x\r\n",
        "name: é€😀 \u{2028}\u{0}\u{1}\u{1F}\u{7F}", String(repeating: "tasks:\n  split: {source: {dataset: d}}\n", count: 60),
    ]
    static let materials = ["{}", "{\"a\":\"/x\",\"b\":\"\\\"q\\\"\",\"c\":[1,2]}", "{\"name\":\"é\\n\"}"]
    static let cells = [CellCoordinate(width: 1, seed: 0, task: "split"),
                        CellCoordinate(width: 4096, seed: 9_007_199_254_740_992, task: "a \"b\" \\ c/d\n"),
                        CellCoordinate(width: 64, seed: 3, task: "ünï"),
                        // A model variant's cell carries its name (docs/protocol.md §2.4 ASSIGN).
                        CellCoordinate(width: 16, seed: 2, task: "split", variant: "mlp_depth2_adam"),
                        CellCoordinate(width: 8, seed: 1, task: "t", variant: "é \"q\"")]

    @Test func everyAssignmentDecodesToTheCellAssignmentItWasBuiltFrom() throws {
        // docs/protocol.md §2.4 ASSIGN, frames 2–5; read back as a worker reads it (§6.1).
        for spec in Self.specs {
            let encoder = AssignmentEncoder(specYAML: spec, leaseMilliseconds: 120_000)
            for material in Self.materials {
                for (attempt, cell) in Self.cells.enumerated() {
                    let frames = encoder.frames(leaseId: Self.lease, cellKey: Self.key, attempt: UInt32(attempt + 1),
                                                cell: cell, keyMaterial: material)
                    let expected = CellAssignment(cell: cell, keyMaterial: material, specYAML: spec, leaseMilliseconds: 120_000)
                    #expect(try WireCodec.decodeFromCoordinator(frames)
                            == .assign(leaseId: Self.lease, cellKey: Self.key, attempt: UInt32(attempt + 1), cell: expected))
                }
            }
        }
    }

    @Test func theBodyIsByteForByteWhatJSONEncoderWrote() throws {
        // Workers that compare or hash frames see no change from the concatenation.
        for spec in Self.specs {
            for lease in [1_000, 120_000, 86_400_000] {
                let encoder = AssignmentEncoder(specYAML: spec, leaseMilliseconds: lease)
                for material in Self.materials {
                    for cell in Self.cells {
                        let assignment = CellAssignment(cell: cell, keyMaterial: material, specYAML: spec, leaseMilliseconds: lease)
                        #expect(encoder.body(cell: cell, keyMaterial: material) == (try Self.jsonEncoded(assignment)))
                    }
                }
            }
        }
    }

    @Test func theCodecEncodesAssignWithTheSameBytes() throws {
        // WireCodec.encode(.assign) concatenates too; one encoder held for the sweep changes nothing.
        let cell = Self.cells[1]
        let spec = Self.specs[2]
        let message = CoordinatorMessage.assign(
            leaseId: Self.lease, cellKey: Self.key, attempt: 7,
            cell: CellAssignment(cell: cell, keyMaterial: Self.materials[1], specYAML: spec, leaseMilliseconds: 5_000))
        let held = AssignmentEncoder(specYAML: spec, leaseMilliseconds: 5_000)
        #expect(WireCodec.encode(message)
                == held.frames(leaseId: Self.lease, cellKey: Self.key, attempt: 7, cell: cell, keyMaterial: Self.materials[1]))
        #expect(held.specYAML == spec && held.leaseMilliseconds == 5_000)
    }
}
