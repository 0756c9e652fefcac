import Zlib

/// The members of a zip archive, as `np.savez` and `np.savez_compressed` write them (PKWARE
/// APPNOTE 6.3): stored or deflated, with or without ZIP64 records (NumPy forces ZIP64 extra
/// fields on every member). Read from the central directory, whose sizes are authoritative even
/// when a member was streamed; each member's CRC-32 is checked when it is extracted.
///
/// Refused with an error naming the file: encryption, other compression methods, multi-disk
/// archives, and any offset or size that points outside the file.
struct ZipArchive {
    struct Member {
        let name: String
        let method: Int
        let crc32: UInt32
        let compressedSize: Int
        let size: Int
        let localHeaderOffset: Int
    }

    let file: String
    let reader: ByteReader
    /// Members in the order of the central directory.
    let members: [Member]

    init(bytes: [UInt8], file: String) throws {
        self.file = file
        let reader = ByteReader(bytes: bytes) { DatasetError.corruptArchive(file: file, detail: $0) }
        self.reader = reader
        let end = try Self.endOfCentralDirectory(reader)
        var members: [Member] = []
        var offset = end.directoryOffset
        for index in 0..<end.entries {
            guard try reader.u32(offset, "central directory entry \(index)") == 0x0201_4b50 else {
                throw DatasetError.corruptArchive(file: file, detail: "central directory entry \(index) has no signature")
            }
            let flags = try reader.u16(offset + 8, "flags")
            let method = try reader.u16(offset + 10, "compression method")
            let crc = UInt32(try reader.u32(offset + 16, "CRC-32"))
            var compressed = try reader.u32(offset + 20, "compressed size")
            var size = try reader.u32(offset + 24, "size")
            let nameLength = try reader.u16(offset + 28, "name length")
            let extraLength = try reader.u16(offset + 30, "extra length")
            let commentLength = try reader.u16(offset + 32, "comment length")
            var local = try reader.u32(offset + 42, "local header offset")
            let nameBytes = try reader.slice(offset + 46, nameLength, "member name")
            let name = String(decoding: nameBytes, as: UTF8.self)
            guard flags & 1 == 0 else { throw DatasetError.corruptArchive(file: file, detail: "member \(name) is encrypted") }
            // ZIP64 extra field (0x0001): the 64-bit values, in this order, of those set to 0xFFFFFFFF.
            var extra = offset + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = try reader.u16(extra, "extra field id"), length = try reader.u16(extra + 2, "extra field length")
                if id == 0x0001 {
                    var field = extra + 4
                    if size == 0xFFFF_FFFF { size = try reader.u64(field, "ZIP64 size"); field += 8 }
                    if compressed == 0xFFFF_FFFF { compressed = try reader.u64(field, "ZIP64 compressed size"); field += 8 }
                    if local == 0xFFFF_FFFF { local = try reader.u64(field, "ZIP64 local header offset"); field += 8 }
                    guard field <= extra + 4 + length else {
                        throw DatasetError.corruptArchive(file: file, detail: "member \(name): ZIP64 extra field too short")
                    }
                }
                extra += 4 + length
            }
            members.append(Member(name: name, method: method, crc32: crc, compressedSize: compressed, size: size,
                                  localHeaderOffset: local))
            offset += 46 + nameLength + extraLength + commentLength
        }
        self.members = members
    }

    func member(named name: String) -> Member? { members.first { $0.name == name } }

    /// The member's bytes, inflated if it was deflated, with its CRC-32 checked.
    func contents(of member: Member) throws -> [UInt8] {
        let local = member.localHeaderOffset
        guard try reader.u32(local, "local header of \(member.name)") == 0x0403_4b50 else {
            throw DatasetError.corruptArchive(file: file, detail: "member \(member.name) has no local header")
        }
        let start = local + 30 + (try reader.u16(local + 26, "name length")) + (try reader.u16(local + 28, "extra length"))
        let data = try reader.slice(start, member.compressedSize, "data of \(member.name)")
        let bytes: [UInt8]
        switch member.method {
        case 0:
            guard member.size == member.compressedSize else {
                throw DatasetError.corruptArchive(file: file, detail: "stored member \(member.name) has two sizes")
            }
            bytes = Array(data)
        case 8:
            do {
                bytes = try data.withUnsafeBytes { try Inflate.raw($0, size: member.size) }
            } catch let error as ZlibError {
                throw DatasetError.corruptArchive(file: file, detail: "member \(member.name): \(error.detail)")
            }
        default:
            throw DatasetError.corruptArchive(
                file: file, detail: "member \(member.name) uses compression method \(member.method); only stored (0) and deflate (8) are read")
        }
        guard CRC32.checksum(bytes[...]) == member.crc32 else {
            throw DatasetError.corruptArchive(file: file, detail: "member \(member.name) fails its CRC-32 check")
        }
        return bytes
    }

    /// The end-of-central-directory record (with its ZIP64 record when the archive has one): how
    /// many entries, and where the directory starts.
    private static func endOfCentralDirectory(_ reader: ByteReader) throws -> (entries: Int, directoryOffset: Int) {
        let count = reader.bytes.count
        // The record is 22 bytes plus a comment of at most 65,535; search back from the end.
        var position = count - 22
        let lowest = max(0, count - 22 - 65_535)
        while position >= lowest {
            if try reader.u32(position, "end record") == 0x0605_4b50,
               try position + 22 + reader.u16(position + 20, "comment length") == count { break }
            position -= 1
        }
        guard position >= lowest else { throw reader.failure("no zip end-of-central-directory record: not a zip archive") }
        guard try reader.u16(position + 4, "disk number") == 0, try reader.u16(position + 6, "directory disk") == 0 else {
            throw reader.failure("a multi-disk archive")
        }
        var entries = try reader.u16(position + 10, "entry count")
        var offset = try reader.u32(position + 16, "directory offset")
        if entries == 0xFFFF || offset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the record points at the ZIP64 end record.
            guard position >= 20, try reader.u32(position - 20, "ZIP64 locator") == 0x0706_4b50 else {
                throw reader.failure("a ZIP64 archive without its ZIP64 locator")
            }
            let record = try reader.u64(position - 12, "ZIP64 end record offset")
            guard try reader.u32(record, "ZIP64 end record") == 0x0606_4b50 else {
                throw reader.failure("no ZIP64 end record where its locator points")
            }
            entries = try reader.u64(record + 32, "ZIP64 entry count")
            offset = try reader.u64(record + 48, "ZIP64 directory offset")
        }
        // Each entry takes at least 46 bytes: a count the file cannot hold is damage, not a loop to run.
        guard entries <= count / 46 else { throw reader.failure("\(entries) entries cannot fit in \(count) bytes") }
        return (entries, offset)
    }
}
