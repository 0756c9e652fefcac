import Engine
import Foundation
import Glibc
import Shared

/// Reads and writes one decoded-dataset cache file (layout in `DatasetCacheLayout`).
///
/// Writing is atomic: a private temporary file in the same directory, fsynced, then renamed over
/// the final name, so a reader either finds no file or a complete one, and two processes
/// building the same cache at once each publish a whole file (the last rename wins; a reader
/// that mapped the other keeps its inode). Reading trusts nothing it has not checked: magic,
/// layout version, the manifest's SHA-256, the decoder version, the dataset it describes, its
/// source files' identities, the exact file size, and every label. The pixels themselves are
/// not re-hashed on each load (hundreds of MB; see docs/data-cache.md).
enum DatasetCacheFile {
    /// Maps `path` and returns its dataset, whose pixels stay in the mapping; `expected` is the
    /// manifest of the dataset wanted, compared field by field except counts and content hashes.
    static func open(_ path: String, expecting expected: DatasetCacheManifest) throws(DatasetCacheError) -> Dataset {
        let file: MappedFile
        do { file = try MappedFile(path: path, populate: true) } catch {
            if case let .unreadable(_, code) = error as? DatasetError { throw .unreadable(file: path, errno: code) }
            throw .unreadable(file: path, errno: ENOENT)
        }
        let bytes = file.bytes
        let prefix = DatasetCacheLayout.prefixBytes
        guard bytes.count >= prefix else { throw .truncated(file: path, expectedBytes: prefix, actualBytes: bytes.count) }
        guard bytes.prefix(8).elementsEqual(DatasetCacheLayout.magic) else { throw .badMagic(file: path) }
        let layoutVersion = bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        guard layoutVersion == DatasetCacheLayout.version else {
            throw .otherLayout(file: path, found: layoutVersion, expected: DatasetCacheLayout.version)
        }
        let manifestBytes = Int(bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian)
        guard bytes.count >= prefix + manifestBytes else {
            throw .truncated(file: path, expectedBytes: prefix + manifestBytes, actualBytes: bytes.count)
        }
        let manifestRegion = UnsafeRawBufferPointer(rebasing: bytes[prefix..<(prefix + manifestBytes)])
        guard SHA256.hash(manifestRegion).elementsEqual(bytes[16..<48]) else { throw .manifestHashMismatch(file: path) }
        let manifest: DatasetCacheManifest
        do {
            manifest = try JSONDecoder().decode(DatasetCacheManifest.self, from: Data(manifestRegion))
        } catch {
            throw .malformedManifest(file: path, detail: "\(error)")
        }
        try check(manifest, against: expected, file: path)
        guard let layout = DatasetCacheLayout(manifestBytes: manifestBytes, trainCount: manifest.trainCount,
                                              testCount: manifest.testCount, pixelsPerImage: manifest.shape.count)
        else { throw .malformedManifest(file: path, detail: "counts \(manifest.trainCount)/\(manifest.testCount) overflow") }
        guard bytes.count == layout.totalBytes else {
            throw .wrongSize(file: path, expectedBytes: layout.totalBytes, actualBytes: bytes.count)
        }
        let classCount = manifest.classNames.count
        func labels(at offset: Int, count: Int) throws(DatasetCacheError) -> [Int32] {
            let values = (0..<count).map { bytes.loadUnaligned(fromByteOffset: offset + 4 * $0, as: Int32.self).littleEndian }
            if let bad = values.firstIndex(where: { $0 < 0 || Int($0) >= classCount }) {
                throw .labelOutOfRange(file: path, record: bad, label: values[bad], classCount: classCount)
            }
            return values
        }
        let shape = manifest.shape
        let train = ImageSet(
            pixels: PixelBuffer(mapped: file, byteOffset: layout.trainPixels, count: manifest.trainCount * shape.count),
            labels: try labels(at: layout.trainLabels, count: manifest.trainCount), shape: shape)
        let test = ImageSet(
            pixels: PixelBuffer(mapped: file, byteOffset: layout.testPixels, count: manifest.testCount * shape.count),
            labels: try labels(at: layout.testLabels, count: manifest.testCount), shape: shape)
        return Dataset(name: manifest.name, shape: shape, classNames: manifest.classNames, train: train, test: test,
                       trainPixelMoments: manifest.trainPixelMoments)
    }

