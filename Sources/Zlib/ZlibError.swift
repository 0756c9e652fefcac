import CZlib

/// What zlib refused, in its own words; each caller words it for its own file or image.
public struct ZlibError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The zlib call or the check that failed (`inflate`, `compress2`, "trailing data", …).
    public var operation: String
    /// zlib's return code, or `Z_DATA_ERROR` for a check of ours.
    public var code: Int32
    /// A sentence a user can read: zlib's message, or what our check found.
    public var detail: String

    public init(operation: String, code: Int32, detail: String) {
        self.operation = operation
        self.code = code
        self.detail = detail
    }

    public var description: String { detail }

    /// zlib's own wording for a return code, e.g. "insufficient memory" for Z_MEM_ERROR.
    public static func message(_ code: Int32) -> String {
        guard let text = zError(code) else { return "unknown zlib error" }
        return String(cString: text)
    }
}
