/// One array in NumPy's `.npy` format (numpy.lib.format, versions 1.0, 2.0 and 3.0): the element
/// type, the shape, and where its data lies in the bytes it was parsed from.
///
/// The header is a Python dict literal, `{'descr': '<f4', 'fortran_order': False, 'shape': (60000, 28, 28), }`,
/// parsed here by a small grammar that accepts exactly what NumPy writes: the three keys, once
/// each, with a string, a boolean and a tuple of non-negative integers. Refused, each with what to
/// do instead: big-endian data, Fortran order, object arrays (they need pickle), structured
/// dtypes, and shapes whose element or byte count overflows or disagrees with the data's length.
struct NPYArray {
    enum Element: Equatable {
        case unsigned(bytes: Int)
        case signed(bytes: Int)
        case float(bytes: Int)
        /// Fixed-width UTF-32 strings of `characters` characters (`<U8`).
        case unicode(characters: Int)
        /// Fixed-width byte strings (`|S8`).
        case byteString(bytes: Int)

        var size: Int {
            switch self {
            case .unsigned(let n), .signed(let n), .float(let n), .byteString(let n): n
            case .unicode(let characters): characters * 4
            }
        }
    }

    let element: Element
    /// The `descr` as written (`<f4`), for messages.
    let descr: String
    let shape: [Int]
    /// Elements: the product of `shape` (1 for a 0-d array).
    let count: Int
    /// The data: exactly `count × element.size` bytes.
    let data: ArraySlice<UInt8>

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]   // "\x93NUMPY"
    /// NumPy refuses headers above 10,000 bytes by default; we allow far more, but not megabytes.
    static let maxHeaderBytes = 1 << 16

    /// Parses `bytes`, a whole `.npy` file; `fail` words a problem for the file and array.
    static func parse(_ bytes: [UInt8], fail: @escaping (String) -> DatasetError) throws -> NPYArray {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw fail("not a .npy array (it does not start with \\x93NUMPY)")
        }
        let major = Int(bytes[6]), minor = Int(bytes[7])
        guard (1...3).contains(major) else { throw fail("format version \(major).\(minor); this reader knows 1.0 to 3.0") }
        let reader = ByteReader(bytes: bytes) { fail($0) }
        let headerLength = major == 1 ? try reader.u16(8, "header length") : try reader.u32(8, "header length")
        let headerStart = major == 1 ? 10 : 12
        guard headerLength <= maxHeaderBytes else { throw fail("header of \(headerLength) bytes; NumPy writes a few hundred") }
        let headerBytes = try reader.slice(headerStart, headerLength, "header")
        // 1.0 and 2.0 headers are latin-1, 3.0 UTF-8; every header NumPy writes for the dtypes
        // read here is ASCII, so anything else is refused rather than guessed at.
        guard headerBytes.allSatisfy({ $0 < 0x80 }) else { throw fail("header is not ASCII") }
        let header = try NPYHeader.parse(String(decoding: headerBytes, as: UTF8.self), fail: fail)

        let element = try Self.element(header.descr, fail: fail)
        guard !header.fortranOrder else {
            throw fail("stored in Fortran order; save a C-ordered array (np.ascontiguousarray(a))")
        }
        var count = 1
        for dimension in header.shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw fail("shape \(Self.tuple(header.shape)) has more elements than can be addressed") }
            count = product
        }
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: element.size)
        guard !overflow else { throw fail("shape \(Self.tuple(header.shape)) of \(header.descr) needs more bytes than can be addressed") }
        let dataStart = headerStart + headerLength
        let available = bytes.count - dataStart
        guard available == byteCount else {
            throw fail(available < byteCount
                ? "truncated: shape \(Self.tuple(header.shape)) of \(header.descr) needs \(byteCount) bytes of data, the file has \(available)"
                : "\(available - byteCount) bytes after the \(byteCount) that shape \(Self.tuple(header.shape)) of \(header.descr) needs")
        }
        return NPYArray(element: element, descr: header.descr, shape: header.shape, count: count, data: bytes[dataStart...])
    }

    /// The element type a `descr` names; only little-endian (or byte-sized) numeric and string types.
    static func element(_ descr: String, fail: (String) -> DatasetError) throws -> Element {
        let characters = Array(descr)
        guard characters.count >= 2 else { throw fail("unknown dtype '\(descr)'") }
        let order = characters[0], kind = characters[1]
        if kind == "O" { throw fail("an object array (dtype \(descr)) needs pickle, which this reader does not run; save a numeric array") }
        guard let size = Int(String(characters.dropFirst(2))), size > 0, size <= 1 << 20 else {
            throw fail("unknown dtype '\(descr)'")
        }
        let element: Element
        switch (kind, size) {
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): element = .unsigned(bytes: size)
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): element = .signed(bytes: size)
        case ("f", 4), ("f", 8): element = .float(bytes: size)
        case ("U", _): element = .unicode(characters: size)
        case ("S", _): element = .byteString(bytes: size)
        default: throw fail("unsupported dtype '\(descr)' (images: uint8 or float32; labels: integers; names: strings)")
        }
        let byteSized: Bool = if case .byteString = element { true } else { element.size == 1 }
        switch order {
        case "<": break
        case "|" where byteSized: break
        case ">" where byteSized: break
        case ">": throw fail("big-endian data (dtype \(descr)); save it little-endian, e.g. a.astype('<\(kind)\(size)')")
        default: throw fail("unknown byte order in dtype '\(descr)'")
        }
        return element
    }

    static func tuple(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