    /// Everything but the counts, shape, class names and hashes must be as expected.
    private static func check(_ found: DatasetCacheManifest, against expected: DatasetCacheManifest,
                              file: String) throws(DatasetCacheError) {
        guard found.decoderVersion == expected.decoderVersion else {
            throw .otherDecoder(file: file, found: found.decoderVersion, expected: expected.decoderVersion)
        }
        guard found.byteOrder == expected.byteOrder else {
            throw .malformedManifest(file: file, detail: "byte order \(found.byteOrder), expected \(expected.byteOrder)")
        }
        for (field, a, b) in [("format", found.format, expected.format), ("name", found.name, expected.name),
                              ("path", found.sourcePath, expected.sourcePath)] where a != b {
            throw .otherDataset(file: file, detail: "\(field) \"\(a)\", expected \"\(b)\"")
        }
        guard found.arrays == expected.arrays else {
            throw .otherDataset(file: file, detail: "arrays \(found.arrays.map { "\($0)" } ?? "none"), expected \(expected.arrays.map { "\($0)" } ?? "none")")
        }
        let foundPaths = found.sources.map(\.identity.path), expectedPaths = expected.sources.map(\.identity.path)
        guard foundPaths == expectedPaths else {
            throw .otherDataset(file: file, detail: "built from \(foundPaths), expected \(expectedPaths)")
        }
        for (recorded, current) in zip(found.sources, expected.sources) {
            if let difference = recorded.identity.difference(from: current.identity) {
                throw .sourceChanged(file: file, source: current.identity.path, detail: difference)
            }
            if recorded.verifyContent {
                let hash: String
                do { hash = try DatasetFileCache.contentHash(current.identity.path) } catch {
                    throw .sourceChanged(file: file, source: current.identity.path, detail: "unreadable: \(error)")
                }
                if hash != recorded.sha256 {
                    throw .sourceChanged(file: file, source: current.identity.path, detail: "content SHA-256 differs")
                }
            }
        }
        guard found.shape.count > 0, found.trainCount > 0, found.testCount > 0, !found.classNames.isEmpty else {
            throw .malformedManifest(file: file, detail: "empty dataset \(found.trainCount)/\(found.testCount) of \(found.shape)")
        }
    }

    /// Writes `dataset` with `manifest` (whose counts and shape must describe it) to `path`,
    /// atomically: see the type's comment.
    static func write(_ dataset: Dataset, manifest: DatasetCacheManifest, to path: String) throws {
        let manifestBytes: [UInt8]
        do { manifestBytes = Array(try JSONEncoder().encode(manifest)) } catch {
            throw DatasetCacheError.malformedManifest(file: path, detail: "cannot encode: \(error)")
        }
        guard let layout = DatasetCacheLayout(manifestBytes: manifestBytes.count, trainCount: dataset.train.count,
                                              testCount: dataset.test.count, pixelsPerImage: dataset.shape.count),
              manifestBytes.count <= Int(UInt32.max)
        else { throw DatasetCacheError.malformedManifest(file: path, detail: "dataset too large to cache") }

        let directory = (path as NSString).deletingLastPathComponent
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o444)
        guard descriptor >= 0 else { throw DatasetCacheError.writeFailed(file: temporary, operation: "open", errno: errno) }
        var published = false
        defer {
            if !published { unlink(temporary) }
        }
        do {
            defer { close(descriptor) }
            var writer = Writer(descriptor: descriptor, file: temporary)
            try writer.append(DatasetCacheLayout.magic)
            try writer.append(littleEndian: DatasetCacheLayout.version)
            try writer.append(littleEndian: UInt32(manifestBytes.count))
            try writer.append(SHA256.hash(manifestBytes))
            try writer.append(manifestBytes)
            for (offset, set) in [(layout.trainLabels, dataset.train), (layout.testLabels, dataset.test)] {
                try writer.pad(to: offset)
                try set.labels.map(\.littleEndian).withUnsafeBytes { buffer in try writer.append(buffer) }
            }
            for (offset, set) in [(layout.trainPixels, dataset.train), (layout.testPixels, dataset.test)] {
                try writer.pad(to: offset)
                try set.images.withUnsafeBufferPointer { buffer in
                    try writer.append(UnsafeRawBufferPointer(buffer))
                }
            }
            guard writer.offset == layout.totalBytes else {
                throw DatasetCacheError.wrongSize(file: temporary, expectedBytes: layout.totalBytes, actualBytes: writer.offset)
            }
            guard fsync(descriptor) == 0 else { throw DatasetCacheError.writeFailed(file: temporary, operation: "fsync", errno: errno) }
        }
        guard rename(temporary, path) == 0 else { throw DatasetCacheError.writeFailed(file: path, operation: "rename", errno: errno) }
        published = true
        // Make the rename itself durable; a failure here leaves a complete file either way.
        let directoryDescriptor = Glibc.open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Sequential `write(2)`s that survive short writes and EINTR, counting the offset.
    private struct Writer {
        let descriptor: Int32
        let file: String
        private(set) var offset = 0

        init(descriptor: Int32, file: String) {
            self.descriptor = descriptor
            self.file = file
        }

        mutating func append(_ bytes: [UInt8]) throws {
            try bytes.withUnsafeBytes { buffer in try append(buffer) }
        }

        mutating func append(littleEndian value: UInt32) throws {
            try withUnsafeBytes(of: value.littleEndian) { buffer in try append(buffer) }
        }

        mutating func pad(to target: Int) throws {
            if target > offset { try append([UInt8](repeating: 0, count: target - offset)) }
        }

        mutating func append(_ buffer: UnsafeRawBufferPointer) throws {
            guard let base = buffer.baseAddress else { return }
            var written = 0
            while written < buffer.count {
                let n = Glibc.write(descriptor, base + written, buffer.count - written)
                if n > 0 {
                    written += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    throw DatasetCacheError.writeFailed(file: file, operation: "write", errno: n < 0 ? errno : ENOSPC)
                }
            }
            offset += written
        }
    }
}
