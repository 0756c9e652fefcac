import Glibc

/// A whole file mapped read-only into memory, unmapped when the last reference goes away.
///
/// Decoded dataset caches are hundreds of megabytes of floats that every cell process of a worker
/// reads and none writes. Mapping them shares one copy in the page cache between all those
/// processes and costs a cell no copy at all, where reading them would give each cell a private
/// copy and cost it the time to make one.
public final class MappedFile: @unchecked Sendable {
    // @unchecked: the mapping is PROT_READ and never remapped, so sharing it across threads is
    // as safe as sharing an immutable array.

    /// The path the file was opened under, for error messages.
    public let path: String
    /// The first byte of the mapping; `nil` for an empty file (which cannot be mapped).
    public let base: UnsafeRawPointer?
    /// The file's size in bytes when it was mapped.
    public let count: Int

    /// Maps `path`. `populate` asks the kernel to map every page now (`MAP_POPULATE`), which is
    /// cheaper than taking one page fault per 4 KiB later when the caller will read it all anyway.
    public init(path: String, populate: Bool = false) throws {
        self.path = path
        let (descriptor, size) = try FileBytes.openRegularFile(path)
        // The mapping stays valid after the descriptor is closed.
        defer { close(descriptor) }
        count = size
        guard count > 0 else {
            base = nil
            return
        }
        let flags = MAP_PRIVATE | (populate ? MAP_POPULATE : 0)
        let mapped = mmap(nil, count, PROT_READ, flags, descriptor, 0)
        guard let mapped, mapped != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw DatasetError.unreadable(file: path, errno: errno)
        }
        base = UnsafeRawPointer(mapped)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }

    /// The mapped bytes; empty for an empty file.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}
