import Zlib

/// Why a PNG could not be written.
public enum PNGError: Error, Equatable, CustomStringConvertible {
    /// A side is zero: PNG has no empty images.
    case emptyImage(width: Int, height: Int)
    /// A side exceeds `PNGEncoder.maximumSide`; such a file is more than any report should embed
    /// and more than many decoders accept.
    case tooLarge(width: Int, height: Int)
    /// The pixel buffer's length does not match width × height × channels.
    case pixelCountMismatch(expected: Int, actual: Int)
    /// zlib reported `code` from `operation` (e.g. `compress2`).
    case zlib(operation: String, code: Int32)

    public var description: String {
        switch self {
        case let .emptyImage(width, height):
            return "cannot encode a \(width)×\(height) PNG: each side needs at least one pixel"
        case let .tooLarge(width, height):
            return "cannot encode a \(width)×\(height) PNG: each side must be at most \(PNGEncoder.maximumSide) pixels"
        case let .pixelCountMismatch(expected, actual):
            return "cannot encode PNG: the pixel buffer holds \(actual) bytes but the image needs \(expected)"
        case let .zlib(operation, code):
            return "cannot encode PNG: zlib \(operation) failed with code \(code) (\(ZlibError.message(code)))"
        }
    }
}
