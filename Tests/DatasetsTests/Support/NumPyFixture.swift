import Foundation
import Zlib

/// `.npy` files and zip archives built byte by byte, for the cases NumPy would never write, and
/// the folder of the fixtures NumPy did write (Fixtures/numpy/make_fixtures.py).
enum NumPyFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/numpy").path

    static func path(_ name: String) -> String { folder + "/" + name }

    static func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path(name)))) }

    /// A version-1.0 `.npy` file with `header` as its dict text (padded as NumPy pads), then `data`.
    static func npy(header: String, data: [UInt8], version: UInt8 = 1) -> [UInt8] {
        var text = Array(header.utf8)
        let prefix = version == 1 ? 10 : 12
        while (prefix + text.count + 1) % 64 != 0 { text.append(0x20) }
        text.append(0x0A)
        var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0]
        let length = text.count
        bytes += version == 1 ? [UInt8(length & 0xFF), UInt8(length >> 8)]
            : [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)]
        return bytes + text + data
    }

    /// A C-ordered array of `descr` and `shape`.
    static func npy(_ descr: String, _ shape: [Int], _ data: [UInt8]) -> [UInt8] {
        let tuple = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        return npy(header: "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(tuple), }", data: data)
    }

    static func littleEndian<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    }

    static func float32(_ values: [Float]) -> [UInt8] { littleEndian(values.map(\.bitPattern)) }

    /// A zip archive of `members` (name, bytes), stored or deflated, as `np.savez` lays it out.
    static func zip(_ members: [(String, [UInt8])], deflate: Bool = false) throws -> [UInt8] {
        var archive: [UInt8] = [], directory: [UInt8] = []
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { u16(v & 0xFFFF) + u16(v >> 16 & 0xFFFF) }
        for (name, data) in members {
            let stored = deflate ? try Array(Deflate.zlib(data, level: 6).dropFirst(2).dropLast(4)) : data
            let crc = Int(CRC32.checksum(data[...]))
            let method = deflate ? 8 : 0
            let common = u16(20) + u16(0) + u16(method) + u16(0) + u16(0x21) + u32(crc) + u32(stored.count) + u32(data.count)
                + u16(name.utf8.count) + u16(0)
            let offset = archive.count
            archive += u32(0x0403_4b50) + common + Array(name.utf8) + stored
            directory += u32(0x0201_4b50) + u16(20) + common + u16(0) + u16(0) + u16(0) + u32(0) + u32(offset) + Array(name.utf8)
        }
        let directoryOffset = archive.count
        return archive + directory + u32(0x0605_4b50) + u16(0) + u16(0) + u16(members.count) + u16(members.count)
            + u32(directory.count) + u32(directoryOffset) + u16(0)
    }
}
