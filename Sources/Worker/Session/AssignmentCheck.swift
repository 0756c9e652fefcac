import Foundation
import Shared

/// The checks a worker makes before running an `ASSIGN` (docs/protocol.md §2.4 ASSIGN): the key
/// material must hash to the cell key and name this worker's engine version.
enum AssignmentCheck {
    /// Only the member the check needs; the rest of the key material is the child's business.
    private struct KeyMaterialHeader: Decodable {
        let engineVersion: String
        enum CodingKeys: String, CodingKey { case engineVersion = "engine_version" }
    }

    /// The `FAILED` text (starting `key-mismatch:`) if the cell must not run, nil if it may.
    static func problem(cellKey: String, assignment: CellAssignment, engineVersion: String) -> String? {
        let digest = SHA256.hexDigest(of: assignment.keyMaterial)
        guard digest == cellKey else {
            return "key-mismatch: SHA-256 of key_material is \(digest), not the cell key \(cellKey)"
        }
        guard let header = try? JSONDecoder().decode(KeyMaterialHeader.self, from: Data(assignment.keyMaterial.utf8)) else {
            return "key-mismatch: key_material is not a JSON object with a string engine_version"
        }
        guard header.engineVersion == engineVersion else {
            return "key-mismatch: key_material is for engine \(header.engineVersion), this worker runs \(engineVersion)"
        }
        return nil
    }
}
