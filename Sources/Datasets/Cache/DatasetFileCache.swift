import Foundation
import Glibc
import Shared

/// Decoded datasets kept as files in a directory, so that the many cell processes of one worker
/// decompress and decode each dataset once and then map it (issue 14).
///
/// Each cell is its own process (a crash takes down one cell, not the worker), so an in-memory
/// cache never outlives a cell; a file does, and needs no long-lived process to serve it. The
/// first cell to need a dataset decodes it as before, hashes its source files and publishes the
/// cache file atomically; later cells map it read-only (milliseconds, and one copy in the page
/// cache for all of them). A cache that is stale (a source file changed, another decoder
/// version) or damaged is reported in one log line and rebuilt, never used. Any failure to
/// write the cache is logged and the decoded dataset is used: the cache only ever saves time.
///
/// Synthetic datasets are not cached: they are generated from a seed in milliseconds with no
/// file to decode, so a cache file would cost more I/O than it saves.
public struct DatasetFileCache: Sendable {
    /// Where the cache files live (created when the first one is written).
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The dataset `source` describes, from its cache file when that is valid, decoded from its
    /// files otherwise (publishing a new cache file). `log` receives one line per cache file
    /// found unusable and per cache file that could not be written.
    public func load(_ source: DatasetSource, log: (String) -> Void) throws -> Dataset {
        guard source.format != .synthetic else { return try DatasetLoader.load(source) }
        let files = try DatasetLoader.sourceFiles(source)
        let before = try files.map(SourceFileIdentity.of)
        let path = cachePath(for: source)
        let expected = manifest(source, sources: before.map { .init(identity: $0, sha256: "", verifyContent: false) })
        do {
            return try DatasetCacheFile.open(path, expecting: expected)
        } catch .unreadable(_, let code) where code == ENOENT || code == ENOTDIR {
            // No cache yet: the normal first load (ENOTDIR: the directory is not there either).
        } catch {
            log("\(error); rebuilding it")
        }

        let clock = ContinuousClock()
        let decodeStart = clock.now
        let dataset = try DatasetLoader.load(source)
        let hashStart = clock.now
        let hashes = try files.map(Self.contentHash)
        let hashEnd = clock.now
        let after = try files.map(SourceFileIdentity.of)
        guard after == before else {
            log("\(path): not written, \(source.name)'s files changed while they were read")
            return dataset
        }
        let now = Self.realTimeNanoseconds()
        var built = manifest(source, sources: zip(before, hashes).map { identity, hash in
            let changed = max(identity.modifiedNanoseconds, identity.changedNanoseconds)
            return .init(identity: identity, sha256: hash, verifyContent: now - changed < Self.racyWindow)
        })
        built.height = dataset.shape.height
        built.width = dataset.shape.width
        built.channels = dataset.shape.channels
        built.classNames = dataset.classNames
        built.trainCount = dataset.train.count
        built.testCount = dataset.test.count
        built.trainPixelMoments = dataset.trainPixelMoments
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            try DatasetCacheFile.write(dataset, manifest: built, to: path)
            // One line per build: the cost it saves later cells, and what hashing adds to it.
            let sourceBytes = before.reduce(0) { $0 + $1.size }
            log("\(path): cached \(source.name), decoded in \(Self.seconds(hashStart - decodeStart)), "
                + "SHA-256 of \(sourceBytes) source bytes in \(Self.seconds(hashEnd - hashStart)), "
                + "written in \(Self.seconds(clock.now - hashEnd))")
        } catch {
            log("\(path): \(error); this cell uses the decoded data uncached")
        }
        return dataset
    }

    /// The cache file of `source`: its name, for people listing the directory, and a digest of
    /// what identifies the dataset apart from file contents (format, name — which picks class
    /// names — and path), so two datasets never share a file. File contents and the decoder
    /// version are checked inside the file instead, so a change replaces the file rather than
    /// leaving the old one behind.
    public func cachePath(for source: DatasetSource) -> String {
        // The arrays' names decide what a NumPy file decodes to: two mappings, two cache files.
        let arrays = source.numPyArrays.map { a in "arrays \(a.xTrain) \(a.yTrain) \(a.xTest) \(a.yTest) \(a.classNames)\n" } ?? ""
        let key = "format \(source.format.rawValue)\nname \(source.name)\npath \(source.path)\n" + arrays
        let digest = SHA256.hex(SHA256.hash(Array(key.utf8))).prefix(16)
        let safeName = String(source.name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        return directory + "/" + safeName + "-" + digest + ".dataset"
    }

    private func manifest(_ source: DatasetSource, sources: [DatasetCacheManifest.Source]) -> DatasetCacheManifest {
        DatasetCacheManifest(decoderVersion: DatasetLoader.decoderVersion, format: source.format.rawValue,
                             name: source.name, sourcePath: source.path, arrays: source.numPyArrays, sources: sources,
                             byteOrder: "little",
                             height: 0, width: 0, channels: 0, classNames: [], trainCount: 0, testCount: 0,
                             trainPixelMoments: PixelMoments(mean: 0, standardDeviation: 1))
    }

    /// How recently a source file may have changed before its timestamps alone are trusted (see
    /// `DatasetCacheManifest.Source.verifyContent`): far above any timestamp granularity.
    static let racyWindow: Int64 = 2_000_000_000

    private static func realTimeNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    private static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        return String(format: "%.3f s", Double(whole) + Double(fraction) * 1e-18)
    }

    /// SHA-256 of the file's bytes as stored, in hex: what the cache was decoded from.
    static func contentHash(_ path: String) throws -> String {
        SHA256.hex(SHA256.hash(try FileBytes.read(path)))
    }
}
