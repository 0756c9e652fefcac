import Glibc

/// One atlas PNG as the report embeds it: its bytes, or why there are none. A missing or damaged
/// artifact file is something to say in the report, never a reason to fail it — the numbers of the
/// atlas are in the journal and still shown.
struct AtlasImage: Sendable, Equatable, Encodable {
    /// The artifact's name, as the result gives it.
    var name: String
    /// Where it is, relative to the sweep directory: `artifacts/<cell key>/<name>`.
    var path: String
    /// The file's content; nil when it could not be read or is not a PNG.
    var png: [UInt8]?
    /// Why `png` is nil, in words for the reader.
    var problem: String?

    private enum CodingKeys: String, CodingKey {
        case name, path, problem
    }

    /// PNG files start with these eight bytes (PNG spec §5.2).
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Reads artifact `name` of cell `key` from `store`; nil `store` (a report built without its
    /// sweep directory) reads nothing and says so.
    static func load(_ name: String, key: String, from store: ArtifactStore?) -> AtlasImage {
        var image = AtlasImage(name: name, path: "artifacts/\(key)/\(name)")
        guard let store else {
            image.problem = "not read: the report was built without its sweep directory"
            return image
        }
        let bytes: [UInt8]
        do {
            bytes = try store.read(key: key, name: name)
        } catch JournalError.system(let operation, _, let code) {
            // The relative path, not the absolute one: the sweep directory may have moved since.
            image.problem = "\(operation) failed: \(String(cString: strerror(code)))"
            return image
        } catch {
            image.problem = "\(error)"
            return image
        }
        guard bytes.starts(with: signature) else {
            image.problem = bytes.isEmpty ? "the file is empty" : "the file is not a PNG (\(bytes.count) bytes)"
            return image
        }
        image.png = bytes
        return image
    }
}
