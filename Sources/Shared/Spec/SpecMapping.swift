import Yams

/// A YAML mapping read key by key, remembering where each key was written.
///
/// Unknown keys are checked before any value is read, so a misspelt key is reported as such and
/// not as the required key it was meant to be.
struct SpecMapping {
    struct Entry {
        let key: String
        let keyLocation: SourceLocation
        let value: SpecNode
    }

    /// The mapping itself; missing keys are reported at its location.
    let node: SpecNode
    let entries: [Entry]

    init(_ node: SpecNode, expected: String) throws {
        guard case .mapping(let mapping) = node.node else { throw node.mismatch(expected) }
        self.node = node
        let file = node.location.file
        entries = try mapping.map { key, value in
            let keyNode = SpecNode(node: key, path: node.path, file: file, fallback: node.location)
            guard case .scalar(let scalar) = key else {
                throw keyNode.mismatch("a key name")
            }
            let valueNode = SpecNode(node: value, path: node.path(key: scalar.string), file: file,
                                     fallback: keyNode.location)
            return Entry(key: scalar.string, keyLocation: keyNode.location, value: valueNode)
        }
    }

    /// Refuses the first key not in `allowed`.
    func checkKeys(_ allowed: [String]) throws {
        for entry in entries where !allowed.contains(entry.key) {
            throw SpecError.unknownKey(entry.keyLocation, path: entry.value.path, expected: allowed)
        }
    }

    /// The value under `key`, or nil when the key is absent.
    func optional(_ key: String) -> SpecNode? {
        entries.first { $0.key == key }?.value
    }

    /// The value under `key`; its absence is reported at this mapping's location.
    func required(_ key: String) throws -> SpecNode {
        guard let value = optional(key) else {
            throw SpecError.missingKey(node.location, path: node.path(key: key))
        }
        return value
    }

    /// Where `key` was written, for errors about the key itself (it does not apply, say).
    func keyLocation(_ key: String) -> SourceLocation {
        entries.first { $0.key == key }?.keyLocation ?? node.location
    }

    /// Refuses `key` when present, because `reason` says it has no effect here.
    func forbid(_ key: String, because reason: String) throws {
        guard optional(key) != nil else { return }
        throw SpecError.notApplicable(keyLocation(key), path: node.path(key: key), reason: reason)
    }
}
