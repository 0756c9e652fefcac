/// The pixels of an image set: either an array the readers filled, or a range of a mapped
/// dataset cache file (see `DatasetFileCache`).
///
/// One type for both so the code that reads pixels (tasks, tests) does not care where they came
/// from, and a cell that maps a cache file never copies its hundreds of megabytes into an array.
/// Reading goes through `withUnsafeBufferPointer` for speed, or the collection API for
/// convenience.
public struct PixelBuffer: RandomAccessCollection, Sendable, Equatable {
    private enum Storage: Sendable {
        case array([Float])
        /// `count` floats starting `byteOffset` bytes into `file` (a multiple of 4).
        case mapped(MappedFile, byteOffset: Int)
    }

    private let storage: Storage
    public let startIndex = 0
    public let endIndex: Int

    public init(_ pixels: [Float]) {
        storage = .array(pixels)
        endIndex = pixels.count
    }

    /// `count` floats in `file` from `byteOffset`; the range must lie inside the file and the
    /// offset be 4-byte aligned (the cache layout checks both before it gets here).
    init(mapped file: MappedFile, byteOffset: Int, count: Int) {
        precondition(byteOffset % MemoryLayout<Float>.alignment == 0
                     && byteOffset + count * MemoryLayout<Float>.stride <= file.count,
                     "\(count) floats at byte \(byteOffset) do not fit in \(file.path)")
        storage = .mapped(file, byteOffset: byteOffset)
        endIndex = count
    }

    public subscript(position: Int) -> Float {
        switch storage {
        case .array(let array): return array[position]
        case .mapped:
            precondition(position >= 0 && position < endIndex, "pixel \(position) outside 0..<\(endIndex)")
            return withUnsafeBufferPointer { $0[position] }
        }
    }

    /// Calls `body` with the pixels as one contiguous buffer, valid only during the call.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        switch storage {
        case .array(let array):
            return try array.withUnsafeBufferPointer(body)
        case let .mapped(file, byteOffset):
            return try withExtendedLifetime(file) {
                // An empty range of an empty file has no base address; an empty buffer is right then.
                guard let base = file.base, endIndex > 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
                // The cache region holds nothing but floats, and this process never views it as
                // another type, so binding it to Float is sound.
                let floats = (base + byteOffset).bindMemory(to: Float.self, capacity: endIndex)
                return try body(UnsafeBufferPointer(start: floats, count: endIndex))
            }
        }
    }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R? {
        try withUnsafeBufferPointer(body)
    }

    /// Whether the pixels live in a mapped cache file rather than in memory this process filled.
    public var isMapped: Bool {
        if case .mapped = storage { return true }
        return false
    }

    /// Equal when the values are (`==` per float, as for arrays; tests that need bit-identical
    /// pixels compare `bitPattern`s).
    public static func == (lhs: PixelBuffer, rhs: PixelBuffer) -> Bool {
        lhs.count == rhs.count && lhs.withUnsafeBufferPointer { a in rhs.withUnsafeBufferPointer { b in a.elementsEqual(b) } }
    }
}
