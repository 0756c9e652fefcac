import Foundation

/// docs/protocol.md §5.5: two results for one key must agree everywhere except `timings` and
/// `environment` (where and how fast it ran). Cells are deterministic for a given key, so a
/// difference means a different machine, library or a bug — worth a warning, never a silent
/// overwrite.
enum ResultComparison {
    static let ignoredMembers: Set<String> = ["timings", "environment"]

    /// The path of the first member that differs (e.g. `transfer[2].trained.accuracy: 0.8125 vs
    /// 0.8130`), or nil when the two agree. Undecodable input counts as a difference.
    static func firstDifference(_ first: [UInt8], _ second: [UInt8]) -> String? {
        guard let a = try? JSONSerialization.jsonObject(with: Data(first)),
              let b = try? JSONSerialization.jsonObject(with: Data(second)) else {
            return "a stored or delivered result is not JSON"
        }
        return difference(a, b, path: "", top: true)
    }

    private static func difference(_ a: Any, _ b: Any, path: String, top: Bool = false) -> String? {
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            let keys = Set(x.keys).union(y.keys).subtracting(top ? ignoredMembers : []).sorted()
            for key in keys {
                let child = path.isEmpty ? key : path + "." + key
                guard let xv = x[key], let yv = y[key] else { return "\(child): present in only one result" }
                if let found = difference(xv, yv, path: child) { return found }
            }
            return nil
        case let (x as [Any], y as [Any]):
            guard x.count == y.count else { return "\(path): \(x.count) vs \(y.count) elements" }
            for (index, (xv, yv)) in zip(x, y).enumerated() {
                if let found = difference(xv, yv, path: "\(path)[\(index)]") { return found }
            }
            return nil
        case let (x as NSNumber, y as NSNumber):
            // Bit-identical as doubles: a deterministic cell reproduces every digit.
            return x.doubleValue.bitPattern == y.doubleValue.bitPattern ? nil : "\(path): \(x) vs \(y)"
        case let (x as String, y as String):
            return x == y ? nil : "\(path): \"\(x.prefix(80))\" vs \"\(y.prefix(80))\""
        case (is NSNull, is NSNull):
            return nil
        default:
            return "\(path): values of different types"
        }
    }
}
