import Foundation
import Shared

/// The one JSON spelling of results: sorted keys and pretty-printed, so equal results are equal
/// bytes and diffs between runs are readable.
enum ResultJSON {
    static func encode(_ result: CellResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }
}
