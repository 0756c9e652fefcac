// Implements docs/protocol.md §2.3 (field types): parsing and encoding of the typed frames.

/// Readers and writers for the typed frames of §2.3; every reader throws, none traps.
enum WireFields {
    static func u32(_ value: UInt32) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
         UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    static func readU32(_ frame: [UInt8], _ command: WireConstants.Command, _ index: Int) throws(ProtocolError) -> UInt32 {
        guard frame.count == WireConstants.u32Bytes else {
            throw .invalidU32(command: command.description, frame: index, size: frame.count)
        }
        return frame.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// An attempt number: a `u32` that is at least 1.
    static func readAttempt(_ frame: [UInt8], _ command: WireConstants.Command, _ index: Int) throws(ProtocolError) -> UInt32 {
        let value = try readU32(frame, command, index)
        guard value >= 1 else { throw .valueOutOfRange(command: command.description, frame: index, value: value) }
        return value
    }

    static func readCellKey(_ frame: [UInt8], _ command: WireConstants.Command, _ index: Int) throws(ProtocolError) -> String {
        guard isLowerHex(frame, count: WireConstants.cellKeyBytes) else {
            throw .invalidCellKey(command: command.description, frame: index)
        }
        return String(decoding: frame, as: UTF8.self)
    }

    static func readLeaseId(_ frame: [UInt8], _ command: WireConstants.Command, _ index: Int) throws(ProtocolError) -> String {
        guard isLowerHex(frame, count: WireConstants.leaseIdBytes) else {
            throw .invalidLeaseId(command: command.description, frame: index)
        }
        return String(decoding: frame, as: UTF8.self)
    }

    static func readWorkerId(_ frame: [UInt8], _ command: WireConstants.Command, _ index: Int) throws(ProtocolError) -> String {
        guard isWorkerId(frame) else { throw .invalidWorkerId(command: command.description, frame: index) }
        return String(decoding: frame, as: UTF8.self)
    }

    static func readRequestId(_ frame: [UInt8], _ command: WireConstants.Command, _ index: Int) throws(ProtocolError) -> [UInt8] {
        guard (1...WireConstants.maxRequestIdBytes).contains(frame.count) else {
            throw .invalidRequestId(command: command.description, frame: index)
        }
        return frame
    }

    /// A token matching `^[a-z][a-z0-9-]{0,31}$`.
    static func readToken(_ frame: [UInt8], _ command: WireConstants.Command, _ index: Int) throws(ProtocolError) -> String {
        guard isToken(frame) else {
            throw .invalidToken(command: command.description, frame: index, token: printable(frame))
        }
        return String(decoding: frame, as: UTF8.self)
    }

    /// Valid UTF-8 without NUL.
    static func readText(_ frame: [UInt8], _ command: WireConstants.Command, _ index: Int) throws(ProtocolError) -> String {
        let text = String(decoding: frame, as: UTF8.self)
        guard Array(text.utf8) == frame else { throw .invalidUTF8(command: command.description, frame: index) }
        guard !frame.contains(0) else { throw .containsNUL(command: command.description, frame: index) }
        return text
    }

    static func isLowerHex(_ bytes: [UInt8], count: Int) -> Bool {
        bytes.count == count && bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    static func isWorkerId(_ bytes: [UInt8]) -> Bool {
        (1...WireConstants.maxWorkerIdBytes).contains(bytes.count) && bytes.allSatisfy {
            isAlnum($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":")
                || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "-")
        }
    }

    static func isToken(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, (1...WireConstants.maxTokenBytes).contains(bytes.count),
              isLower(first) else { return false }
        return bytes.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    /// `^[a-z0-9][a-z0-9._-]{0,63}$`
    static func isArtifactName(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, bytes.count <= WireConstants.maxArtifactNameBytes,
              isLower(first) || isDigit(first) else { return false }
        return bytes.allSatisfy {
            isLower($0) || isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    /// Bytes shown in an error description: lossy UTF-8, cut to the token limit.
    static func printable(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(WireConstants.maxTokenBytes), as: UTF8.self)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    private static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLower(b) || (b >= 0x41 && b <= 0x5A) }
}
