// Implements docs/protocol.md §2.4 ASSIGN (frames 0–5) for a coordinator that sends thousands of
// them: the cell object of frame 5 is built by concatenation.

/// Encodes the `ASSIGN` messages of one sweep, with the parts every one of them shares — the spec
/// YAML (kilobytes, escaped as a JSON string) and the lease duration — encoded once.
///
/// The bytes are exactly what `WireCodec.encode(.assign(...))` produces for the same values: the
/// members in sorted order, strings escaped as the codec's `JSONEncoder` escapes them.
public struct AssignmentEncoder: Sendable {
    /// The sweep spec as run, as every `ASSIGN` carries it.
    public let specYAML: String
    /// Each lease's duration, 1,000–86,400,000 ms (docs/protocol.md §2.4 WELCOME).
    public let leaseMilliseconds: Int
    /// `,"lease_ms":…,"spec_yaml":"…"}`: everything after `key_material`.
    private let tail: [UInt8]

    public init(specYAML: String, leaseMilliseconds: Int) {
        self.specYAML = specYAML
        self.leaseMilliseconds = leaseMilliseconds
        var tail = Array(",\"lease_ms\":\(leaseMilliseconds),\"spec_yaml\":".utf8)
        tail.reserveCapacity(tail.count + specYAML.utf8.count + 64)
        JSONStringEscapes.appendQuoted(specYAML, to: &tail)
        tail.append(UInt8(ascii: "}"))
        self.tail = tail
    }

    /// Frame 5, the cell object: `CellAssignment(cell:keyMaterial:specYAML:leaseMilliseconds:)`
    /// with this encoder's spec and lease duration.
    public func body(cell: CellCoordinate, keyMaterial: String) -> [UInt8] {
        var head = "{\"cell\":{\"seed\":\(cell.seed),\"task\":"
        var task = cell.task
        // A variant's cell names it between task and width (sorted keys); other cells do not.
        var middleBytes: [UInt8] = []
        if !cell.variant.isEmpty {
            middleBytes += Array(",\"variant\":".utf8)
            JSONStringEscapes.appendQuoted(cell.variant, to: &middleBytes)
        }
        middleBytes += Array(",\"width\":\(cell.width)},\"key_material\":".utf8)
        var middle = String(decoding: middleBytes, as: UTF8.self)
        var material = keyMaterial
        // Sized first, then written in one go: the body is copied once, never regrown.
        return head.withUTF8 { head in
            task.withUTF8 { task in
                middle.withUTF8 { middle in
                    material.withUTF8 { material in
                        let count = head.count + JSONStringEscapes.quotedCount(task) + middle.count
                            + JSONStringEscapes.quotedCount(material) + tail.count
                        return [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
                            var j = Self.copy(head, into: out, at: 0)
                            j = JSONStringEscapes.writeQuoted(task, into: out, at: j)
                            j = Self.copy(middle, into: out, at: j)
                            j = JSONStringEscapes.writeQuoted(material, into: out, at: j)
                            j = tail.withUnsafeBufferPointer { Self.copy($0, into: out, at: j) }
                            initialized = j
                        }
                    }
                }
            }
        }
    }

    private static func copy(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
        guard let source = bytes.baseAddress, let destination = out.baseAddress else { return index }
        (destination + index).initialize(from: source, count: bytes.count)
        return index + bytes.count
    }

    /// The whole message as a DEALER receives it (no routing-id frame), ready for `ZMQSocket.send`
    /// behind the peer's routing id.
    public func frames(leaseId: String, cellKey: String, attempt: UInt32, cell: CellCoordinate,
                       keyMaterial: String) -> [[UInt8]] {
        [WireConstants.tag, [WireConstants.Command.assign.rawValue], Array(leaseId.utf8), Array(cellKey.utf8),
         WireFields.u32(attempt), body(cell: cell, keyMaterial: keyMaterial)]
    }
}
