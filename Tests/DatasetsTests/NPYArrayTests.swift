import Testing
@testable import Datasets

/// The `.npy` header (numpy.lib.format 1.0–3.0): what NumPy writes is read, the rest refused with
/// what to do instead, and no header — however hostile — makes the reader trap or over-allocate.
struct NPYArrayTests {
    static func parse(_ bytes: [UInt8]) throws -> NPYArray {
        try NPYArray.parse(bytes) { DatasetError.badArray(file: "f.npy", array: "a", detail: $0) }
    }

    static func detail(_ bytes: [UInt8]) -> String {
        guard case .badArray(_, _, let detail)? = datasetError({ try parse(bytes) }) else { return "" }
        return detail
    }

    @Test(arguments: ["labels-v2.npy", "labels-v3.npy"])
    func versionsTwoAndThreeAreRead(file: String) throws {
        let array = try Self.parse(NumPyFixture.bytes(file))
        #expect(array.element == .signed(bytes: 2) && array.shape == [5] && array.count == 5)
        #expect(Array(array.data) == NumPyFixture.littleEndian([Int16(3), 1, 4, 1, 5]))
    }

    @Test func whatNumPyWritesButWeDoNotReadIsRefusedWithWhatToDo() throws {
        #expect(Self.detail(try NumPyFixture.bytes("fortran.npy")) == "stored in Fortran order; save a C-ordered array (np.ascontiguousarray(a))")
        #expect(Self.detail(try NumPyFixture.bytes("object.npy")).hasPrefix("an object array (dtype |O) needs pickle"))
        #expect(Self.detail(try NumPyFixture.bytes("big-endian.npy")) == "big-endian data (dtype >f4); save it little-endian, e.g. a.astype('<f4')")
        #expect(Self.detail(try NumPyFixture.bytes("structured.npy")) == "a structured dtype (a list of fields); save plain arrays")
    }

    @Test func shapesWhoseSizeOverflowsOrDisagreesWithTheDataAreRefusedBeforeAnyAllocation() {
        #expect(Self.detail(NumPyFixture.npy("<f4", [1 << 62, 1 << 62], [])).hasSuffix("has more elements than can be addressed"))
        #expect(Self.detail(NumPyFixture.npy("<f8", [1 << 61], [])).hasSuffix("needs more bytes than can be addressed"))
        #expect(Self.detail(NumPyFixture.npy("<f4", [3], [0, 0, 0, 0])) == "truncated: shape (3,) of <f4 needs 12 bytes of data, the file has 4")
        #expect(Self.detail(NumPyFixture.npy("|u1", [2], [1, 2, 3])) == "1 bytes after the 2 that shape (2,) of |u1 needs")
        #expect(Self.detail(NumPyFixture.npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }", data: []))
            == "header: dimension 99999999999999999999 is too large")
    }

    @Test func headersThatAreNotNumPysDictAreRefused() {
        func header(_ text: String) -> String { Self.detail(NumPyFixture.npy(header: text, data: [])) }
        #expect(header("{'descr': '<f4', 'shape': (0,), }") == "header lacks 'fortran_order'")
        #expect(header("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (0,)}") == "header repeats 'descr'")
        #expect(header("{'descr': '<f4', 'fortran_order': False, 'shape': (0,), 'x': 1}") == "header has an unknown key 'x'")
        #expect(header("{'descr': '<f4', 'fortran_order': False, 'shape': (0,)} junk") == "header has text after its closing brace")
        #expect(header("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (0,)}").hasPrefix("header: expected True or False"))
        #expect(header("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}").hasPrefix("header: expected a dimension"))
        #expect(header("{'descr': '<c8', 'fortran_order': False, 'shape': (0,)}").hasPrefix("unsupported dtype '<c8'"))
        #expect(header("[1, 2]").hasPrefix("header is not a dict literal"))
        #expect(header("{'descr': '<f4', 'fortran_order': False, 'shape': (0,), 'é': 1}") == "header is not ASCII")
    }

    @Test func theFramingIsChecked() {
        #expect(Self.detail(Array("not numpy at all".utf8)) == "not a .npy array (it does not start with \\x93NUMPY)")
        var future = NumPyFixture.npy("<f4", [0], [])
        future[6] = 4
        #expect(Self.detail(future) == "format version 4.0; this reader knows 1.0 to 3.0")
        var long = NumPyFixture.npy("<f4", [0], [])
        (long[8], long[9]) = (0xFF, 0xFF)
        #expect(Self.detail(long).hasPrefix("header at byte 10 (65535 bytes) runs past the end"))
        let huge: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 2, 0, 0xFF, 0xFF, 0xFF, 0x7F]
        #expect(Self.detail(huge) == "header of 2147483647 bytes; NumPy writes a few hundred")
    }
}
