/// Little-endian integers at offsets of a byte buffer, every read bounds-checked: the zip and
/// `.npy` parsers read offsets and lengths straight from hostile files, so no read may trap.
struct ByteReader {
    let bytes: [UInt8]
    /// Says what was being read when a read falls outside the buffer.
    let failure: (String) -> DatasetError

    func u16(_ offset: Int, _ what: String) throws -> Int {
        try check(offset, 2, what)
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    func u32(_ offset: Int, _ what: String) throws -> Int {
        try check(offset, 4, what)
        return (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
    }

    /// A 64-bit field, refused above Int.max (no file of ours is 8 EiB).
    func u64(_ offset: Int, _ what: String) throws -> Int {
        try check(offset, 8, what)
        let value = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
        guard value <= UInt64(Int.max) else { throw failure("\(what) is \(value), beyond any file") }
        return Int(value)
    }

    /// The `count` bytes at `offset`.
    func slice(_ offset: Int, _ count: Int, _ what: String) throws -> ArraySlice<UInt8> {
        try check(offset, count, what)
        return bytes[offset..<(offset + count)]
    }

    func check(_ offset: Int, _ count: Int, _ what: String) throws {
        let (end, overflow) = offset.addingReportingOverflow(count)
        guard offset >= 0, count >= 0, !overflow, end <= bytes.count else {
            throw failure("\(what) at byte \(offset) (\(count) bytes) runs past the end of the \(bytes.count)-byte file")
        }
    }
}
