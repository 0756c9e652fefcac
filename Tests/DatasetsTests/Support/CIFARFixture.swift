/// Builds CIFAR binary records byte by byte: planar R, G, B planes of 32×32, row-major.
enum CIFARFixture {
    /// The byte the fixture puts in `channel` at (row, column) of record `record`.
    static func pixel(_ record: Int, _ row: Int, _ column: Int, _ channel: Int) -> UInt8 {
        UInt8((record * 31 + row * 7 + column * 3 + channel * 101) % 256)
    }

    /// One record: `labels` (1 byte for CIFAR-10, coarse then fine for CIFAR-100), then the planes.
    static func record(_ record: Int, labels: [UInt8]) -> [UInt8] {
        var bytes = labels
        for channel in 0..<3 {
            for row in 0..<32 {
                for column in 0..<32 { bytes.append(pixel(record, row, column, channel)) }
            }
        }
        return bytes
    }

    /// CIFAR-10 records `first..<first+count`, labelled `record % 10`.
    static func cifar10File(first: Int, count: Int) -> [UInt8] {
        (first..<(first + count)).flatMap { record($0, labels: [UInt8($0 % 10)]) }
    }

    /// CIFAR-100 records `first..<first+count`, fine label `(record * 7) % 100`, coarse `record % 20`.
    static func cifar100File(first: Int, count: Int) -> [UInt8] {
        (first..<(first + count)).flatMap { record($0, labels: [UInt8($0 % 20), UInt8(($0 * 7) % 100)]) }
    }
}
