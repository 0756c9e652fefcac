import Foundation

// Implements docs/protocol.md §2.5 (JSON rules) and §6.1 step 7: every JSON frame is checked by one
// pass (`JSONTape`) for what `JSONDecoder` does not promise — valid UTF-8, an object at top level,
// no duplicate member names, nesting depth ≤ 32, finite numbers — before its schema is decoded.

/// Syntactic checks of §2.5 on one JSON frame, and the schema decoding that follows them.
enum JSONFrameRules {
    /// Checks §2.5, then decodes `T` with `JSONDecoder`, mapping every failure to a
    /// `ProtocolError` for `command`/`frame`.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], command: WireConstants.Command,
                                     frame: Int) throws(ProtocolError) -> T {
        let name = command.description
        _ = try tape(bytes, command: command, frame: frame)
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw map(error, command: name, frame: frame)
        } catch {
            throw .malformedJSON(command: name, frame: frame, reason: "\(error)")
        }
    }

    /// Checks §2.5, then reads a `CellResult` without `JSONDecoder` (`CellResultReader`): the
    /// coordinator does this for every `RESULT`, and it is most of the cost of recording a cell.
    ///
    /// Accepts and rejects what `decode(CellResult.self, …)` does, with the same error and equal
    /// values, except that integers must lie within ±2⁵³ (§2.5; `JSONDecoder` reads Int64), and
    /// that where Foundation can only say "not valid JSON" about a value (a number its type cannot
    /// hold, a half surrogate) the error names the member.
    static func decodeCellResult(from bytes: [UInt8], command: WireConstants.Command,
                                 frame: Int) throws(ProtocolError) -> CellResult {
        let checked = try tape(bytes, command: command, frame: frame)
        do {
            return try CellResultReader.read(checked)
        } catch {
            let name = command.description
            switch error {
            case let .missing(path): throw .missingMember(command: name, frame: frame, member: path)
            case let .wrongType(path): throw .wrongType(command: name, frame: frame, member: path)
            case let .invalid(path, problem):
                throw .invalidMember(command: name, frame: frame, member: path, problem: problem)
            }
        }
    }

    /// §2.5 on `bytes`: valid UTF-8 first (as §6.1 lists it), then the syntax rules in one pass.
    /// Member names are compared after resolving escapes, so `"a"` and `"\u0061"` in one object
    /// are duplicates (the recogniser this replaced compared raw bytes and let them through).
    static func tape(_ bytes: [UInt8], command: WireConstants.Command, frame: Int) throws(ProtocolError) -> JSONTape {
        let name = command.description
        guard UTF8Validation.isValid(bytes) else { throw .invalidUTF8(command: name, frame: frame) }
        do {
            return try JSONTape(parsing: bytes)
        } catch {
            switch error {
            case let .malformed(reason): throw .malformedJSON(command: name, frame: frame, reason: reason)
            case .tooDeep: throw .jsonTooDeep(command: name, frame: frame)
            case let .duplicate(member): throw .duplicateMember(command: name, frame: frame, name: member)
            case .nonFinite: throw .nonFiniteNumber(command: name, frame: frame)
            }
        }
    }

    static func map(_ error: DecodingError, command: String, frame: Int) -> ProtocolError {
        func path(_ context: DecodingError.Context, _ last: CodingKey? = nil) -> String {
            let keys = context.codingPath + (last.map { [$0] } ?? [])
            let joined = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "(top level)" : joined
        }
        switch error {
        case let .keyNotFound(key, context):
            return .missingMember(command: command, frame: frame, member: path(context, key))
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return .wrongType(command: command, frame: frame, member: path(context))
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                return .malformedJSON(command: command, frame: frame, reason: context.debugDescription)
            }
            return .invalidMember(command: command, frame: frame, member: path(context),
                                  problem: "is not an allowed value")
        @unknown default:
            return .malformedJSON(command: command, frame: frame, reason: "\(error)")
        }
    }
}
